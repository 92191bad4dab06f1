package io.gpuledger.ingest.classify;

import io.gpuledger.ingest.snapshot.SlotGpuRow;

/**
 * The legacy 3-class filter of the time series and the GPU model snapshot (rules §2.9). Priority and Shared are judged
 * on representatives, Backfill on raw backfill rows.
 */
public enum LegacyClass {
    PRIORITY("Priority"),
    SHARED("Shared"),
    BACKFILL("Backfill");

    private final String label;

    LegacyClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Any-state membership of a representative (Priority, Shared) or of a raw backfill row (Backfill). */
    public boolean anyState(SlotGpuRow row) {
        String name = row.name();
        String pp = row.prioritizedProjects();
        return switch (this) {
            case PRIORITY -> SlotPredicates.primary(name) && SlotPredicates.ppPrio(pp);
            case SHARED -> SlotPredicates.primary(name) && SlotPredicates.ppShared(pp)
                    && !SlotPredicates.interactive(name);
            case BACKFILL -> SlotPredicates.backfill(name);
        };
    }

    /** The "claimed" set: any-state members that are {@code Claimed}. */
    public boolean claimed(SlotGpuRow row) {
        return anyState(row) && SlotPredicates.claimed(row);
    }

    /**
     * The "unclaimed" set. For Priority and Shared it also takes a backfill {@code Claimed} representative judged by
     * the backfill row's own PP; for Backfill, raw {@code Unclaimed} rows.
     */
    public boolean unclaimed(SlotGpuRow row) {
        String name = row.name();
        String pp = row.prioritizedProjects();
        return switch (this) {
            case PRIORITY -> (anyState(row) && SlotPredicates.unclaimed(row))
                    || (SlotPredicates.backfill(name) && SlotPredicates.ppPrio(pp) && SlotPredicates.claimed(row));
            case SHARED -> (anyState(row) && SlotPredicates.unclaimed(row))
                    || (SlotPredicates.backfill(name) && SlotPredicates.ppShared(pp) && SlotPredicates.claimed(row));
            case BACKFILL -> SlotPredicates.backfill(name) && SlotPredicates.unclaimed(row);
        };
    }
}
