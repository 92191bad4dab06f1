package io.gpuledger.backfill.progress;

import java.nio.file.Path;

/**
 * Where a replay stands.
 *
 * @param phase          what it is doing now
 * @param file           the file being checked or sent (null before the first and after the last)
 * @param fileIndex      its position, from 1 (0 when none)
 * @param files          how many files the replay has
 * @param rowsDone       rows acknowledged in this run (counted, for a dry run)
 * @param rowsSent       rows handed to the producer in this run
 * @param rowsTotal      rows this run will emit: exact for files already scanned, estimated from file sizes for the
 *                       others (see {@link #totalExact()})
 * @param totalExact     every file has been scanned, so {@link #rowsTotal()} is exact
 * @param snapshotsDone  snapshots (records) acknowledged in this run
 * @param badRows        rows skipped as bad so far
 * @param elapsedSeconds since the replay started
 */
public record ReplayProgress(Phase phase, Path file, int fileIndex, int files, long rowsDone, long rowsSent,
                             long rowsTotal, boolean totalExact, long snapshotsDone, long badRows,
                             double elapsedSeconds) {

    public enum Phase {
        /** Running a file's validation scan (nothing of that file is sent before it passes). */
        CHECKING,
        /** Sending and collecting acknowledgements. */
        SENDING,
        /** Everything is sent; waiting for the last acknowledgements. */
        FLUSHING
    }

    /** Done fraction 0-1 of the selected rows (1 when there is nothing to do). */
    public double fraction() {
        return rowsTotal <= 0 ? 1.0 : Math.min(1.0, (double) rowsDone / rowsTotal);
    }

    /** Acknowledged rows per second since the start (checks included, as they are part of the remaining work). */
    public double rowsPerSecond() {
        return elapsedSeconds <= 0 ? 0 : rowsDone / elapsedSeconds;
    }

    /** Seconds left at the average rate so far, or -1 before there is a rate. */
    public double etaSeconds() {
        double rate = rowsPerSecond();
        return rate <= 0 ? -1 : Math.max(0, rowsTotal - rowsDone) / rate;
    }
}
