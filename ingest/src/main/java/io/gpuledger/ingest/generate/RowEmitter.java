package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.snapshot.SlotState;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a machine's simulated state at one snapshot into rows, one per slot × GPU (rules §1.3), in the order a collector
 * run writes them: the p-slot (all its GPUs), its d-slots, the backfill p-slot (the GPUs it can offer), the backfill
 * d-slots, then the interactive slots.
 *
 * <p>Every string that does not change from snapshot to snapshot is built once per machine.
 */
final class RowEmitter {

    /** From April 2026 the collector turns {@code GPU_} into {@code GPU-} on backfill ids (rules §1.4). */
    static final LocalDateTime DASHED_BACKFILL_IDS_FROM = LocalDateTime.of(2026, 4, 1, 0, 0);

    /** The per-machine strings and boxed numbers every snapshot reuses. */
    private static final class MachineStrings {
        final String host;
        final String primarySlot;
        final String backfillSlot;
        final String[] interactiveSlots;
        final String[] ids;
        final String[] legacyIds;
        final String[] deviceNames;
        final Long[] memoryMb;
        final Long disk;
        final Long backfillDisk;
        final Long interactiveDisk;
        /** {@code AvailableGPUs} text by bit mask of GPUs: the slot ad's {@code GPUs_GPU_…} references. */
        final String[] availableByMask;

        MachineStrings(MachineSpec spec) {
            host = spec.host();
            primarySlot = "slot1@" + host;
            backfillSlot = "backfill2@" + host;
            int count = spec.gpus().size();
            interactiveSlots = new String[count];
            ids = new String[count];
            legacyIds = new String[count];
            deviceNames = new String[count];
            memoryMb = new Long[count];
            for (int gpu = 0; gpu < count; gpu++) {
                Gpu g = spec.gpus().get(gpu);
                ids[gpu] = g.id();
                legacyIds[gpu] = g.legacyBackfillId();
                deviceNames[gpu] = g.device().deviceName();
                memoryMb[gpu] = g.device().memoryMb();
                if (gpu >= spec.primarySlotGpus()) {
                    interactiveSlots[gpu] = "interactive" + (gpu - spec.primarySlotGpus() + 1) + "@" + host;
                }
            }
            disk = spec.diskKib();
            backfillDisk = spec.diskKib() / 4;
            interactiveDisk = spec.diskKib() / 8;
            availableByMask = new String[1 << count];
        }

        String available(int mask) {
            String text = availableByMask[mask];
            if (text == null) {
                StringBuilder out = new StringBuilder();
                for (int gpu = 0; gpu < ids.length; gpu++) {
                    if ((mask & (1 << gpu)) != 0) {
                        out.append(out.length() == 0 ? "" : ",").append("GPUs_").append(legacyIds[gpu]);
                    }
                }
                text = out.toString();
                availableByMask[mask] = text;
            }
            return text;
        }
    }

    private final MachineStrings[] strings;

    RowEmitter(List<MachineSpec> machines) {
        strings = new MachineStrings[machines.size()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = new MachineStrings(machines.get(i));
        }
    }

    void emit(int machineIndex, MachineSimulation machine, long tick, LocalDateTime timestamp, String ts,
            List<GeneratedRow> out) {
        MachineStrings m = strings[machineIndex];
        MachineSpec spec = machine.spec;
        String reason = machine.preventReason();
        String projects = spec.prioritizedProjects();
        boolean draining = machine.draining();
        int slotGpus = spec.primarySlotGpus();

        if (slotGpus > 0) {
            String state = draining ? SlotState.DRAINED : machine.ownerState() ? SlotState.OWNER : SlotState.UNCLAIMED;
            int busy = 0;
            for (int gpu = 0; gpu < slotGpus; gpu++) {
                if (machine.primaryJobOnGpu[gpu] != null) {
                    busy |= 1 << gpu;
                }
            }
            int all = (1 << slotGpus) - 1;
            String available = m.available(all & ~busy);
            for (int gpu = 0; gpu < slotGpus; gpu++) {
                out.add(new GeneratedRow(m.primarySlot, m.ids[gpu], available, state, m.deviceNames[gpu],
                        m.memoryMb[gpu], projects, null, m.host, null, null, ts, reason, m.disk));
            }
            for (Job job : machine.primaryJobs) {
                addJobRows(m, job, SlotState.CLAIMED, m.ids, projects, tick, ts, reason, out);
            }
            if (spec.hasBackfill()) {
                emitBackfill(m, machine, tick, timestamp, ts, reason, busy, out);
            }
        }
        for (int gpu = slotGpus; gpu < spec.gpus().size(); gpu++) {
            Job session = machine.sessionOnGpu[gpu];
            if (session != null) {
                out.add(new GeneratedRow(m.interactiveSlots[gpu], m.ids[gpu], "", SlotState.CLAIMED,
                        m.deviceNames[gpu], m.memoryMb[gpu], projects, usage(session, tick), m.host, session.owner(),
                        session.globalJobId(), ts, reason, m.interactiveDisk));
            } else {
                out.add(new GeneratedRow(m.interactiveSlots[gpu], m.ids[gpu], m.available(1 << gpu),
                        draining ? SlotState.DRAINED : SlotState.UNCLAIMED, m.deviceNames[gpu], m.memoryMb[gpu],
                        projects, null, m.host, null, null, ts, reason, m.interactiveDisk));
            }
        }
    }

    private void emitBackfill(MachineStrings m, MachineSimulation machine, long tick, LocalDateTime timestamp,
            String ts, String reason, int primaryBusy, List<GeneratedRow> out) {
        MachineSpec spec = machine.spec;
        String projects = spec.backfillProjects();
        String[] ids = spec.legacyBackfillIds() && timestamp.isBefore(DASHED_BACKFILL_IDS_FROM) ? m.legacyIds : m.ids;
        int occupied = primaryBusy;
        for (Job job : machine.backfillJobs) {
            occupied |= job.gpuMask();
        }
        for (Job job : machine.preemptingJobs) {
            occupied |= job.gpuMask();
        }
        int offered = ((1 << spec.primarySlotGpus()) - 1) & ~occupied;
        String state = machine.draining() ? SlotState.DRAINED
                : machine.ownerState() && !machine.prevented() ? SlotState.OWNER : SlotState.UNCLAIMED;
        if (offered != 0) {
            String available = m.available(offered);
            for (int gpu = 0; gpu < spec.primarySlotGpus(); gpu++) {
                if ((offered & (1 << gpu)) != 0) {
                    out.add(new GeneratedRow(m.backfillSlot, ids[gpu], available, state, m.deviceNames[gpu],
                            m.memoryMb[gpu], projects, null, m.host, null, null, ts, reason, m.backfillDisk));
                }
            }
        } else if (spec.advertisesEmptyBackfill()) {
            // Every GPU is busy, yet the backfill slot still reports: one row without a GPU (rules §1.4, 1.7).
            out.add(new GeneratedRow(m.backfillSlot, "", "", state, m.deviceNames[0], m.memoryMb[0], projects, null,
                    m.host, null, null, ts, reason, m.backfillDisk));
        }
        for (Job job : machine.backfillJobs) {
            addJobRows(m, job, SlotState.CLAIMED, ids, projects, tick, ts, reason, out);
        }
        for (Job job : machine.preemptingJobs) {
            addJobRows(m, job, SlotState.PREEMPTING, ids, projects, tick, ts, reason, out);
        }
    }

    private static void addJobRows(MachineStrings m, Job job, String state, String[] ids, String projects, long tick,
            String ts, String reason, List<GeneratedRow> out) {
        Double usage = usage(job, tick);
        Long disk = job.diskKib();
        for (int gpu : job.gpuIndexes()) {
            out.add(new GeneratedRow(job.slotName(), ids[gpu], "", state, m.deviceNames[gpu], m.memoryMb[gpu],
                    projects, usage, m.host, job.owner(), job.globalJobId(), ts, reason, disk));
        }
    }

    /** The job's usage moved by a few points from snapshot to snapshot, four decimals as startds report it. */
    private static Double usage(Job job, long tick) {
        double noise = new SplittableRandom(job.noiseSeed() + tick).nextDouble() - 0.5;
        double value = Math.max(0, Math.min(1, job.usage() + noise * 0.1));
        return Math.round(value * 10_000) / 10_000.0;
    }
}
