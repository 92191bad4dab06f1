package io.gpuledger.streams.report;

/**
 * Raw per-(class, device) averages (rules §3.4, 4.10); unrounded.
 *
 * @param avgClaimed             {@code Σ C_b / |B|}
 * @param avgDrained             {@code Σ D_b / |B|}
 * @param avgTotalAvailable      {@code Σ T_b / |B|}
 * @param avgPrevented           {@code Σ R_b / |B|}
 * @param allocationUsagePercent mean of {@code P_b} over buckets with {@code T_b > 0}
 * @param drainedPercent         mean of {@code PD_b} over those buckets
 * @param numIntervals           {@code |B|}
 */
public record DeviceStat(double avgClaimed, double avgDrained, double avgTotalAvailable, double avgPrevented,
                         double allocationUsagePercent, double drainedPercent, long numIntervals) {
}
