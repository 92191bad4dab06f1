package io.gpuledger.ingest.snapshot;

import java.util.Set;

/** HTCondor slot states accepted in input (rules §1.3). Case-sensitive; anything else is bad input. */
public final class SlotState {

    public static final String OWNER = "Owner";
    public static final String UNCLAIMED = "Unclaimed";
    public static final String MATCHED = "Matched";
    public static final String CLAIMED = "Claimed";
    public static final String PREEMPTING = "Preempting";
    public static final String BACKFILL = "Backfill";
    public static final String DRAINED = "Drained";
    public static final String DELETE = "Delete";

    public static final Set<String> ACCEPTED =
            Set.of(OWNER, UNCLAIMED, MATCHED, CLAIMED, PREEMPTING, BACKFILL, DRAINED, DELETE);

    private SlotState() {
    }

    public static boolean isAccepted(String state) {
        return state != null && ACCEPTED.contains(state);
    }
}
