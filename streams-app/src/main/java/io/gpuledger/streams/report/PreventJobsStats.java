package io.gpuledger.streams.report;

import java.util.Map;

/**
 * GPUs with PreventJobsReason set (rules §4.9).
 *
 * @param pjBuckets    buckets with prevented rows
 * @param totalBuckets {@code |B|}
 * @param perClassAvg  the Real Slots {@code avg_prevented} per class id
 * @param perDeviceAvg per class id and raw device name
 */
public record PreventJobsStats(boolean hasPreventJobs, int numHosts, int numUniqueGpus,
                               Map<String, HostPrevent> perHost, Map<String, ReasonCount> byReason,
                               long pjBuckets, long totalBuckets, Map<String, Double> perClassAvg,
                               Map<String, Map<String, Double>> perDeviceAvg) {

    /** True when fewer than a quarter of the window's buckets carry reason data (heading note). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean sparse() {
        return hasPreventJobs && (double) pjBuckets / totalBuckets < 0.25;
    }

    /** @param lastSeen {@code YYYY-MM-DD HH:MM} */
    public record HostPrevent(int numGpus, java.util.List<String> reasons, String lastSeen, boolean active) {
    }

    public record ReasonCount(int numHosts, long numGpus) {
    }
}
