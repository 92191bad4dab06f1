package io.gpuledger.streams.window;

import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Everything a report needs from one window, already classified with the query's configuration: integer sums and
 * set sizes only, so the report's arithmetic is one division per number (rules §3.4).
 *
 * @param window             the window
 * @param config             the configuration applied
 * @param buckets            the bucket universe {@code B} (rules §3.2), bucket starts in micros
 * @param totalRecords       window rows before exclusions
 * @param excludedRecords    window rows of excluded machines
 * @param firstTimestamp     earliest row timestamp in the window (micros), or -1 without rows
 * @param lastTimestamp      latest row timestamp
 * @param researcherMachines ResearcherMachines of the window (rules §2.5)
 * @param deviceTotals       per class and raw device name (all devices; filters apply in the report)
 * @param memoryTotals       per memory category, with the query's device filter
 * @param h200Users          the H200 table's bucket count and claimed GPU-buckets (rules §4.5)
 * @param backfillUsers      the backfill-user table's (rules §4.6)
 * @param zeroActive         per machine (not excluded, host filter applied), rules §4.7
 * @param drainingIntervals  draining intervals (rules §4.8), by machine, GPU, start
 * @param prevented          PreventJobsReason facts (rules §4.9)
 * @param timeSeries         legacy 3-class rows per time-series bucket, when asked for (rules §4.13)
 */
public record WindowFacts(
        QueryWindow window,
        QueryConfig config,
        SortedSet<Long> buckets,
        long totalRecords,
        long excludedRecords,
        long firstTimestamp,
        long lastTimestamp,
        SortedSet<String> researcherMachines,
        EnumMap<GpuClass, SortedMap<String, CellTotals>> deviceTotals,
        EnumMap<MemoryCategory, CellTotals> memoryTotals,
        UserBuckets h200Users,
        UserBuckets backfillUsers,
        SortedMap<String, ZeroActiveMachine> zeroActive,
        List<DrainingInterval> drainingIntervals,
        PreventedFacts prevented,
        List<TimeSeriesPoint> timeSeries) {

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /**
     * A user table's inputs: {@code N} and, per user and class, GPU-buckets claimed ({@code S[u][k]}, rules §3.7).
     * Users are as stored ({@code ""} included); classes in class order.
     */
    public record UserBuckets(long buckets, SortedMap<String, EnumMap<GpuClass, Long>> claimedGpuBuckets) {
    }

    /** Zero-active facts of one machine over the window (rules §4.7). */
    public record ZeroActiveMachine(
            String machine,
            int allGpus,
            int claimedGpus,
            long observations,
            SortedMap<String, Long> deviceRows,
            SortedSet<String> prioritizedProjects,
            long backfillClaimedGpuBuckets,
            long backfillBuckets) {
    }

    /** One draining interval of one GPU (rules §4.8). */
    public record DrainingInterval(String machine, String gpu, long startMicros, long endMicros, int points) {
        /** 0.25 h for a one-point interval, else the span in hours. */
        public double hours() {
            return points == 1 ? 0.25 : (endMicros - startMicros) / 3.6e9;
        }
    }

    /**
     * PreventJobsReason facts over all window rows (rules §4.9).
     *
     * @param hosts      per machine: GPUs, reasons, latest timestamp, latest bucket with such rows
     * @param byReason   per reason: machines and GPU keys
     * @param buckets    {@code pj_buckets}: buckets with such rows
     */
    public record PreventedFacts(SortedMap<String, PreventedHost> hosts, SortedMap<String, ReasonUse> byReason,
                                 SortedSet<Long> buckets) {
    }

    public record PreventedHost(String machine, SortedSet<String> gpus, SortedSet<String> reasons,
                                long lastSeenMicros, long lastBucketMicros) {
    }

    public record ReasonUse(SortedSet<String> machines, long gpus) {
    }

    /** One time-series row: per legacy class (Priority, Shared, Backfill) claimed and total. */
    public record TimeSeriesPoint(long bucketStartMicros, int[] claimed, int[] total) {
    }
}
