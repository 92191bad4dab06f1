package io.gpuledger.ingest.monthly;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * What a read of one file emitted.
 *
 * @param file             the file
 * @param rows             rows emitted
 * @param snapshots        snapshots emitted (one per machine and timestamp)
 * @param first            earliest emitted timestamp, or null when nothing was emitted
 * @param last             latest emitted timestamp, or null
 * @param machines         distinct machines emitted
 * @param gpus             distinct GPU keys (Machine, normalised id) emitted; rows without a GPU not counted
 * @param badRows          rows skipped as bad (skip-bad-rows mode)
 * @param rowsOutsideMonth good rows of the file whose timestamp is outside the file's month
 */
public record FileSummary(
        Path file,
        long rows,
        long snapshots,
        LocalDateTime first,
        LocalDateTime last,
        long machines,
        long gpus,
        long badRows,
        long rowsOutsideMonth) {
}
