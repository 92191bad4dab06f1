package io.gpuledger.ingest.monthly;

import java.util.List;

/**
 * What a column of a monthly file must hold (rules §1.2, 1.3, 1.5), whatever the format: each format's reader turns
 * these into its own checks (SQLite: SQL predicates on stored values; Parquet: the column's type and SQL predicates on
 * its values), so both judge the same values bad.
 *
 * @param name the column
 * @param kind what it must hold
 * @param unit the unit named when a number is not whole (whole-number columns only)
 */
public record ColumnRule(String name, Kind kind, String unit) {

    /** What a column must hold. */
    public enum Kind {
        /** Text, not NULL and not empty ({@code Name}, {@code Machine}). */
        NON_EMPTY_TEXT,
        /** Text or NULL. */
        TEXT,
        /** One of the accepted slot states, case-sensitively; NULL is bad. */
        STATE,
        /** A timestamp from 2000 to now + the skew, never NULL. */
        TIMESTAMP,
        /** A whole number that fits a long, or NULL. */
        WHOLE_NUMBER,
        /** A number or NULL. */
        NUMBER
    }

    /** Every column gpuledger checks, in {@link GpuStateColumns#ALL} order. */
    public static final List<ColumnRule> ALL = List.of(
            new ColumnRule(GpuStateColumns.NAME, Kind.NON_EMPTY_TEXT, null),
            new ColumnRule(GpuStateColumns.ASSIGNED_GPUS, Kind.TEXT, null),
            new ColumnRule(GpuStateColumns.AVAILABLE_GPUS, Kind.TEXT, null),
            new ColumnRule(GpuStateColumns.STATE, Kind.STATE, null),
            new ColumnRule(GpuStateColumns.DEVICE_NAME, Kind.TEXT, null),
            new ColumnRule(GpuStateColumns.MEMORY_MB, Kind.WHOLE_NUMBER, "MiB"),
            new ColumnRule(GpuStateColumns.PRIORITIZED_PROJECTS, Kind.TEXT, null),
            new ColumnRule(GpuStateColumns.AVERAGE_USAGE, Kind.NUMBER, null),
            new ColumnRule(GpuStateColumns.MACHINE, Kind.NON_EMPTY_TEXT, null),
            new ColumnRule(GpuStateColumns.REMOTE_OWNER, Kind.TEXT, null),
            new ColumnRule(GpuStateColumns.GLOBAL_JOB_ID, Kind.TEXT, null),
            new ColumnRule(GpuStateColumns.TIMESTAMP, Kind.TIMESTAMP, null),
            new ColumnRule(GpuStateColumns.PREVENT_JOBS_REASON, Kind.TEXT, null),
            new ColumnRule(GpuStateColumns.DISK, Kind.WHOLE_NUMBER, "KiB"));
}
