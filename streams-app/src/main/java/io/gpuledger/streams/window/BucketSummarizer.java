package io.gpuledger.streams.window;

import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.window.BucketSummary.Cell;
import io.gpuledger.streams.window.BucketSummary.DrainPoints;
import io.gpuledger.streams.window.BucketSummary.IdleMachine;
import io.gpuledger.streams.window.BucketSummary.LegacySets;
import io.gpuledger.streams.window.BucketSummary.OpenMachine;
import io.gpuledger.streams.window.BucketSummary.PreventedMachine;
import io.gpuledger.streams.window.BucketSummary.UserGpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classifies one bucket's machine digests under a configuration (rules §2.2, 2.3, 2.5, 2.8): which machines are
 * excluded, CHTC-owned, outside the host filter, flagged as researcher machines here. Only backfill rows of machines
 * not flagged in this bucket wait, per machine, for the window's researcher set.
 *
 * <p>Per-bucket counts of a (class, device) are summed over machines here, because rules §3.4's percentages are means
 * of per-bucket cluster ratios. Strings are interned so that many summaries share them.
 */
public final class BucketSummarizer {

    private static final int LEGACY = LegacyClass.values().length;
    private static final int CATEGORIES = MemoryCategory.values().length;

    private final QueryConfig config;
    private final boolean withLegacySets;
    /** The previous bucket's primary-GPU array per machine, reused when equal: buckets of a year share them. */
    private final Map<String, String[]> lastPrimaryGpus = new ConcurrentHashMap<>();

    public BucketSummarizer(QueryConfig config, boolean withLegacySets) {
        this.config = config;
        this.withLegacySets = withLegacySets;
    }

    /** Null when the bucket has no digest (no in-window row). */
    public BucketSummary summarize(long bucketStart, List<MachineDigest> digests) {
        if (digests.isEmpty()) {
            return null;
        }
        long rowCount = 0;
        long excludedRows = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        List<String> researchers = new ArrayList<>();
        boolean h200Present = false;
        boolean[] backfillPresent = new boolean[2];
        Map<GpuClass, Map<String, int[]>> cells = new EnumMap<>(GpuClass.class);
        List<OpenMachine> openMachines = new ArrayList<>();
        int[][][] memory = new int[2][CATEGORIES][3];
        Map<GpuClass, Map<String, int[]>> h200Users = new EnumMap<>(GpuClass.class);
        List<Map<GpuClass, Map<String, int[]>>> backfillUsers =
                List.of(new EnumMap<>(GpuClass.class), new EnumMap<>(GpuClass.class));
        List<String> claimedMachines = new ArrayList<>();
        List<IdleMachine> idleMachines = new ArrayList<>();
        List<DrainPoints> drainPoints = new ArrayList<>();
        List<PreventedMachine> preventedMachines = new ArrayList<>();
        int[] legacyClaimed = new int[LEGACY];
        int[] legacyUnclaimed = new int[LEGACY];
        List<LegacySets> legacySets = withLegacySets ? new ArrayList<>() : null;

        for (MachineDigest digest : digests) {
            String machine = digest.machine().intern();
            rowCount += digest.rowCount();
            first = Math.min(first, digest.firstTimestamp());
            last = Math.max(last, digest.lastTimestamp());
            // Draining and PreventJobsReason ignore exclusions and every filter (rules §4.8, 4.9).
            addDrainPoints(machine, digest, drainPoints);
            if (!digest.preventedGpus().isEmpty()) {
                preventedMachines.add(prevented(machine, digest));
            }
            boolean excluded = config.exclusions().excludes(machine);
            boolean chtc = config.chtcOwned().contains(machine);
            if (excluded) {
                excludedRows += digest.rowCount();
            } else if (ClassRules.isResearcherMachine(digest.researcherRow(), chtc)) {
                researchers.add(machine);
            }
            if (!config.hostFilter().matches(machine)) {
                continue;
            }
            // The user tables' N count buckets before exclusions (rules §4.5, 4.6).
            h200Present |= digest.h200Row();
            backfillPresent[BucketSummary.ALL_DEVICES] = true;
            backfillPresent[BucketSummary.NON_OLD] |= digest.nonOldRow();
            if (excluded) {
                continue;
            }
            // Flagged in this bucket means a researcher machine of every window holding this bucket's snapshots.
            boolean researcherHere = ClassRules.isResearcherMachine(digest.researcherRow(), chtc);
            // BOC in a bucket is provisional: another bucket of the window may still put the machine in the
            // researcher set, so an open machine's backfill waits for the fold.
            GpuClass backfillClass = ClassRules.backfillClass(chtc, researcherHere);
            boolean open = backfillClass == GpuClass.BOC;
            List<Cell> openCells = open ? new ArrayList<>() : null;
            for (MachineDigest.DeviceCell cell : digest.deviceCells()) {
                GpuClass gpuClass = ClassRules.classOf(cell.kind(), chtc, researcherHere);
                String device = cell.device().intern();
                if (gpuClass == GpuClass.BOC) {
                    openCells.add(new Cell(null, device, cell.available(), cell.claimed(), cell.drained(),
                            cell.prevented()));
                    continue;
                }
                add(cells, gpuClass, device, cell.available(), cell.claimed(), cell.drained(), cell.prevented());
            }
            for (MachineDigest.MemoryCell cell : digest.memoryCells()) {
                int[] counts = memory[cell.nonOldOnly() ? BucketSummary.NON_OLD : BucketSummary.ALL_DEVICES]
                        [cell.category().ordinal()];
                counts[0] += cell.available();
                counts[1] += cell.claimed();
                counts[2] += cell.drained();
            }
            List<UserGpus> openH200 = open ? new ArrayList<>() : null;
            for (MachineDigest.H200UserCell cell : digest.h200Users()) {
                String user = cell.user().intern();
                GpuClass gpuClass = ClassRules.classOf(cell.kind(), chtc, researcherHere);
                if (gpuClass == GpuClass.BOC) {
                    openH200.add(new UserGpus(user, null, cell.gpus()));
                    continue;
                }
                h200Users.computeIfAbsent(gpuClass, c -> new TreeMap<>()).computeIfAbsent(user, u -> new int[1])[0]
                        += cell.gpus();
            }
            List<UserGpus> openAll = open ? new ArrayList<>() : null;
            List<UserGpus> openNonOld = open ? new ArrayList<>() : null;
            for (MachineDigest.BackfillUserCell cell : digest.backfillUsers()) {
                String user = cell.user().intern();
                int variant = cell.nonOldOnly() ? BucketSummary.NON_OLD : BucketSummary.ALL_DEVICES;
                if (open) {
                    (cell.nonOldOnly() ? openNonOld : openAll).add(new UserGpus(user, null, cell.gpus()));
                    continue;
                }
                backfillUsers.get(variant).computeIfAbsent(backfillClass, c -> new TreeMap<>())
                        .computeIfAbsent(user, u -> new int[1])[0] += cell.gpus();
            }
            if (open && !(openCells.isEmpty() && openH200.isEmpty() && openAll.isEmpty() && openNonOld.isEmpty())) {
                openMachines.add(new OpenMachine(machine, MachineIndex.idOf(machine), List.copyOf(openCells),
                        List.copyOf(openH200), List.copyOf(openAll), List.copyOf(openNonOld)));
            }
            MachineDigest.ZeroActiveFacts zeroActive = digest.zeroActive();
            if (zeroActive.primaryClaimedGpus().size() > 0) {
                claimedMachines.add(machine);
            } else {
                idleMachines.add(idle(machine, digest));
            }
            for (int legacy = 0; legacy < LEGACY; legacy++) {
                legacyClaimed[legacy] += digest.legacyClaimed().get(legacy).size();
                legacyUnclaimed[legacy] += digest.legacyUnclaimed().get(legacy).size();
            }
            if (legacySets != null) {
                String[][] claimed = new String[LEGACY][];
                String[][] unclaimed = new String[LEGACY][];
                for (int legacy = 0; legacy < LEGACY; legacy++) {
                    claimed[legacy] = members(digest.legacyClaimed().get(legacy), digest.gpuIds());
                    unclaimed[legacy] = members(digest.legacyUnclaimed().get(legacy), digest.gpuIds());
                }
                legacySets.add(new LegacySets(machine, claimed, unclaimed));
            }
        }
        List<Cell> closedCells = flattenCells(cells);
        return new BucketSummary(bucketStart, rowCount, excludedRows, first, last,
                MachineIndex.bits(researchers), h200Present, backfillPresent, closedCells,
                List.copyOf(openMachines),
                openMachines.isEmpty() ? closedCells : withOpenAsBoc(closedCells, openMachines), memory,
                flattenUsers(h200Users),
                List.of(flattenUsers(backfillUsers.get(0)), flattenUsers(backfillUsers.get(1))),
                MachineIndex.bits(claimedMachines), List.copyOf(idleMachines), List.copyOf(drainPoints),
                List.copyOf(preventedMachines), legacyClaimed, legacyUnclaimed,
                legacySets == null ? null : List.copyOf(legacySets));
    }

    private static List<Cell> flattenCells(Map<GpuClass, Map<String, int[]>> cells) {
        List<Cell> flat = new ArrayList<>();
        cells.forEach((gpuClass, devices) -> devices.forEach((device, counts) ->
                flat.add(new Cell(gpuClass, device, counts[0], counts[1], counts[2], counts[3]))));
        return List.copyOf(flat);
    }

    /** The closed cells (never BOC: only open machines are) and the open machines' backfill summed as BOC. */
    private static List<Cell> withOpenAsBoc(List<Cell> closedCells, List<OpenMachine> openMachines) {
        // Distinct GPUs never span machines, so per-machine counts add up to the bucket's.
        Map<GpuClass, Map<String, int[]>> boc = new EnumMap<>(GpuClass.class);
        GpuClass openBackfill = ClassRules.backfillClass(false, false);
        for (OpenMachine open : openMachines) {
            for (Cell cell : open.backfillCells()) {
                add(boc, openBackfill, cell.device(), cell.available(), cell.claimed(), cell.drained(),
                        cell.prevented());
            }
        }
        List<Cell> cells = new ArrayList<>(closedCells);
        cells.addAll(flattenCells(boc));
        return List.copyOf(cells);
    }

    private static void add(Map<GpuClass, Map<String, int[]>> cells, GpuClass gpuClass, String device, int available,
                            int claimed, int drained, int prevented) {
        int[] counts = cells.computeIfAbsent(gpuClass, c -> new TreeMap<>()).computeIfAbsent(device, d -> new int[4]);
        counts[0] += available;
        counts[1] += claimed;
        counts[2] += drained;
        counts[3] += prevented;
    }

    private static List<UserGpus> flattenUsers(Map<GpuClass, Map<String, int[]>> users) {
        List<UserGpus> flat = new ArrayList<>();
        users.forEach((gpuClass, byUser) -> byUser.forEach((user, gpus) ->
                flat.add(new UserGpus(user, gpuClass, gpus[0]))));
        return List.copyOf(flat);
    }

    private IdleMachine idle(String machine, MachineDigest digest) {
        MachineDigest.ZeroActiveFacts facts = digest.zeroActive();
        String[] gpus = members(facts.primaryGpus(), digest.gpuIds());
        String[] previous = lastPrimaryGpus.get(machine);
        if (previous != null && Arrays.equals(previous, gpus)) {
            gpus = previous;
        } else {
            lastPrimaryGpus.put(machine, gpus);
        }
        String[] devices = new String[facts.deviceRows().size()];
        int[] rows = new int[devices.length];
        int index = 0;
        for (Map.Entry<String, Integer> entry : facts.deviceRows().entrySet()) {
            devices[index] = entry.getKey().intern();
            rows[index++] = entry.getValue();
        }
        String[] projects = facts.prioritizedProjects().stream().map(String::intern).toArray(String[]::new);
        return new IdleMachine(machine, MachineIndex.idOf(machine), gpus, facts.primaryObservations(), devices, rows,
                projects, facts.backfillClaimedGpus(), facts.backfillRows());
    }

    private static void addDrainPoints(String machine, MachineDigest digest, List<DrainPoints> into) {
        List<MachineDigest.DrainPoint> points = digest.drainPoints();
        int start = 0;
        while (start < points.size()) {
            int gpu = points.get(start).gpu();
            int end = start;
            while (end < points.size() && points.get(end).gpu() == gpu) {
                end++;
            }
            long[] timestamps = new long[end - start];
            for (int i = start; i < end; i++) {
                timestamps[i - start] = points.get(i).timestampMicros();
            }
            into.add(new DrainPoints(machine, digest.gpuId(gpu).intern(), timestamps));
            start = end;
        }
    }

    private static PreventedMachine prevented(String machine, MachineDigest digest) {
        List<MachineDigest.PreventedGpu> pairs = digest.preventedGpus();
        String[] gpus = new String[pairs.size()];
        String[] reasons = new String[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            gpus[i] = digest.gpuId(pairs.get(i).gpu()).intern();
            reasons[i] = pairs.get(i).reason().intern();
        }
        return new PreventedMachine(machine, gpus, reasons, digest.lastPreventedTimestamp());
    }

    private static String[] members(MachineDigest.GpuSet set, List<String> gpuIds) {
        String[] members = new String[set.size()];
        int index = 0;
        long[] words = set.words();
        for (int word = 0; word < words.length; word++) {
            long bits = words[word];
            while (bits != 0) {
                members[index++] = gpuIds.get(word * 64 + Long.numberOfTrailingZeros(bits)).intern();
                bits &= bits - 1;
            }
        }
        return members;
    }
}
