package io.gpuledger.streams.metrics;

import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.Percent;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocation series of one bucket, read off the allocation report of that bucket. Nothing is recomputed here:
 * every value is a field or a table cell of the report, so the gauges cannot drift from the report API. Ratios are
 * {@code claimed / available} of the row (the Real Slots ratio, {@code 0} when nothing is available).
 */
public final class AllocationSamples {

    /** The {@code total} label of the rules §3.6 rows, keyed by their Real Slots label. */
    static final Map<String, String> TOTAL_ROWS = Map.of(
            "TOTAL (primary + secondary)", "all",
            "Prioritized (TOTAL)", "prioritized",
            "Primary", "primary",
            "Secondary (Backfill)", "secondary",
            "Open Capacity (TOTAL)", "open_capacity");

    /** Real Slots label → class id; Shared is shown as "Open Capacity (TOTAL)". */
    static final Map<String, String> CLASS_ROWS = classRows();

    /** Real Slots label → tier label. */
    static final Map<String, String> TIER_ROWS = tierRows();

    private AllocationSamples() {
    }

    private static Map<String, String> classRows() {
        Map<String, String> rows = new HashMap<>();
        for (GpuClass gpuClass : List.of(GpuClass.PRO, GpuClass.PCO, GpuClass.BRO, GpuClass.BCO)) {
            rows.put(gpuClass.displayName(), gpuClass.id());
        }
        rows.put("Open Capacity (TOTAL)", GpuClass.SHARED.id());
        return Map.copyOf(rows);
    }

    private static Map<String, String> tierRows() {
        Map<String, String> rows = new HashMap<>();
        for (Devices.Tier tier : Devices.Tier.values()) {
            rows.put("Open Capacity (" + tier.label() + ")", tier.label());
        }
        return Map.copyOf(rows);
    }

    /** Every allocation series of {@code report}, a one-bucket report, under {@code bucket}. */
    public static List<Sample> of(AllocationReport report, BucketLabel bucket) {
        String b = bucket.value();
        List<Sample> samples = new ArrayList<>();
        report.deviceStats().forEach((classId, devices) -> devices.forEach((device, stat) -> {
            List<String> labels = List.of(b, classId, Devices.shortName(device), device);
            addDevice(samples, labels, stat);
        }));
        for (RealSlotsRow row : report.realSlots()) {
            boolean mapped = false;
            String classId = CLASS_ROWS.get(row.label());
            if (classId != null) {
                addRow(samples, List.of(b, classId), row, GaugeFamily.CLASS_AVAILABLE, GaugeFamily.CLASS_CLAIMED,
                        GaugeFamily.CLASS_DRAINED, GaugeFamily.CLASS_PREVENTED, GaugeFamily.CLASS_ALLOCATION_RATIO);
                mapped = true;
            }
            String total = TOTAL_ROWS.get(row.label());
            if (total != null) {
                addRow(samples, List.of(b, total), row, GaugeFamily.TOTAL_AVAILABLE, GaugeFamily.TOTAL_CLAIMED,
                        GaugeFamily.TOTAL_DRAINED, GaugeFamily.TOTAL_PREVENTED, GaugeFamily.TOTAL_ALLOCATION_RATIO);
                mapped = true;
            }
            String tier = TIER_ROWS.get(row.label());
            if (tier != null) {
                addRow(samples, List.of(b, tier), row, GaugeFamily.TIER_AVAILABLE, GaugeFamily.TIER_CLAIMED,
                        GaugeFamily.TIER_DRAINED, GaugeFamily.TIER_PREVENTED, GaugeFamily.TIER_ALLOCATION_RATIO);
                mapped = true;
            }
            if (!mapped) {
                // A new Real Slots row must get a series deliberately, not vanish from the dashboards.
                throw new IllegalStateException("Real Slots row without a metric: " + row.label());
            }
        }
        for (RatioRow row : report.memoryTable()) {
            if ("TOTAL".equals(row.key())) {
                continue;
            }
            List<String> labels = List.of(b, row.key());
            samples.add(new Sample(GaugeFamily.MEMORY_AVAILABLE, labels, row.available()));
            samples.add(new Sample(GaugeFamily.MEMORY_ALLOCATED, labels, row.allocated()));
            samples.add(new Sample(GaugeFamily.MEMORY_ALLOCATION_RATIO, labels,
                    Percent.ratio(row.allocated(), row.available())));
        }
        List<String> bucketOnly = List.of(b);
        samples.add(new Sample(GaugeFamily.ZERO_ACTIVE_MACHINES, bucketOnly,
                report.zeroActiveMachines().totalMachines()));
        samples.add(new Sample(GaugeFamily.ZERO_ACTIVE_IDLE_GPUS, bucketOnly,
                report.zeroActiveMachines().totalGpusIdle()));
        samples.add(new Sample(GaugeFamily.DRAINING_HOSTS, bucketOnly, report.drainingStats().numHosts()));
        samples.add(new Sample(GaugeFamily.DRAINING_GPUS, bucketOnly, report.drainingStats().numUniqueGpus()));
        samples.add(new Sample(GaugeFamily.PREVENT_JOBS_HOSTS, bucketOnly, report.preventJobsStats().numHosts()));
        samples.add(new Sample(GaugeFamily.PREVENT_JOBS_GPUS, bucketOnly, report.preventJobsStats().numUniqueGpus()));
        samples.add(new Sample(GaugeFamily.BUCKET_ROWS, bucketOnly, report.metadata().totalRecords()));
        return samples;
    }

    private static void addDevice(List<Sample> samples, List<String> labels, DeviceStat stat) {
        samples.add(new Sample(GaugeFamily.DEVICE_AVAILABLE, labels, stat.avgTotalAvailable()));
        samples.add(new Sample(GaugeFamily.DEVICE_CLAIMED, labels, stat.avgClaimed()));
        samples.add(new Sample(GaugeFamily.DEVICE_DRAINED, labels, stat.avgDrained()));
        samples.add(new Sample(GaugeFamily.DEVICE_PREVENTED, labels, stat.avgPrevented()));
    }

    private static void addRow(List<Sample> samples, List<String> labels, RealSlotsRow row, GaugeFamily available,
                               GaugeFamily claimed, GaugeFamily drained, GaugeFamily prevented, GaugeFamily ratio) {
        samples.add(new Sample(available, labels, row.available()));
        samples.add(new Sample(claimed, labels, row.claimed()));
        samples.add(new Sample(drained, labels, row.drained()));
        samples.add(new Sample(prevented, labels, row.prevented()));
        samples.add(new Sample(ratio, labels, Percent.ratio(row.claimed(), row.available())));
    }
}
