package io.gpuledger.ingest.classify;

/**
 * How a GPU counts from its rows alone, before configuration is applied (rules §2.5). The CHTC list and the window's
 * researcher set later turn a kind into a class with {@link ClassRules#classOf}: {@code PRIORITIZED} becomes PRO or
 * PCO by the machine, {@code SHARED} is always Shared, {@code BACKFILL} becomes BCO, BRO or BOC by the machine.
 *
 * <p>The machine digest's codec stores the ordinal: append new kinds, never reorder.
 */
public enum GpuKind {
    /** A representative that is primary with NULL or non-empty PP. */
    PRIORITIZED,
    /** A representative that is primary, PP {@code ""}, not interactive. */
    SHARED,
    /** A raw backfill row. */
    BACKFILL
}
