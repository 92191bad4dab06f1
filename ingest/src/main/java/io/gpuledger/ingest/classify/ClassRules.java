package io.gpuledger.ingest.classify;

import io.gpuledger.ingest.snapshot.SlotGpuRow;

/**
 * Class membership (rules §2.5). Real classes are judged on a snapshot's representative row of a GPU; backfill
 * classes on every raw backfill row, by the machine's ownership.
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
        if (SlotPredicates.backfill(slotName)) {
            return null;
        }
        if (SlotPredicates.ppPrio(prioritizedProjects)) {
            return chtcMachine ? GpuClass.PCO : GpuClass.PRO;
        }
        return SlotPredicates.interactive(slotName) ? null : GpuClass.SHARED;
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
     * machine-level conditions (not CHTC-listed, not excluded). Any state, any device, with or without a GPU.
     */
    public static boolean qualifiesResearcherMachine(SlotGpuRow row) {
        return SlotPredicates.primary(row.name()) && SlotPredicates.ppStrict(row.prioritizedProjects());
    }
}
