package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs every machine through the span, tick by tick, and hands each collected snapshot on. Each machine draws from its
 * own random stream, split from the seed in host order, so the run is the same whatever consumes it.
 */
final class ClusterSimulation {

    private final GeneratorSettings settings;
    private final ClusterModel cluster;

    ClusterSimulation(GeneratorSettings settings, ClusterModel cluster) {
        this.settings = settings;
        this.cluster = cluster;
    }

    /** Runs the whole span; {@code consumer} sees the snapshots in time order. Returns the number of nominal slots. */
    long run(Consumer<GeneratedSnapshot> consumer) {
        SplittableRandom root = new SplittableRandom(settings.seed());
        SnapshotSchedule schedule = new SnapshotSchedule(settings, root.split());
        JobIds jobIds = new JobIds();
        List<MachineSpec> specs = cluster.machines();
        List<MachineSimulation> machines = new ArrayList<>(specs.size());
        for (MachineSpec spec : specs) {
            machines.add(new MachineSimulation(spec, cluster.backfillUsers(), settings.intervalMinutes(), root.split(),
                    jobIds));
        }
        RowEmitter emitter = new RowEmitter(specs);
        int expectedRows = 16;
        long slots = 0;
        while (schedule.hasNext()) {
            SnapshotSchedule.Slot slot = schedule.next();
            slots++;
            for (MachineSimulation machine : machines) {
                machine.advance(slot.tick(), slot.hourOfDay(), slot.nominal());
            }
            if (!slot.collected()) {
                continue;
            }
            String timestampText = SnapshotTime.format(slot.timestamp());
            List<GeneratedRow> rows = new ArrayList<>(expectedRows + 16);
            for (int i = 0; i < machines.size(); i++) {
                emitter.emit(i, machines.get(i), slot.tick(), slot.timestamp(), timestampText, rows);
            }
            expectedRows = rows.size();
            consumer.accept(new GeneratedSnapshot(slot.timestamp(), timestampText, rows));
        }
        return slots;
    }
}
