package io.gpuledger.ingest.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * When the collector runs: one nominal slot every {@code intervalMinutes}, stamped a few seconds after the slot with
 * microseconds (rules §1.5: {@code 20:05:16.123456}, {@code 20:10:14.987654}), and now and then an outage that skips a
 * single snapshot or 30–60 minutes of them. The simulation keeps running through outages; only the rows are missing.
 */
final class SnapshotSchedule {

    /** One nominal slot; {@link #timestamp} is the collector's wall-clock stamp, used only when {@link #collected}. */
    record Slot(long tick, Instant nominal, int hourOfDay, LocalDateTime timestamp, boolean collected) {
    }

    private static final double MEAN_HOURS_BETWEEN_OUTAGES = 48;

    private final SplittableRandom random;
    private final ZoneId zone;
    private final Duration interval;
    private final int intervalMinutes;
    private final LocalDateTime end;
    private Instant nextNominal;
    private long nextTick;
    private int outageTicksLeft;

    SnapshotSchedule(GeneratorSettings settings, SplittableRandom random) {
        this.random = random;
        this.zone = settings.clockZone();
        this.intervalMinutes = settings.intervalMinutes();
        this.interval = Duration.ofMinutes(intervalMinutes);
        this.end = settings.start().plusDays(settings.days()).atStartOfDay();
        this.nextNominal = settings.start().atStartOfDay(zone).toInstant();
    }

    boolean hasNext() {
        return LocalDateTime.ofInstant(nextNominal, zone).isBefore(end);
    }

    Slot next() {
        Instant nominal = nextNominal;
        long tick = nextTick;
        nextNominal = nominal.plus(interval);
        nextTick++;
        LocalDateTime wallClock = LocalDateTime.ofInstant(nominal, zone);
        // Seconds of start-up plus microseconds: always well inside the slot, so stamps keep their order.
        long jitterMicros = Math.min(8 + random.nextInt(12), intervalMinutes * 60L - 1) * 1_000_000L
                + random.nextInt(1_000_000);
        LocalDateTime timestamp = LocalDateTime.ofInstant(nominal.plusNanos(jitterMicros * 1000), zone);
        boolean collected = outageTicksLeft == 0;
        if (!collected) {
            outageTicksLeft--;
        } else if (tick > 0 && random.nextDouble() < intervalMinutes / (MEAN_HOURS_BETWEEN_OUTAGES * 60)) {
            // Half the outages lose one run, the other half 30-60 minutes of runs.
            int minutes = random.nextBoolean() ? intervalMinutes : 30 + random.nextInt(31);
            outageTicksLeft = Math.max(1, minutes / intervalMinutes) - 1;
            collected = false;
        }
        return new Slot(tick, nominal, wallClock.getHour(), timestamp, collected);
    }
}
