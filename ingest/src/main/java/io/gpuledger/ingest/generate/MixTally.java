package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.snapshot.SlotState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counts the rows of a run by state, machine class, device and special case, for {@link GenerationSummary}. */
final class MixTally {

    static final String DRAINED = "Drained rows";
    static final String OWNER = "Owner rows";
    static final String PREEMPTING = "Preempting rows (evicted backfill jobs)";
    static final String PREVENTED = "rows with PreventJobsReason";
    static final String INTERACTIVE = "interactive-slot rows";
    static final String NULL_PP = "rows with NULL PrioritizedProjects";
    static final String EMPTY_PP = "rows with \"\" PrioritizedProjects";
    static final String NO_GPU = "rows without GPU (AssignedGPUs \"\")";
    static final String MIG = "MIG rows";
    static final String BACKFILL = "backfill rows";
    static final String LEGACY_IDS = "backfill rows with old '_' ids";

    private final ClusterModel cluster;
    private final Map<String, MachineKind> kindByHost = new HashMap<>();
    private final long[] rowsByKind = new long[MachineKind.values().length];
    private final Map<String, long[]> rowsByState = new HashMap<>();
    private final Map<String, long[]> rowsByDevice = new HashMap<>();
    private final Map<String, long[]> features = new LinkedHashMap<>();
    private final Set<String> owners = new HashSet<>();
    private long rows;
    private long snapshots;
    private String lastHost;
    private MachineKind lastKind;

    MixTally(ClusterModel cluster) {
        this.cluster = cluster;
        for (MachineSpec machine : cluster.machines()) {
            kindByHost.put(machine.host(), machine.kind());
        }
        for (String feature : List.of(DRAINED, OWNER, PREEMPTING, PREVENTED, INTERACTIVE, NULL_PP, EMPTY_PP, NO_GPU,
                MIG, BACKFILL, LEGACY_IDS)) {
            features.put(feature, new long[1]);
        }
    }

    void add(GeneratedSnapshot snapshot) {
        snapshots++;
        for (GeneratedRow row : snapshot.rows()) {
            add(row);
        }
    }

    private void add(GeneratedRow row) {
        rows++;
        // Rows of one machine are adjacent: one map look-up per machine and snapshot.
        if (!row.machine().equals(lastHost)) {
            lastHost = row.machine();
            lastKind = kindByHost.get(lastHost);
        }
        rowsByKind[lastKind.ordinal()]++;
        rowsByState.computeIfAbsent(row.state(), state -> new long[1])[0]++;
        rowsByDevice.computeIfAbsent(row.deviceName(), device -> new long[1])[0]++;
        String state = row.state();
        if (SlotState.DRAINED.equals(state)) {
            features.get(DRAINED)[0]++;
        } else if (SlotState.OWNER.equals(state)) {
            features.get(OWNER)[0]++;
        } else if (SlotState.PREEMPTING.equals(state)) {
            features.get(PREEMPTING)[0]++;
        }
        if (row.preventJobsReason() != null) {
            features.get(PREVENTED)[0]++;
        }
        if (row.name().contains("interactive")) {
            features.get(INTERACTIVE)[0]++;
        }
        if (row.prioritizedProjects() == null) {
            features.get(NULL_PP)[0]++;
        } else if (row.prioritizedProjects().isEmpty()) {
            features.get(EMPTY_PP)[0]++;
        }
        String id = row.assignedGpus();
        if (id.isEmpty()) {
            features.get(NO_GPU)[0]++;
        } else if (id.startsWith("MIG")) {
            features.get(MIG)[0]++;
        }
        if (row.name().contains("backfill")) {
            features.get(BACKFILL)[0]++;
            if (id.indexOf('_') >= 0) {
                features.get(LEGACY_IDS)[0]++;
            }
        }
        if (row.remoteOwner() != null) {
            owners.add(row.remoteOwner());
        }
    }

    long rows() {
        return rows;
    }

    GenerationSummary summary(GeneratorSettings settings, List<GenerationSummary.FileSummary> files, long slots,
            Duration elapsed) {
        Map<String, Long> machines = new LinkedHashMap<>();
        Map<String, Long> gpus = new LinkedHashMap<>();
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (MachineKind kind : MachineKind.values()) {
            machines.put(kind.label(), 0L);
            gpus.put(kind.label(), 0L);
            kinds.put(kind.label(), rowsByKind[kind.ordinal()]);
        }
        for (MachineSpec machine : cluster.machines()) {
            machines.merge(machine.kind().label(), 1L, Long::sum);
            gpus.merge(machine.kind().label(), (long) machine.gpus().size(), Long::sum);
        }
        Map<String, Long> featureCounts = new LinkedHashMap<>();
        features.forEach((name, count) -> featureCounts.put(name, count[0]));
        return new GenerationSummary(settings, files, rows, snapshots, slots - snapshots, machines, gpus, kinds,
                largestFirst(rowsByState), largestFirst(rowsByDevice), featureCounts, cluster.users().size(),
                owners.size(), elapsed);
    }

    private static Map<String, Long> largestFirst(Map<String, long[]> counts) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(entry -> -entry.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        Map<String, Long> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> entry : entries) {
            sorted.put(entry.getKey(), entry.getValue()[0]);
        }
        return sorted;
    }
}
