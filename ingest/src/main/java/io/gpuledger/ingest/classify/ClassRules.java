package io.gpuledger.ingest.classify;

import io.gpuledger.ingest.snapshot.SlotGpuRow;

/**
 * Class membership (rules §2.5), the one place that decides it. Real classes are judged on a snapshot's
 * representative row of a GPU; backfill classes on every raw backfill row, by the machine's ownership.
 *
 * <p>The rule comes in two steps because the stores keep facts, not classes: {@link #realKind} and
 * {@link #isBackfillRow} are the config-free facts of a row (kept in the digests), {@link #classOf} turns them into a
 * class once the CHTC list and the window's researcher set are known (at query time). The digest, the bucket
 * summaries and the window fold all call these; the tests' reference implementation stays an independent copy.
 */
public final class ClassRules {

    private ClassRules() {
    }

    /**
     * The Real class of a representative, or null when it is in none (a backfill representative, or an interactive
     * one with {@code ""} PP). The CHTC list only splits prioritized GPUs: a listed machine with {@code ""} PP is
     * Shared.
     */
    public static GpuClass realClass(SlotGpuRow representative, boolean chtcMachine) {
        return realClass(representative.name(), representative.prioritizedProjects(), chtcMachine);
    }

    public static GpuClass realClass(String slotName, String prioritizedProjects, boolean chtcMachine) {
        GpuKind kind = realKind(slotName, prioritizedProjects);
        return kind == null ? null : classOf(kind, chtcMachine, false);
    }

    /** The config-free kind of a representative: prioritized, shared, or null (backfill, or interactive with ""). */
    public static GpuKind realKind(SlotGpuRow representative) {
        return realKind(representative.name(), representative.prioritizedProjects());
    }

    private static GpuKind realKind(String slotName, String prioritizedProjects) {
        if (SlotPredicates.backfill(slotName)) {
            return null;
        }
        if (SlotPredicates.ppPrio(prioritizedProjects)) {
            return GpuKind.PRIORITIZED;
        }
        return SlotPredicates.interactive(slotName) ? null : GpuKind.SHARED;
    }

    /** Whether a raw row counts for the backfill classes (every such row, no dedup). */
    public static boolean isBackfillRow(SlotGpuRow row) {
        return SlotPredicates.backfill(row.name());
    }

    /**
     * The class of a kind on a machine. {@code researcherMachine} only matters for backfill, and the caller judges it
     * over the window (one bucket's flag is enough to say yes, never enough to say no).
     */
    public static GpuClass classOf(GpuKind kind, boolean chtcMachine, boolean researcherMachine) {
        switch (kind) {
            case PRIORITIZED:
                return chtcMachine ? GpuClass.PCO : GpuClass.PRO;
            case SHARED:
                return GpuClass.SHARED;
            case BACKFILL:
                return backfillClass(chtcMachine, researcherMachine);
            default:
                throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    /** The class of every raw backfill row of a machine: BCO if CHTC-listed, else BRO or BOC by the researcher set. */
    public static GpuClass backfillClass(boolean chtcMachine, boolean researcherMachine) {
        if (chtcMachine) {
            return GpuClass.BCO;
        }
        return researcherMachine ? GpuClass.BRO : GpuClass.BOC;
    }

    /**
     * Whether a window row puts its machine in ResearcherMachines: primary with strict PP. The caller checks the
     * machine-level conditions ({@link #isResearcherMachine}: not CHTC-listed, not excluded). Any state, any device,
     * with or without a GPU.
     */
    public static boolean qualifiesResearcherMachine(SlotGpuRow row) {
        return SlotPredicates.primary(row.name()) && SlotPredicates.ppStrict(row.prioritizedProjects());
    }

    /** A machine with a qualifying row is a researcher machine unless the CHTC list claims it. */
    public static boolean isResearcherMachine(boolean hasQualifyingRow, boolean chtcMachine) {
        return hasQualifyingRow && !chtcMachine;
    }
}
