package io.gpuledger.backfill.replay;

import java.util.concurrent.TimeUnit;

/** Holds sending to at most a given number of rows per second on average (0 = no limit). */
final class RatePacer {

    private final long rowsPerSecond;
    private long started = Long.MIN_VALUE;
    private long rows;

    RatePacer(long rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    /** Waits, when ahead of the rate, before {@code more} rows are sent. */
    void acquire(int more) throws InterruptedException {
        if (rowsPerSecond <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (started == Long.MIN_VALUE) {
            started = now;
        }
        long due = started + rows * 1_000_000_000L / rowsPerSecond;
        rows += more;
        if (due > now) {
            // Pacing a production replay is the point here: the sending thread has nothing else to do meanwhile.
            TimeUnit.NANOSECONDS.sleep(due - now);
        }
    }
}
