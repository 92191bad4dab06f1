package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.monthly.TimeRange;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Rows a replay will emit, for its percentage and ETA: exact for files whose validation scan ran, estimated for the
 * others from their size (bytes per row of the files scanned so far; ~200 for the collector's schema) and from how
 * much of their month the range covers (the neighbouring months' files, read for rows that cross a month boundary,
 * count as nearly nothing).
 */
final class RowEstimate {

    static final double DEFAULT_BYTES_PER_ROW = 200;

    private final TimeRange range;
    private long scannedBytes;
    private long scannedRows;

    RowEstimate(TimeRange range) {
        this.range = range;
    }

    /** A file's scan counted its rows. */
    void scanned(FileTask task) {
        scannedBytes += task.identity.size();
        scannedRows += task.check.rows();
    }

    /** Rows the whole run will emit. */
    long total(List<FileTask> tasks) {
        long total = 0;
        for (FileTask task : tasks) {
            if (task.skipped()) {
                continue;
            }
            total += task.check != null ? task.check.rowsToEmit() : estimate(task);
        }
        return total;
    }

    /** True when every file that will be read has been scanned. */
    static boolean exact(List<FileTask> tasks) {
        return tasks.stream().allMatch(task -> task.skipped() || task.check != null);
    }

    private long estimate(FileTask task) {
        double bytesPerRow = scannedRows > 0 ? (double) scannedBytes / scannedRows : DEFAULT_BYTES_PER_ROW;
        double rows = task.identity.size() / bytesPerRow * coveredFraction(task);
        return Math.max(0, Math.round(rows) - task.rowsAcknowledgedBefore);
    }

    private double coveredFraction(FileTask task) {
        if (task.month == null) {
            return 1.0;
        }
        LocalDateTime monthStart = task.month.atDay(1).atStartOfDay();
        LocalDateTime monthEnd = monthStart.plusMonths(1);
        LocalDateTime from = range.from().isAfter(monthStart) ? range.from() : monthStart;
        LocalDateTime to = range.to().isBefore(monthEnd) ? range.to() : monthEnd;
        if (!to.isAfter(from)) {
            return 0.0;
        }
        return (double) Duration.between(from, to).toSeconds() / Duration.between(monthStart, monthEnd).toSeconds();
    }
}
