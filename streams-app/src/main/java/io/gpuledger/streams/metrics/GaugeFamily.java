package io.gpuledger.streams.metrics;

import java.util.List;

/**
 * The allocation series of one 15-minute bucket, as exported live on {@code /metrics} (label {@code bucket} =
 * {@code complete} or {@code current}) and as history on {@code /api/v1/openmetrics} ({@code bucket="complete"}).
 * Names are final Prometheus names: Micrometer's Prometheus naming leaves them unchanged because they carry no base
 * unit of their own (GPUs, hosts and machines are counts).
 *
 * <p>Every value is a number the allocation report shows for a one-bucket window (architecture §3, metrics semantics), so a
 * label set exists exactly when the report has the row: a class without devices has no class series, Secondary
 * appears only with backfill capacity, and so on.
 */
public enum GaugeFamily {

    DEVICE_AVAILABLE("gpuledger_device_available_gpus", Labels.DEVICE,
            "GPUs available (T_b) per class and device in the bucket; old devices filtered (rules §3.3, 4.10)"),
    DEVICE_CLAIMED("gpuledger_device_claimed_gpus", Labels.DEVICE,
            "GPUs claimed (C_b) per class and device in the bucket (rules §3.3, 4.10)"),
    DEVICE_DRAINED("gpuledger_device_drained_gpus", Labels.DEVICE,
            "GPUs drained and not claimed (D_b) per class and device in the bucket (rules §3.3, 4.10)"),
    DEVICE_PREVENTED("gpuledger_device_prevented_gpus", Labels.DEVICE,
            "GPUs with PreventJobsReason set and not claimed (R_b) per class and device in the bucket (rules §3.3)"),

    CLASS_AVAILABLE("gpuledger_class_available_gpus", Labels.CLASS,
            "GPUs available per class: the Real Slots Available column (rules §4.2)"),
    CLASS_CLAIMED("gpuledger_class_claimed_gpus", Labels.CLASS,
            "GPUs claimed per class: the Real Slots Allocated column (rules §4.2)"),
    CLASS_DRAINED("gpuledger_class_drained_gpus", Labels.CLASS,
            "GPUs drained per class: the Real Slots Drained column (rules §4.2)"),
    CLASS_PREVENTED("gpuledger_class_prevented_gpus", Labels.CLASS,
            "GPUs prevented per class: the Real Slots Prevented column (rules §4.2)"),
    CLASS_ALLOCATION_RATIO("gpuledger_class_allocation_ratio", Labels.CLASS, "ratio",
            "Claimed / available per class, 0-1: the Real Slots Allocated % (rules §4.2)"),

    TOTAL_AVAILABLE("gpuledger_total_available_gpus", Labels.TOTAL,
            "GPUs available in a Real Slots total row; secondary capacity never adds to it (rules §3.6)"),
    TOTAL_CLAIMED("gpuledger_total_claimed_gpus", Labels.TOTAL,
            "GPUs claimed in a Real Slots total row (rules §3.6)"),
    TOTAL_DRAINED("gpuledger_total_drained_gpus", Labels.TOTAL,
            "GPUs drained in a Real Slots total row (rules §3.6)"),
    TOTAL_PREVENTED("gpuledger_total_prevented_gpus", Labels.TOTAL,
            "GPUs prevented in a Real Slots total row (rules §3.6)"),
    TOTAL_ALLOCATION_RATIO("gpuledger_total_allocation_ratio", Labels.TOTAL, "ratio",
            "Claimed / available of a Real Slots total row, 0-1 (rules §3.6, 4.2)"),

    TIER_AVAILABLE("gpuledger_open_capacity_available_gpus", Labels.TIER,
            "Open Capacity GPUs available per performance tier (rules §2.7, 3.6)"),
    TIER_CLAIMED("gpuledger_open_capacity_claimed_gpus", Labels.TIER,
            "Open Capacity GPUs claimed per performance tier (rules §3.6)"),
    TIER_DRAINED("gpuledger_open_capacity_drained_gpus", Labels.TIER,
            "Open Capacity GPUs drained per performance tier (rules §3.6)"),
    TIER_PREVENTED("gpuledger_open_capacity_prevented_gpus", Labels.TIER,
            "Open Capacity GPUs prevented per performance tier (rules §3.6)"),
    TIER_ALLOCATION_RATIO("gpuledger_open_capacity_allocation_ratio", Labels.TIER, "ratio",
            "Open Capacity claimed / available per performance tier, 0-1 (rules §3.6)"),

    MEMORY_AVAILABLE("gpuledger_memory_available_gpus", Labels.MEMORY,
            "Real-class GPUs available per memory category (rules §4.3)"),
    MEMORY_ALLOCATED("gpuledger_memory_allocated_gpus", Labels.MEMORY,
            "Real-class GPUs claimed or drained per memory category (rules §4.3)"),
    MEMORY_ALLOCATION_RATIO("gpuledger_memory_allocation_ratio", Labels.MEMORY, "ratio",
            "(Claimed + drained) / available per memory category, 0-1 (rules §4.3)"),

    ZERO_ACTIVE_MACHINES("gpuledger_zero_active_machines", Labels.BUCKET,
            "Machines with zero active primary-slot GPUs in the bucket (rules §4.7)"),
    ZERO_ACTIVE_IDLE_GPUS("gpuledger_zero_active_idle_gpus", Labels.BUCKET,
            "GPUs on machines with zero active primary-slot GPUs (rules §4.7 total_gpus_idle)"),
    DRAINING_HOSTS("gpuledger_draining_hosts", Labels.BUCKET,
            "Hosts with drained GPUs in the bucket, no exclusions or filters (rules §4.8)"),
    DRAINING_GPUS("gpuledger_draining_gpus", Labels.BUCKET,
            "Distinct GPUs drained in the bucket (rules §4.8)"),
    PREVENT_JOBS_HOSTS("gpuledger_prevent_jobs_hosts", Labels.BUCKET,
            "Hosts with PreventJobsReason set in the bucket (rules §4.9)"),
    PREVENT_JOBS_GPUS("gpuledger_prevent_jobs_gpus", Labels.BUCKET,
            "Distinct GPUs with PreventJobsReason set in the bucket (rules §4.9)"),
    BUCKET_ROWS("gpuledger_bucket_rows", Labels.BUCKET,
            "Snapshot rows in the bucket before exclusions (rules §4.1 total_records)"),

    /** Live only: history samples carry their own timestamps. */
    BUCKET_START("gpuledger_bucket_start_timestamp_seconds", Labels.BUCKET, "seconds",
            "Start of the bucket the series describe, Unix time (naive wall clock read in --collector-zone)", false);

    /** Label names of the families, in output order (alphabetical, as Micrometer writes them). */
    public static final class Labels {
        public static final List<String> DEVICE = List.of("bucket", "class", "device", "model");
        public static final List<String> CLASS = List.of("bucket", "class");
        public static final List<String> TOTAL = List.of("bucket", "total");
        public static final List<String> TIER = List.of("bucket", "tier");
        public static final List<String> MEMORY = List.of("bucket", "category");
        public static final List<String> BUCKET = List.of("bucket");

        private Labels() {
        }
    }

    private final String prometheusName;
    private final List<String> labelNames;
    private final String unit;
    private final String help;
    private final boolean inHistory;

    GaugeFamily(String prometheusName, List<String> labelNames, String help) {
        this(prometheusName, labelNames, null, help, true);
    }

    GaugeFamily(String prometheusName, List<String> labelNames, String unit, String help) {
        this(prometheusName, labelNames, unit, help, true);
    }

    GaugeFamily(String prometheusName, List<String> labelNames, String unit, String help, boolean inHistory) {
        this.prometheusName = prometheusName;
        this.labelNames = labelNames;
        this.unit = unit;
        this.help = help;
        this.inHistory = inHistory;
    }

    public String prometheusName() {
        return prometheusName;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    /** OpenMetrics unit (the name's suffix), or null for plain counts. */
    public String unit() {
        return unit;
    }

    public String help() {
        return help;
    }

    /** Whether {@code /api/v1/openmetrics} exports the family. */
    public boolean inHistory() {
        return inHistory;
    }
}
