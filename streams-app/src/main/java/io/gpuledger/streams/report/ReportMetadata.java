package io.gpuledger.streams.report;

import java.util.List;
import java.util.Map;

/**
 * Metadata of every report except the GPU model snapshot (rules §4.1, 4.14).
 *
 * @param startTime        earliest row timestamp in the window, before exclusions (null when empty)
 * @param endTime          latest row timestamp
 * @param windowStart      requested window start
 * @param windowEnd        requested window end
 * @param numIntervals     {@code |B|}
 * @param totalRecords     window rows before exclusions
 * @param hoursBack        requested length (monthly: the month's hours)
 * @param excludedHosts    exclusion patterns in use, document order
 * @param excludedRecords  rows those patterns exclude
 * @param hostFilter       the host filter, {@code ""} for none
 * @param allDevices       whether old devices are kept
 * @param gaps             runs of missing 15-minute buckets inside the window
 * @param analysisRuntimeSeconds wall time of the computation
 * @param generatedAt      local time the query ended
 * @param partial          the numbers cannot be complete yet ({@link Completeness})
 * @param partialReason    why, or null when complete
 */
public record ReportMetadata(String startTime, String endTime, String windowStart, String windowEnd,
                             long numIntervals, long totalRecords, long hoursBack, Map<String, String> excludedHosts,
                             long excludedRecords, String hostFilter, boolean allDevices, List<Gap> gaps,
                             double analysisRuntimeSeconds, String generatedAt, boolean partial,
                             String partialReason) {

    /** A run of missing buckets {@code [start, end)}. */
    public record Gap(String start, String end, long minutes) {
    }

    public ReportMetadata withRuntime(double seconds, String generated) {
        return new ReportMetadata(startTime, endTime, windowStart, windowEnd, numIntervals, totalRecords, hoursBack,
                excludedHosts, excludedRecords, hostFilter, allDevices, gaps, seconds, generated, partial,
                partialReason);
    }

    public ReportMetadata withCompleteness(Completeness completeness) {
        return new ReportMetadata(startTime, endTime, windowStart, windowEnd, numIntervals, totalRecords, hoursBack,
                excludedHosts, excludedRecords, hostFilter, allDevices, gaps, analysisRuntimeSeconds, generatedAt,
                completeness.partial(), completeness.reason());
    }

    public Completeness completeness() {
        return partial ? Completeness.partial(partialReason) : Completeness.COMPLETE;
    }
}
