package io.gpuledger.streams.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a report kind falls due, in the collector's zone. A firing is due once its time has passed and the ledger
 * has no record of it (or of a later one); after downtime only the latest missed firing is due, so the owners get
 * one e-mail with current numbers rather than a burst of stale ones.
 */
public record ReportSchedule(ReportKind kind, CronExpression cron, ZoneId zone) {

    public static ReportSchedule defaults(ReportKind kind, ZoneId zone) {
        return new ReportSchedule(kind, CronExpression.parse(kind.defaultCron()), zone);
    }

    /** The latest firing at or before the clock's now. */
    public ZonedDateTime latestFiring(Clock clock) {
        ZonedDateTime now = clock.instant().atZone(zone);
        return cron.latestAtOrBefore(now.toLocalDateTime()).atZone(zone);
    }

    /** The firing to send now, if any: the latest one that the ledger has not recorded. */
    public Optional<ZonedDateTime> due(Clock clock, SendLedger ledger) {
        ZonedDateTime firing = latestFiring(clock);
        Optional<Instant> last = ledger.lastSentFiring(kind);
        if (last.isPresent() && !last.get().isBefore(firing.toInstant())) {
            return Optional.empty();
        }
        return Optional.of(firing);
    }
}
