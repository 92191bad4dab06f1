package io.gpuledger.backfill.support;

import java.time.LocalDateTime;

/** One machine's snapshot at one time: what one record of the topic stands for. */
public record SnapshotKey(String machine, LocalDateTime timestamp) {
}
