package io.gpuledger.streams.report;

/**
 * Raw per-memory-category averages (rules §3.4 memory path, 4.3): sums divided by {@code n_m}, the buckets where the
 * category has GPUs.
 */
public record MemoryStat(double avgClaimed, double avgDrained, double avgTotalAvailable,
                         double allocationUsagePercent, double drainedPercent, long numIntervals) {
}
