package io.gpuledger.ingest.monthly;

import java.time.LocalDateTime;

/**
 * Where a read stands, for progress display.
 *
 * @param rowsToEmit       rows the whole read will emit (from the validation scan)
 * @param rowsEmitted      rows emitted so far
 * @param snapshotsEmitted snapshots emitted so far
 * @param lastTimestamp    timestamp of the last emitted snapshot, or null
 */
public record ReadProgress(long rowsToEmit, long rowsEmitted, long snapshotsEmitted, LocalDateTime lastTimestamp) {

    /** Fraction done, 0-1 (1 when there is nothing to emit). */
    public double fraction() {
        return rowsToEmit == 0 ? 1.0 : Math.min(1.0, (double) rowsEmitted / rowsToEmit);
    }
}
