package io.gpuledger.streams.report;

import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.DedupRank;
import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.SlotPredicates;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** rules §4.12 over the snapshots within {@code window-minutes} of the target time. */
public final class GpuModelSnapshots {

    private GpuModelSnapshots() {
    }

    /** A GPU of the chosen snapshot: (machine, id). */
    private record GpuKey(String machine, String gpu) implements Comparable<GpuKey> {
        @Override
        public int compareTo(GpuKey other) {
            int byMachine = machine.compareTo(other.machine);
            return byMachine != 0 ? byMachine : gpu.compareTo(other.gpu);
        }
    }

    /**
     * @param snapshots     every snapshot piece with {@code |timestamp − target| ≤ windowMinutes}, any order
     * @param gpuModel      exact raw device name, or null for the listing
     * @throws NoDataException when nothing matches (the listing's and the model's messages of rules §4.12)
     */
    public static GpuModelSnapshotReport compute(List<HostSnapshot> snapshots, LocalDateTime target,
                                                 int windowMinutes, String gpuModel, HostExclusions exclusions) {
        String targetText = SnapshotTime.formatSeconds(target);
        if (gpuModel == null) {
            TreeSet<String> models = new TreeSet<>();
            for (HostSnapshot snapshot : snapshots) {
                for (SlotGpuRow row : snapshot.rows()) {
                    String device = Devices.deviceName(row.deviceName());
                    if (!device.equals(Devices.UNKNOWN)) {
                        models.add(device);
                    }
                }
            }
            if (models.isEmpty()) {
                throw new NoDataException("No GPU models found around " + targetText + " (±" + windowMinutes
                        + " minutes).");
            }
            return new GpuModelSnapshotReport("gpu_model_snapshot", targetText, windowMinutes, null,
                    List.copyOf(models), null, false, null);
        }

        // The closest timestamp holding rows of the model; on a tie the later one.
        long targetMicros = SnapshotTime.toMicros(target);
        long chosen = Long.MIN_VALUE;
        long bestDistance = Long.MAX_VALUE;
        for (HostSnapshot snapshot : snapshots) {
            long time = SnapshotTime.toMicros(snapshot.timestamp());
            boolean hasModel = snapshot.rows().stream().anyMatch(row -> gpuModel.equals(row.deviceName()));
            long distance = Math.abs(time - targetMicros);
            if (hasModel && (distance < bestDistance || (distance == bestDistance && time > chosen))) {
                chosen = time;
                bestDistance = distance;
            }
        }
        if (chosen == Long.MIN_VALUE) {
            throw new NoDataException("No data found for " + gpuModel + " around " + targetText);
        }

        // The chosen snapshot's rows of the model, deduplicated by row identity across pieces.
        Map<String, Map<List<String>, SlotGpuRow>> rowsByMachine = new TreeMap<>();
        for (HostSnapshot snapshot : snapshots) {
            if (SnapshotTime.toMicros(snapshot.timestamp()) != chosen) {
                continue;
            }
            for (SlotGpuRow row : snapshot.rows()) {
                if (gpuModel.equals(row.deviceName())) {
                    rowsByMachine.computeIfAbsent(snapshot.machine(), m -> new LinkedHashMap<>())
                            .merge(java.util.Arrays.asList(row.name(), row.gpuId()), row,
                                    io.gpuledger.ingest.classify.RowIdentity::keep);
                }
            }
        }

        TreeSet<GpuKey> total = new TreeSet<>();
        TreeSet<GpuKey> claimed = new TreeSet<>();
        double usageSum = 0;
        int usageCount = 0;
        Map<GpuKey, SlotGpuRow> activeRow = new TreeMap<>();
        Map<GpuKey, SlotGpuRow> unclaimedRow = new TreeMap<>();
        Map<LegacyClass, Set<GpuKey>> classTotal = new LinkedHashMap<>();
        Map<LegacyClass, Set<GpuKey>> classClaimed = new LinkedHashMap<>();
        for (LegacyClass legacy : LegacyClass.values()) {
            classTotal.put(legacy, new TreeSet<>());
            classClaimed.put(legacy, new TreeSet<>());
        }
        for (Map.Entry<String, Map<List<String>, SlotGpuRow>> machineRows : rowsByMachine.entrySet()) {
            String machine = machineRows.getKey();
            boolean excluded = exclusions.excludes(machine);
            Map<String, SlotGpuRow> representatives = new HashMap<>();
            for (SlotGpuRow row : machineRows.getValue().values()) {
                if (SlotPredicates.claimed(row) && row.gpusAverageUsage() != null) {
                    usageSum += row.gpusAverageUsage();
                    usageCount++;
                }
                if (!row.hasGpu()) {
                    continue;
                }
                GpuKey key = new GpuKey(machine, row.gpuId());
                total.add(key);
                if (SlotPredicates.claimed(row) && row.remoteOwner() != null) {
                    claimed.add(key);
                    activeRow.merge(key, row, (a, b) -> a.name().compareTo(b.name()) <= 0 ? a : b);
                }
                if (SlotPredicates.unclaimed(row)) {
                    unclaimedRow.merge(key, row, (a, b) -> a.name().compareTo(b.name()) <= 0 ? a : b);
                }
                if (!excluded) {
                    representatives.merge(row.gpuId(), row, (a, b) -> DedupRank.beats(b, a) ? b : a);
                    if (ClassRules.isBackfillRow(row)) {
                        if (LegacyClass.BACKFILL.anyState(row)) {
                            classTotal.get(LegacyClass.BACKFILL).add(key);
                        }
                        if (LegacyClass.BACKFILL.claimed(row)) {
                            classClaimed.get(LegacyClass.BACKFILL).add(key);
                        }
                    }
                }
            }
            for (SlotGpuRow representative : representatives.values()) {
                GpuKey key = new GpuKey(machine, representative.gpuId());
                for (LegacyClass legacy : List.of(LegacyClass.PRIORITY, LegacyClass.SHARED)) {
                    if (legacy.anyState(representative)) {
                        classTotal.get(legacy).add(key);
                    }
                    if (legacy.claimed(representative)) {
                        classClaimed.get(legacy).add(key);
                    }
                }
            }
        }
        List<GpuModelSnapshotReport.ActiveJob> activeJobs = new ArrayList<>();
        activeRow.forEach((key, row) -> activeJobs.add(new GpuModelSnapshotReport.ActiveJob(row.remoteOwner(),
                row.globalJobId(), key.gpu(), key.machine())));
        List<GpuModelSnapshotReport.InactiveGpu> inactive = new ArrayList<>();
        unclaimedRow.forEach((key, row) -> {
            if (!activeRow.containsKey(key)) {
                inactive.add(new GpuModelSnapshotReport.InactiveGpu(key.gpu(), key.machine(),
                        row.prioritizedProjects()));
            }
        });
        Map<String, GpuModelSnapshotReport.ClassCount> byClass = new LinkedHashMap<>();
        for (LegacyClass legacy : LegacyClass.values()) {
            byClass.put(legacy.label(), new GpuModelSnapshotReport.ClassCount(classTotal.get(legacy).size(),
                    classClaimed.get(legacy).size()));
        }
        LocalDateTime chosenTime = SnapshotTime.fromMicros(chosen);
        long differenceSeconds = Math.abs(Duration.between(target, chosenTime).toNanos()) / 1_000_000_000L;
        List<String> machines = List.copyOf(rowsByMachine.keySet());
        GpuModelSnapshotReport.Activity activity = new GpuModelSnapshotReport.Activity(
                SnapshotTime.formatSeconds(chosenTime), differenceSeconds, total.size(), claimed.size(),
                total.size() - claimed.size(), Percent.of(claimed.size(), total.size()),
                usageCount == 0 ? null : 100.0 * usageSum / usageCount,
                machines.size(), machines, byClass,
                activeJobs.stream().sorted(Comparator.comparing(GpuModelSnapshotReport.ActiveJob::machine)
                        .thenComparing(GpuModelSnapshotReport.ActiveJob::gpu)).toList(),
                List.copyOf(inactive));
        return new GpuModelSnapshotReport("gpu_model_snapshot", targetText, windowMinutes, gpuModel, null, activity, false, null);
    }
}
