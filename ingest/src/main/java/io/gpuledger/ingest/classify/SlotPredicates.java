package io.gpuledger.ingest.classify;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SlotState;
import java.util.Locale;

/** The per-row predicates of rules §2.1. "contains" is a literal, case-sensitive substring test unless stated. */
public final class SlotPredicates {

    private SlotPredicates() {
    }

    /** {@code Name} contains {@code backfill}. */
    public static boolean backfill(String slotName) {
        return slotName.contains("backfill");
    }

    /** Not backfill; interactive slots are primary. */
    public static boolean primary(String slotName) {
        return !backfill(slotName);
    }

    /** The zero-active list's own test (rules §4.7): {@code backfill} case-insensitively. */
    public static boolean backfillIgnoringCase(String slotName) {
        return slotName.toLowerCase(Locale.ROOT).contains("backfill");
    }

    public static boolean interactive(String slotName) {
        return slotName.contains("interactive");
    }

    /** NULL counts as prioritized; so does all-whitespace. Only the empty string is not. */
    public static boolean ppPrio(String prioritizedProjects) {
        return prioritizedProjects == null || !prioritizedProjects.isEmpty();
    }

    /** Exactly {@code ""}; NULL is not shared. */
    public static boolean ppShared(String prioritizedProjects) {
        return prioritizedProjects != null && prioritizedProjects.isEmpty();
    }

    /** Non-NULL and not {@code ""}. */
    public static boolean ppStrict(String prioritizedProjects) {
        return prioritizedProjects != null && !prioritizedProjects.isEmpty();
    }

    /** {@code PreventJobsReason} is not blank. */
    public static boolean prevented(String preventJobsReason) {
        return preventJobsReason != null && !preventJobsReason.isBlank();
    }

    public static boolean claimed(SlotGpuRow row) {
        return SlotState.CLAIMED.equals(row.state());
    }

    public static boolean unclaimed(SlotGpuRow row) {
        return SlotState.UNCLAIMED.equals(row.state());
    }

    public static boolean drained(SlotGpuRow row) {
        return SlotState.DRAINED.equals(row.state());
    }
}
