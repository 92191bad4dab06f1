package io.gpuledger.ingest.generate;

import java.util.List;

/**
 * The static layout of one generated machine: its name, GPUs, slots and who runs jobs on it.
 *
 * <p>Slots: the primary p-slot {@code slot1@host} owns the first {@link #primarySlotGpus} GPUs (and lists all of
 * them in every snapshot); each further GPU belongs to its own static interactive slot {@code interactiveN@host}. A
 * backfill p-slot {@code backfill2@host} offers the primary slot's idle GPUs when {@link #hasBackfill}.
 *
 * @param host                    {@code Machine}, an FQDN
 * @param kind                    the sort of machine
 * @param gpus                    its GPUs, in slot order
 * @param primarySlotGpus         how many of {@link #gpus} the primary p-slot owns (0 = interactive slots only)
 * @param prioritizedProjects     PP of its primary and interactive rows: a project list, {@code ""} or null
 * @param backfillProjects        PP of its backfill rows: usually {@code ""}
 * @param hasBackfill             it runs a backfill startd
 * @param legacyBackfillIds       before April 2026 its backfill rows wrote ids with {@code _} (rules §1.4)
 * @param advertisesEmptyBackfill its backfill p-slot shows up with no GPU ({@code AssignedGPUs = ""}) when every GPU
 *                                is busy
 * @param diskKib                 {@code Disk} of its p-slot
 * @param jobUsers                who runs its primary jobs, most active first
 * @param interactiveUsers        who opens its interactive sessions, most active first
 * @param workload                how busy it is and which incidents it sees
 */
public record MachineSpec(
        String host,
        MachineKind kind,
        List<Gpu> gpus,
        int primarySlotGpus,
        String prioritizedProjects,
        String backfillProjects,
        boolean hasBackfill,
        boolean legacyBackfillIds,
        boolean advertisesEmptyBackfill,
        long diskKib,
        List<User> jobUsers,
        List<User> interactiveUsers,
        WorkloadProfile workload) {

    public MachineSpec {
        gpus = List.copyOf(gpus);
        jobUsers = List.copyOf(jobUsers);
        interactiveUsers = List.copyOf(interactiveUsers);
        if (primarySlotGpus < 0 || primarySlotGpus > gpus.size()) {
            throw new IllegalArgumentException("primarySlotGpus " + primarySlotGpus + " of " + gpus.size());
        }
    }

    public int interactiveSlots() {
        return gpus.size() - primarySlotGpus;
    }

    /** The model most of its GPUs have, for the mix. */
    public DeviceModel mainDevice() {
        return gpus.get(0).device();
    }
}
