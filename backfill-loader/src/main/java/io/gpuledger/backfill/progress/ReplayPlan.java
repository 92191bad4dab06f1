package io.gpuledger.backfill.progress;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

/**
 * What a replay is about to do.
 *
 * @param files         the selected files, in the order they are replayed (month order)
 * @param missingMonths months of the range without a file
 * @param topic         the topic written to
 * @param dryRun        nothing will be sent
 * @param estimatedRows rows to emit, estimated from file sizes until each file's validation scan counts them
 */
public record ReplayPlan(List<Path> files, List<YearMonth> missingMonths, String topic, boolean dryRun,
                         long estimatedRows) {

    public ReplayPlan {
        files = List.copyOf(files);
        missingMonths = List.copyOf(missingMonths);
    }
}
