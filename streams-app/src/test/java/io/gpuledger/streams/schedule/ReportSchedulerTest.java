package io.gpuledger.streams.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Which firings go out, on a controlled clock: once per firing, across restarts, instances and downtime. */
class ReportSchedulerTest {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final List<ReportSchedule> ALL = List.of(ReportSchedule.defaults(ReportKind.DAILY, ZONE),
            ReportSchedule.defaults(ReportKind.WEEKLY, ZONE), ReportSchedule.defaults(ReportKind.MONTHLY, ZONE));

    private final List<String> sent = new ArrayList<>();
    private final InMemorySendLedger ledger = new InMemorySendLedger();

    private ReportScheduler scheduler(String localTime, AtomicBoolean ready) {
        Clock clock = Clock.fixed(LocalDateTime.parse(localTime).atZone(ZONE).toInstant(), ZONE);
        return new ReportScheduler(ALL, ledger, ready::get, (kind, firing) -> sent.add(kind.key() + " " + local(firing)),
                clock);
    }

    private static String local(ZonedDateTime firing) {
        return firing.toLocalDateTime().toString();
    }

    @Test
    void mondayTheFirstSendsAllThreeOnceAndARestartSendsNoneAgain() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(true);

        assertThat(scheduler("2025-12-01T06:00", ready).runDue()).isEqualTo(3);
        assertThat(scheduler("2025-12-01T06:30", ready).runDue()).as("after a restart, same ledger").isZero();

        assertThat(sent).containsExactly("daily 2025-12-01T06:00", "weekly 2025-12-01T06:00",
                "monthly 2025-12-01T06:00");
    }

    @Test
    void twoInstancesSharingTheLedgerSendOneEmail() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(true);
        ReportScheduler first = scheduler("2025-12-02T06:01", ready);
        ReportScheduler second = scheduler("2025-12-02T06:01", ready);

        first.runDue();
        second.runDue();

        assertThat(sent).filteredOn(line -> line.startsWith("daily")).containsExactly("daily 2025-12-02T06:00");
    }

    @Test
    void nothingIsSentWhileNotReadyAndTheDueReportGoesOutOnceReady() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        ledger.claim(ReportKind.WEEKLY, LocalDateTime.parse("2025-12-01T06:00").atZone(ZONE).toInstant());
        ledger.claim(ReportKind.MONTHLY, LocalDateTime.parse("2025-12-01T06:00").atZone(ZONE).toInstant());
        ledger.claim(ReportKind.DAILY, LocalDateTime.parse("2025-12-01T06:00").atZone(ZONE).toInstant());

        assertThat(scheduler("2025-12-02T06:00", ready).runDue()).isZero();
        ready.set(true);
        assertThat(scheduler("2025-12-02T06:20", ready).runDue()).isEqualTo(1);

        assertThat(sent).containsExactly("daily 2025-12-02T06:00");
    }

    @Test
    void aReportThatFellDueDuringDowntimeIsSentOnStart() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(true);
        ledger.claim(ReportKind.WEEKLY, LocalDateTime.parse("2025-11-24T06:00").atZone(ZONE).toInstant());
        ledger.claim(ReportKind.MONTHLY, LocalDateTime.parse("2025-11-01T06:00").atZone(ZONE).toInstant());
        ledger.claim(ReportKind.DAILY, LocalDateTime.parse("2025-11-30T06:00").atZone(ZONE).toInstant());

        // Down from Sunday 30 Nov 07:00 to Monday 1 Dec 09:00: daily, weekly and monthly fell due at 06:00.
        scheduler("2025-12-01T09:00", ready).runDue();

        assertThat(sent).containsExactly("daily 2025-12-01T06:00", "weekly 2025-12-01T06:00",
                "monthly 2025-12-01T06:00");
    }
}
