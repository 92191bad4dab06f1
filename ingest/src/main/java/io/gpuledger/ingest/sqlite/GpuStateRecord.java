package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a {@code gpu_state} table exactly as stored: ids not normalised, timestamp as text. Values are
 * {@code Object}s so that test fixtures can also store what real files sometimes hold (a number in a TEXT column, text
 * in a numeric one, a BLOB).
 */
public record GpuStateRecord(
        Object name,
        Object assignedGpus,
        Object availableGpus,
        Object state,
        Object deviceName,
        Object memoryMb,
        Object prioritizedProjects,
        Object gpusAverageUsage,
        Object machine,
        Object remoteOwner,
        Object globalJobId,
        Object timestamp,
        Object preventJobsReason,
        Object disk) {

    /** Column name to value, in {@link GpuStateColumns#ALL} order. */
    public Map<String, Object> byColumn() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(GpuStateColumns.NAME, name);
        values.put(GpuStateColumns.ASSIGNED_GPUS, assignedGpus);
        values.put(GpuStateColumns.AVAILABLE_GPUS, availableGpus);
        values.put(GpuStateColumns.STATE, state);
        values.put(GpuStateColumns.DEVICE_NAME, deviceName);
        values.put(GpuStateColumns.MEMORY_MB, memoryMb);
        values.put(GpuStateColumns.PRIORITIZED_PROJECTS, prioritizedProjects);
        values.put(GpuStateColumns.AVERAGE_USAGE, gpusAverageUsage);
        values.put(GpuStateColumns.MACHINE, machine);
        values.put(GpuStateColumns.REMOTE_OWNER, remoteOwner);
        values.put(GpuStateColumns.GLOBAL_JOB_ID, globalJobId);
        values.put(GpuStateColumns.TIMESTAMP, timestamp);
        values.put(GpuStateColumns.PREVENT_JOBS_REASON, preventJobsReason);
        values.put(GpuStateColumns.DISK, disk);
        return values;
    }

    /**
     * The value of the column at {@code index} in {@link GpuStateColumns#ALL} order: for writers that copy millions of
     * rows without building a map per row.
     */
    public Object component(int index) {
        return switch (index) {
            case 0 -> name;
            case 1 -> assignedGpus;
            case 2 -> availableGpus;
            case 3 -> state;
            case 4 -> deviceName;
            case 5 -> memoryMb;
            case 6 -> prioritizedProjects;
            case 7 -> gpusAverageUsage;
            case 8 -> machine;
            case 9 -> remoteOwner;
            case 10 -> globalJobId;
            case 11 -> timestamp;
            case 12 -> preventJobsReason;
            case 13 -> disk;
            default -> throw new IllegalArgumentException("no record component " + index);
        };
    }
}
