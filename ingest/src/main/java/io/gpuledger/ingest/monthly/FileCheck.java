package io.gpuledger.ingest.monthly;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

/**
 * What the validation scan found in one file, before anything is emitted.
 *
 * @param file             the file
 * @param month            the month its name gives, or null for a file not named {@code gpu_state_YYYY-MM.db}
 * @param rows             every row of {@code gpu_state}
 * @param badRows          rows with at least one bad value (rules §1.2, 1.3, 1.5)
 * @param problems         the problems of the first bad rows in rowid order (at most {@link ReadOptions#problemLimit()}
 *                         rows' worth)
 * @param first            earliest good timestamp in the file, or null when there is none
 * @param last             latest good timestamp in the file, or null
 * @param rowsInRange      good rows inside the options' time range
 * @param rowsToEmit       good rows inside the range and after the resume point: what a full read emits
 * @param rowsOutsideMonth good rows whose timestamp is not in the file's month (accepted; one warning per file)
 * @param timestampOrdered true when good rows are in timestamp order by rowid, so the file streams in rowid order;
 *                         false means it is read sorted by timestamp (slower)
 * @param seconds          how long the scan took
 */
public record FileCheck(
        Path file,
        YearMonth month,
        long rows,
        long badRows,
        List<RowProblem> problems,
        LocalDateTime first,
        LocalDateTime last,
        long rowsInRange,
        long rowsToEmit,
        long rowsOutsideMonth,
        boolean timestampOrdered,
        double seconds) {

    public FileCheck {
        problems = List.copyOf(problems);
    }

    /** No bad row. */
    public boolean clean() {
        return badRows == 0;
    }
}
