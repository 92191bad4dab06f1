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
 * @param sendingSeconds since the first record was sent (0 before): the base of the rate, so that the first file's
 *                       validation scan does not make the first minutes' ETA wildly long
 */
public record ReplayProgress(Phase phase, Path file, int fileIndex, int files, long rowsDone, long rowsSent,
                             long rowsTotal, boolean totalExact, long snapshotsDone, long badRows,
                             double elapsedSeconds, double sendingSeconds) {

    public enum Phase {
        /** Running a file's validation scan (nothing of that file is sent before it passes). */
        CHECKING,
        /** Sending and collecting acknowledgements. */
        SENDING,
        /** Everything is sent; waiting for the last acknowledgements. */
        FLUSHING,
        /** Every selected row was acknowledged. */
        DONE
    }

    /** Done fraction 0-1 of the selected rows (1 when there is nothing to do). */
    public double fraction() {
        return rowsTotal <= 0 ? 1.0 : Math.min(1.0, (double) rowsDone / rowsTotal);
    }

    /** Acknowledged rows per second since sending began. */
    public double rowsPerSecond() {
        return sendingSeconds <= 0 ? 0 : rowsDone / sendingSeconds;
    }

    /** Seconds left at the sending rate so far, or -1 before there is a rate. */
    public double etaSeconds() {
        double rate = rowsPerSecond();
        return rate <= 0 ? -1 : Math.max(0, rowsTotal - rowsDone) / rate;
    }
}
