package io.gpuledger.ingest.monthly;

import java.util.List;

/** The {@code gpu_state} table of the monthly files (rules §1.2): column names and declared types, in file order. */
public final class GpuStateColumns {

    public static final String TABLE = "gpu_state";

    public static final String NAME = "Name";
    public static final String ASSIGNED_GPUS = "AssignedGPUs";
    public static final String AVAILABLE_GPUS = "AvailableGPUs";
    public static final String STATE = "State";
    public static final String DEVICE_NAME = "GPUs_DeviceName";
    public static final String MEMORY_MB = "GPUs_GlobalMemoryMb";
    public static final String PRIORITIZED_PROJECTS = "PrioritizedProjects";
    public static final String AVERAGE_USAGE = "GPUsAverageUsage";
    public static final String MACHINE = "Machine";
    public static final String REMOTE_OWNER = "RemoteOwner";
    public static final String GLOBAL_JOB_ID = "GlobalJobId";
    public static final String TIMESTAMP = "timestamp";
    public static final String PREVENT_JOBS_REASON = "PreventJobsReason";
    public static final String DISK = "Disk";

    /** A column and the type it is declared with in the original files. */
    public record Column(String name, String declaredType, boolean required) {
    }

    /** Every column gpuledger reads, in the original files' order; the last two are optional. */
    public static final List<Column> ALL = List.of(
            new Column(NAME, "TEXT", true),
            new Column(ASSIGNED_GPUS, "TEXT", true),
            new Column(AVAILABLE_GPUS, "TEXT", true),
            new Column(STATE, "TEXT", true),
            new Column(DEVICE_NAME, "TEXT", true),
            new Column(MEMORY_MB, "INTEGER", true),
            new Column(PRIORITIZED_PROJECTS, "TEXT", true),
            new Column(AVERAGE_USAGE, "REAL", true),
            new Column(MACHINE, "TEXT", true),
            new Column(REMOTE_OWNER, "TEXT", true),
            new Column(GLOBAL_JOB_ID, "TEXT", true),
            new Column(TIMESTAMP, "DATETIME", true),
            new Column(PREVENT_JOBS_REASON, "TEXT", false),
            new Column(DISK, "INTEGER", false));

    private GpuStateColumns() {
    }

    public static List<String> names() {
        return ALL.stream().map(Column::name).toList();
    }
}
