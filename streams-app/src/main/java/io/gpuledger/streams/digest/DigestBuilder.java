package io.gpuledger.streams.digest;

import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.DedupRank;
import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuKind;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.ingest.classify.SlotPredicates;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.digest.MachineDigest.BackfillUserCell;
import io.gpuledger.streams.digest.MachineDigest.DeviceCell;
import io.gpuledger.streams.digest.MachineDigest.DrainPoint;
import io.gpuledger.streams.digest.MachineDigest.GpuSet;
import io.gpuledger.streams.digest.MachineDigest.H200UserCell;
import io.gpuledger.streams.digest.MachineDigest.MemoryCell;
import io.gpuledger.streams.digest.MachineDigest.PreventedGpu;
import io.gpuledger.streams.digest.MachineDigest.ZeroActiveFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the snapshots of one machine in one bucket into a {@link MachineDigest}: deduplication to representatives
 * (rules §2.4), the per-bucket distinct counts of rules §3.3 per (kind, device) and memory category, user counts (3.7),
 * legacy sets (2.9), zero-active facts (4.7), drained points (4.8) and prevented GPUs (4.9).
 */
public final class DigestBuilder {

    private DigestBuilder() {
    }

    /** The digest of a whole bucket. */
    public static MachineDigest of(HostBucket bucket) {
        return of(bucket.machine(), bucket.snapshots());
    }

    /** The digest of the bucket's snapshots with {@code fromMicros <= timestamp <= toMicros} (an edge bucket). */
    public static MachineDigest of(HostBucket bucket, long fromMicros, long toMicros) {
        return of(bucket.machine(), bucket.snapshotsBetween(fromMicros, toMicros));
    }

    /** Null when there are no snapshots: a machine without rows in the window does not exist there. */
    public static MachineDigest of(String machine, List<HostBucket.Snapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return null;
        }
        return new Accumulator(machine, snapshots).build();
    }

    /** GPU sets of a cell during accumulation, as bitsets over the digest's GPU table. */
    private static final class CellSets {
        final long[] available;
        final long[] claimed;
        final long[] drainedRows;
        final long[] prevented;

        CellSets(int words) {
            available = new long[words];
            claimed = new long[words];
            drainedRows = new long[words];
            prevented = new long[words];
        }

        void add(int gpu, SlotGpuRow row) {
            set(available, gpu);
            if (SlotPredicates.claimed(row)) {
                set(claimed, gpu);
            } else if (SlotPredicates.prevented(row.preventJobsReason())) {
                set(prevented, gpu);
            }
            if (SlotPredicates.drained(row)) {
                set(drainedRows, gpu);
            }
        }

        int drainedNotClaimed() {
            int count = 0;
            for (int i = 0; i < drainedRows.length; i++) {
                count += Long.bitCount(drainedRows[i] & ~claimed[i]);
            }
            return count;
        }
    }

    private static void set(long[] words, int bit) {
        words[bit >>> 6] |= 1L << bit;
    }

    private static int count(long[] words) {
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        return count;
    }

    private record DeviceKey(GpuKind kind, String device) implements Comparable<DeviceKey> {
        @Override
        public int compareTo(DeviceKey other) {
            int byKind = kind.compareTo(other.kind);
            return byKind != 0 ? byKind : device.compareTo(other.device);
        }
    }

    private record MemoryKey(boolean nonOldOnly, MemoryCategory category) implements Comparable<MemoryKey> {
        @Override
        public int compareTo(MemoryKey other) {
            int byFilter = Boolean.compare(nonOldOnly, other.nonOldOnly);
            return byFilter != 0 ? byFilter : category.compareTo(other.category);
        }
    }

    private record H200UserKey(String user, GpuKind kind) implements Comparable<H200UserKey> {
        @Override
        public int compareTo(H200UserKey other) {
            int byUser = user.compareTo(other.user);
            return byUser != 0 ? byUser : kind.compareTo(other.kind);
        }
    }

    private record BackfillUserKey(String user, boolean nonOldOnly) implements Comparable<BackfillUserKey> {
        @Override
        public int compareTo(BackfillUserKey other) {
            int byUser = user.compareTo(other.user);
            return byUser != 0 ? byUser : Boolean.compare(nonOldOnly, other.nonOldOnly);
        }
    }

    private static final class Accumulator {
        private final String machine;
        private final List<HostBucket.Snapshot> snapshots;
        private final List<String> gpuIds;
        private final Map<String, Integer> gpuIndex = new HashMap<>();
        private final int words;

        private int rowCount;
        private boolean researcherRow;
        private boolean h200Row;
        private boolean nonOldRow;
        private final TreeMap<DeviceKey, CellSets> deviceCells = new TreeMap<>();
        private final TreeMap<MemoryKey, CellSets> memoryCells = new TreeMap<>();
        private final TreeMap<H200UserKey, long[]> h200Users = new TreeMap<>();
        private final TreeMap<BackfillUserKey, long[]> backfillUsers = new TreeMap<>();
        private final long[][] legacyClaimed;
        private final long[][] legacyUnclaimed;
        private final long[] primaryGpus;
        private final long[] primaryClaimedGpus;
        private int primaryObservations;
        private final TreeMap<String, Integer> deviceRows = new TreeMap<>();
        private final TreeSet<String> prioritizedProjects = new TreeSet<>();
        private final long[] backfillClaimedGpus;
        private boolean backfillRows;
        private final List<DrainPoint> drainPoints = new ArrayList<>();
        private final TreeSet<PreventedKey> preventedGpus = new TreeSet<>();
        private long lastPreventedTimestamp = -1;

        private record PreventedKey(int gpu, String reason) implements Comparable<PreventedKey> {
            @Override
            public int compareTo(PreventedKey other) {
                int byGpu = Integer.compare(gpu, other.gpu);
                return byGpu != 0 ? byGpu : reason.compareTo(other.reason);
            }
        }

        Accumulator(String machine, List<HostBucket.Snapshot> snapshots) {
            this.machine = machine;
            this.snapshots = snapshots;
            TreeSet<String> ids = new TreeSet<>();
            for (HostBucket.Snapshot snapshot : snapshots) {
                for (SlotGpuRow row : snapshot.rows()) {
                    if (row.hasGpu()) {
                        ids.add(row.gpuId());
                    }
                }
            }
            gpuIds = List.copyOf(ids);
            for (int i = 0; i < gpuIds.size(); i++) {
                gpuIndex.put(gpuIds.get(i), i);
            }
            words = Math.max(1, (gpuIds.size() + 63) >>> 6);
            legacyClaimed = new long[LegacyClass.values().length][words];
            legacyUnclaimed = new long[LegacyClass.values().length][words];
            primaryGpus = new long[words];
            primaryClaimedGpus = new long[words];
            backfillClaimedGpus = new long[words];
        }

        MachineDigest build() {
            for (HostBucket.Snapshot snapshot : snapshots) {
                addSnapshot(snapshot);
            }
            long bucketStart = SnapshotTime.bucketStartMicros(snapshots.get(0).timestampMicros());
            return new MachineDigest(
                    machine,
                    bucketStart,
                    rowCount,
                    snapshots.get(0).timestampMicros(),
                    snapshots.get(snapshots.size() - 1).timestampMicros(),
                    researcherRow,
                    h200Row,
                    nonOldRow,
                    gpuIds,
                    deviceCellList(),
                    memoryCellList(),
                    h200Users.entrySet().stream()
                            .map(e -> new H200UserCell(e.getKey().user(), e.getKey().kind(), count(e.getValue())))
                            .toList(),
                    backfillUsers.entrySet().stream()
                            .map(e -> new BackfillUserCell(e.getKey().user(), e.getKey().nonOldOnly(),
                                    count(e.getValue())))
                            .toList(),
                    gpuSets(legacyClaimed),
                    gpuSets(legacyUnclaimed),
                    new ZeroActiveFacts(new GpuSet(primaryGpus), new GpuSet(primaryClaimedGpus), primaryObservations,
                            java.util.Collections.unmodifiableMap(new TreeMap<>(deviceRows)),
                            List.copyOf(prioritizedProjects), count(backfillClaimedGpus), backfillRows),
                    List.copyOf(drainPoints.stream()
                            .sorted(java.util.Comparator.comparingInt(DrainPoint::gpu)
                                    .thenComparingLong(DrainPoint::timestampMicros))
                            .toList()),
                    preventedGpus.stream().map(k -> new PreventedGpu(k.gpu(), k.reason())).toList(),
                    lastPreventedTimestamp);
        }

        private static List<GpuSet> gpuSets(long[][] sets) {
            List<GpuSet> result = new ArrayList<>(sets.length);
            for (long[] set : sets) {
                result.add(new GpuSet(set));
            }
            return List.copyOf(result);
        }

        private List<DeviceCell> deviceCellList() {
            List<DeviceCell> cells = new ArrayList<>(deviceCells.size());
            deviceCells.forEach((key, sets) -> cells.add(new DeviceCell(key.kind(), key.device(),
                    count(sets.available), count(sets.claimed), sets.drainedNotClaimed(), count(sets.prevented))));
            return List.copyOf(cells);
        }

        private List<MemoryCell> memoryCellList() {
            List<MemoryCell> cells = new ArrayList<>(memoryCells.size());
            memoryCells.forEach((key, sets) -> cells.add(new MemoryCell(key.nonOldOnly(), key.category(),
                    count(sets.available), count(sets.claimed), sets.drainedNotClaimed())));
            return List.copyOf(cells);
        }

        private void addSnapshot(HostBucket.Snapshot snapshot) {
            long timestamp = snapshot.timestampMicros();
            List<SlotGpuRow> rows = snapshot.rows();
            rowCount += rows.size();
            // Representative per GPU of this snapshot (rules §2.4); the dedup input is every row with a GPU.
            SlotGpuRow[] representatives = new SlotGpuRow[gpuIds.size()];
            long[] drainedAt = new long[words];
            long[] claimedAt = new long[words];
            boolean prevented = false;
            for (SlotGpuRow row : rows) {
                addRowFacts(row);
                if (!row.hasGpu()) {
                    continue;
                }
                int gpu = gpuIndex.get(row.gpuId());
                SlotGpuRow current = representatives[gpu];
                if (current == null || DedupRank.beats(row, current)) {
                    representatives[gpu] = row;
                }
                if (SlotPredicates.drained(row)) {
                    set(drainedAt, gpu);
                }
                if (SlotPredicates.claimed(row)) {
                    set(claimedAt, gpu);
                }
                if (SlotPredicates.prevented(row.preventJobsReason())) {
                    preventedGpus.add(new PreventedKey(gpu, row.preventJobsReason()));
                    prevented = true;
                }
                if (ClassRules.isBackfillRow(row)) {
                    addBackfillRow(gpu, row);
                }
                addZeroActiveGpuRow(gpu, row);
            }
            if (prevented) {
                lastPreventedTimestamp = Math.max(lastPreventedTimestamp, timestamp);
            }
            for (int gpu = 0; gpu < representatives.length; gpu++) {
                if (representatives[gpu] != null) {
                    addRepresentative(gpu, representatives[gpu]);
                }
                // Draining points: a Drained row and no Claimed row of any slot kind at this timestamp (rules §4.8).
                int word = gpu >>> 6;
                long bit = 1L << gpu;
                if ((drainedAt[word] & bit) != 0 && (claimedAt[word] & bit) == 0) {
                    drainPoints.add(new DrainPoint(gpu, timestamp));
                }
            }
        }

        /** Facts of every row, with or without a GPU. */
        private void addRowFacts(SlotGpuRow row) {
            String name = row.name();
            if (ClassRules.qualifiesResearcherMachine(row)) {
                researcherRow = true;
            }
            if (Devices.H200.equals(row.deviceName())) {
                h200Row = true;
            }
            String device = Devices.deviceName(row.deviceName());
            if (!Devices.isOld(device)) {
                nonOldRow = true;
            }
            deviceRows.merge(device, 1, Integer::sum);
            String pp = row.prioritizedProjects();
            if (pp != null && !pp.isBlank()) {
                prioritizedProjects.add(pp.strip());
            }
            if (SlotPredicates.backfillIgnoringCase(name)) {
                backfillRows = true;
            }
        }

        private void addZeroActiveGpuRow(int gpu, SlotGpuRow row) {
            if (SlotPredicates.backfillIgnoringCase(row.name())) {
                if (SlotPredicates.claimed(row)) {
                    set(backfillClaimedGpus, gpu);
                }
                return;
            }
            set(primaryGpus, gpu);
            primaryObservations++;
            if (SlotPredicates.claimed(row)) {
                set(primaryClaimedGpus, gpu);
            }
        }

        /** Raw backfill rows: backfill classes use every row, no dedup (rules §2.5). */
        private void addBackfillRow(int gpu, SlotGpuRow row) {
            String device = Devices.deviceName(row.deviceName());
            deviceCells.computeIfAbsent(new DeviceKey(GpuKind.BACKFILL, device), k -> new CellSets(words))
                    .add(gpu, row);
            if (SlotPredicates.claimed(row) && row.remoteOwner() != null) {
                if (Devices.H200.equals(row.deviceName())) {
                    set(h200Users.computeIfAbsent(new H200UserKey(row.remoteOwner(), GpuKind.BACKFILL),
                            k -> new long[words]), gpu);
                }
                set(backfillUsers.computeIfAbsent(new BackfillUserKey(row.remoteOwner(), false),
                        k -> new long[words]), gpu);
                if (!Devices.isOld(device)) {
                    set(backfillUsers.computeIfAbsent(new BackfillUserKey(row.remoteOwner(), true),
                            k -> new long[words]), gpu);
                }
            }
            LegacyClass backfill = LegacyClass.BACKFILL;
            if (backfill.claimed(row)) {
                set(legacyClaimed[backfill.ordinal()], gpu);
            }
            if (backfill.unclaimed(row)) {
                set(legacyUnclaimed[backfill.ordinal()], gpu);
            }
        }

        private void addRepresentative(int gpu, SlotGpuRow representative) {
            for (LegacyClass legacy : new LegacyClass[] {LegacyClass.PRIORITY, LegacyClass.SHARED}) {
                if (legacy.claimed(representative)) {
                    set(legacyClaimed[legacy.ordinal()], gpu);
                }
                if (legacy.unclaimed(representative)) {
                    set(legacyUnclaimed[legacy.ordinal()], gpu);
                }
            }
            GpuKind kind = ClassRules.realKind(representative);
            if (kind == null) {
                return;
            }
            String device = Devices.deviceName(representative.deviceName());
            deviceCells.computeIfAbsent(new DeviceKey(kind, device), k -> new CellSets(words)).add(gpu, representative);
            MemoryCategory category = MemoryCategory.of(representative.memoryMb());
            memoryCells.computeIfAbsent(new MemoryKey(false, category), k -> new CellSets(words))
                    .add(gpu, representative);
            if (!Devices.isOld(device)) {
                memoryCells.computeIfAbsent(new MemoryKey(true, category), k -> new CellSets(words))
                        .add(gpu, representative);
            }
            if (Devices.H200.equals(representative.deviceName()) && SlotPredicates.claimed(representative)
                    && representative.remoteOwner() != null) {
                set(h200Users.computeIfAbsent(new H200UserKey(representative.remoteOwner(), kind),
                        k -> new long[words]), gpu);
            }
        }
    }
}
