package io.gpuledger.ingest.classify;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SlotState;
import java.util.Comparator;

/**
 * One representative row per (snapshot, GPU): the highest rank, ties to the smallest {@code Name} (rules §2.4).
 *
 * <p>The representative is a maximum under a total order, so merging pieces of a snapshot in any order picks the
 * same row (rules §1.5).
 */
public final class DedupRank {

    public static final int PRIMARY_CLAIMED = 6;
    public static final int PRIMARY_UNCLAIMED = 5;
    public static final int PRIMARY_OTHER = 4;
    public static final int BACKFILL_CLAIMED = 3;
    public static final int PRIMARY_PREVENTED_IDLE = 2;
    public static final int BACKFILL_UNCLAIMED = 1;
    public static final int BACKFILL_OTHER = 0;

    /** Better representatives sort first: rank descending, then {@code Name} ascending (ordinal). */
    public static final Comparator<SlotGpuRow> BEST_FIRST =
            Comparator.<SlotGpuRow>comparingInt(DedupRank::rank).reversed().thenComparing(SlotGpuRow::name);

    private DedupRank() {
    }

    public static int rank(SlotGpuRow row) {
        return rank(row.name(), row.state(), row.preventJobsReason());
    }

    public static int rank(String slotName, String state, String preventJobsReason) {
        boolean claimed = SlotState.CLAIMED.equals(state);
        if (SlotPredicates.backfill(slotName)) {
            if (claimed) {
                return BACKFILL_CLAIMED;
            }
            return SlotState.UNCLAIMED.equals(state) ? BACKFILL_UNCLAIMED : BACKFILL_OTHER;
        }
        if (claimed) {
            return PRIMARY_CLAIMED;
        }
        if (SlotPredicates.prevented(preventJobsReason)) {
            return PRIMARY_PREVENTED_IDLE;
        }
        return SlotState.UNCLAIMED.equals(state) ? PRIMARY_UNCLAIMED : PRIMARY_OTHER;
    }

    /** True when {@code candidate} would replace {@code current} as representative. */
    public static boolean beats(SlotGpuRow candidate, SlotGpuRow current) {
        return BEST_FIRST.compare(candidate, current) < 0;
    }
}
