package io.gpuledger.streams.window;

import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.window.BucketSummary.Cell;
import io.gpuledger.streams.window.BucketSummary.DrainPoints;
import io.gpuledger.streams.window.BucketSummary.IdleMachine;
import io.gpuledger.streams.window.BucketSummary.OpenMachine;
import io.gpuledger.streams.window.BucketSummary.PreventedMachine;
import io.gpuledger.streams.window.BucketSummary.UserGpus;
import io.gpuledger.streams.window.WindowFacts.DrainingInterval;
import io.gpuledger.streams.window.WindowFacts.PreventedFacts;
import io.gpuledger.streams.window.WindowFacts.PreventedHost;
import io.gpuledger.streams.window.WindowFacts.ReasonUse;
import io.gpuledger.streams.window.WindowFacts.TimeSeriesPoint;
import io.gpuledger.streams.window.WindowFacts.UserBuckets;
import io.gpuledger.streams.window.WindowFacts.ZeroActiveMachine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds a window's bucket summaries into {@link WindowFacts} (rules §2-3).
 *
 * <p>Two passes: the first builds the window's ResearcherMachines (rules §2.5), which decides whether the backfill rows
 * of "open" machines are BRO or BOC; the second adds each bucket's distinct counts into window totals. Counts of a
 * (class, device) are complete per bucket before they are added, because rules §3.4's means are over per-bucket
 * cluster ratios.
 */
public final class WindowFold {

    /** Points of one GPU further apart than this start a new draining interval (rules §4.8). */
    static final long DRAIN_GAP_MICROS = 20 * 60_000_000L;

    private static final int LEGACY = LegacyClass.values().length;
    private static final int GPU_CLASSES = GpuClass.values().length;
    /** The class of an open machine's backfill once the window's researcher set holds the machine. */
    private static final GpuClass RESEARCHER_BACKFILL = ClassRules.backfillClass(false, true);

    private final QueryWindow window;
    private final QueryConfig config;
    private final int variant;
    private final long timeSeriesBucketMicros;

    private final TreeSet<Long> buckets = new TreeSet<>();
    private long totalRecords;
    private long excludedRecords;
    private long firstTimestamp = Long.MAX_VALUE;
    private long lastTimestamp = Long.MIN_VALUE;
    /** {@link MachineIndex} bits: every open machine of every bucket asks whether it is one. */
    private long[] researcherMachines = new long[0];
    /** Accumulated in hash maps per class ordinal (many lookups per bucket), sorted once at the end. */
    @SuppressWarnings("unchecked")
    private final Map<String, CellTotals>[] deviceTotals = new Map[GPU_CLASSES];
    private final EnumMap<MemoryCategory, CellTotals> memoryTotals = new EnumMap<>(MemoryCategory.class);
    private long h200Buckets;
    private final Map<String, long[]> h200Users = new HashMap<>();
    private long backfillBuckets;
    private final Map<String, long[]> backfillUsers = new HashMap<>();
    /** {@link MachineIndex} bits of machines with a claimed primary GPU in some bucket so far. */
    private long[] claimedMachines = new long[0];
    private final TreeMap<String, IdleAccumulator> idleMachines = new TreeMap<>();
    private final Map<String, Map<String, DrainRun>> openDrainRuns = new HashMap<>();
    private final List<DrainingInterval> drainingIntervals = new ArrayList<>();
    private final TreeMap<String, PreventedAccumulator> preventedHosts = new TreeMap<>();
    private final TreeMap<String, TreeSet<String>> reasonMachines = new TreeMap<>();
    private final Map<String, Set<String>> reasonGpuKeys = new HashMap<>();
    private final TreeSet<Long> preventedBuckets = new TreeSet<>();
    private final LinkedHashMap<Long, TimeSeriesAccumulator> timeSeries = new LinkedHashMap<>();

    private WindowFold(QueryWindow window, QueryConfig config, int timeSeriesBucketMinutes) {
        this.window = window;
        this.config = config;
        this.variant = config.allDevices() ? BucketSummary.ALL_DEVICES : BucketSummary.NON_OLD;
        this.timeSeriesBucketMicros = timeSeriesBucketMinutes * 60_000_000L;
    }

    /** Facts for an allocation or monthly report. */
    public static WindowFacts fold(DigestSource source, QueryWindow window, QueryConfig config) {
        return fold(SummarySource.of(source), window, config, 0);
    }

    public static WindowFacts fold(DigestSource source, QueryWindow window, QueryConfig config,
                                   int timeSeriesBucketMinutes) {
        return fold(SummarySource.of(source), window, config, timeSeriesBucketMinutes);
    }

    /**
     * Facts including time-series rows of {@code timeSeriesBucketMinutes} (a multiple of 15 dividing 1440; 0 for
     * none).
     */
    public static WindowFacts fold(SummarySource source, QueryWindow window, QueryConfig config,
                                   int timeSeriesBucketMinutes) {
        return fold(source, window, window, config, timeSeriesBucketMinutes);
    }

    /**
     * As {@link #fold(SummarySource, QueryWindow, QueryConfig, int)}, with ResearcherMachines taken over
     * {@code researcherWindow} instead of the window itself: a one-bucket gauge judges machine ownership over the last
     * 24 hours (architecture §3, metrics semantics).
     */
    public static WindowFacts fold(SummarySource source, QueryWindow window, QueryWindow researcherWindow,
                                   QueryConfig config, int timeSeriesBucketMinutes) {
        WindowFold fold = new WindowFold(window, config, timeSeriesBucketMinutes);
        boolean legacySets = timeSeriesBucketMinutes > SnapshotTime.BUCKET_MINUTES;
        source.forEachSummary(researcherWindow, config, false, summary -> fold.researcherMachines =
                MachineIndex.or(fold.researcherMachines, summary.researcherMachineBits));
        source.forEachSummary(window, config, legacySets, fold::add);
        return fold.facts();
    }

    private void add(BucketSummary summary) {
        long bucketStart = summary.bucketStartMicros;
        buckets.add(bucketStart);
        totalRecords += summary.rowCount;
        excludedRecords += summary.excludedRows;
        firstTimestamp = Math.min(firstTimestamp, summary.firstTimestamp);
        lastTimestamp = Math.max(lastTimestamp, summary.lastTimestamp);
        addCells(summary);
        for (MemoryCategory category : MemoryCategory.values()) {
            int[] counts = summary.memory[variant][category.ordinal()];
            if (counts[0] > 0) {
                memoryTotals.computeIfAbsent(category, c -> new CellTotals())
                        .addBucket(counts[0], counts[1], counts[2], 0);
            }
        }
        addUsers(summary);
        if (summary.h200Present) {
            h200Buckets++;
        }
        if (summary.backfillPresent[variant]) {
            backfillBuckets++;
        }
        claimedMachines = MachineIndex.or(claimedMachines, summary.claimedMachineBits);
        for (IdleMachine idle : summary.idleMachines) {
            if (!MachineIndex.contains(claimedMachines, idle.machineId())) {
                idleMachines.computeIfAbsent(idle.machine(), m -> new IdleAccumulator(idle)).add(idle);
            }
        }
        summary.drainPoints.forEach(this::addDraining);
        if (!summary.preventedMachines.isEmpty()) {
            preventedBuckets.add(bucketStart);
            for (PreventedMachine prevented : summary.preventedMachines) {
                addPrevented(prevented, bucketStart);
            }
        }
        if (timeSeriesBucketMicros > 0) {
            timeSeries.computeIfAbsent(Math.floorDiv(bucketStart, timeSeriesBucketMicros) * timeSeriesBucketMicros,
                    start -> new TimeSeriesAccumulator()).add(summary);
        }
    }

    private void addCells(BucketSummary summary) {
        if (!hasResearcherMachine(summary.openMachines)) {
            // Every open machine's backfill is BOC in this window: the summary holds the bucket's complete cells.
            for (Cell cell : summary.cellsWithOpenAsBoc) {
                totals(cell.gpuClass(), cell.device())
                        .addBucket(cell.available(), cell.claimed(), cell.drained(), cell.prevented());
            }
            return;
        }
        Map<GpuClass, Map<String, int[]>> bucketCells = new EnumMap<>(GpuClass.class);
        for (Cell cell : summary.cells) {
            add(bucketCells, cell.gpuClass(), cell);
        }
        for (OpenMachine open : summary.openMachines) {
            GpuClass gpuClass = ClassRules.backfillClass(false, isResearcherMachine(open));
            for (Cell cell : open.backfillCells()) {
                add(bucketCells, gpuClass, cell);
            }
        }
        bucketCells.forEach((gpuClass, devices) -> devices.forEach((device, counts) ->
                totals(gpuClass, device).addBucket(counts[0], counts[1], counts[2], counts[3])));
    }

    private static void add(Map<GpuClass, Map<String, int[]>> bucketCells, GpuClass gpuClass, Cell cell) {
        int[] counts = bucketCells.computeIfAbsent(gpuClass, c -> new HashMap<>())
                .computeIfAbsent(cell.device(), d -> new int[4]);
        counts[0] += cell.available();
        counts[1] += cell.claimed();
        counts[2] += cell.drained();
        counts[3] += cell.prevented();
    }

    private boolean hasResearcherMachine(List<OpenMachine> openMachines) {
        for (OpenMachine open : openMachines) {
            if (isResearcherMachine(open)) {
                return true;
            }
        }
        return false;
    }

    private boolean isResearcherMachine(OpenMachine open) {
        return MachineIndex.contains(researcherMachines, open.machineId());
    }

    private CellTotals totals(GpuClass gpuClass, String device) {
        Map<String, CellTotals> devices = deviceTotals[gpuClass.ordinal()];
        if (devices == null) {
            devices = new HashMap<>();
            deviceTotals[gpuClass.ordinal()] = devices;
        }
        return devices.computeIfAbsent(device, d -> new CellTotals());
    }

    private void addUsers(BucketSummary summary) {
        for (UserGpus user : summary.h200Users) {
            addUser(h200Users, user.user(), user.gpuClass(), user.gpus());
        }
        for (UserGpus user : summary.backfillUsers.get(variant)) {
            addUser(backfillUsers, user.user(), user.gpuClass(), user.gpus());
        }
        for (OpenMachine open : summary.openMachines) {
            // BOC never appears in a user table (rules §2.5), so only open machines of the researcher set count.
            if (!isResearcherMachine(open)) {
                continue;
            }
            for (UserGpus user : open.h200Users()) {
                addUser(h200Users, user.user(), RESEARCHER_BACKFILL, user.gpus());
            }
            List<UserGpus> backfill = variant == BucketSummary.NON_OLD ? open.backfillUsersNonOld()
                    : open.backfillUsersAll();
            for (UserGpus user : backfill) {
                addUser(backfillUsers, user.user(), RESEARCHER_BACKFILL, user.gpus());
            }
        }
    }

    /** Per user: GPU-buckets per class ordinal, and in the last slot the bit mask of classes seen. */
    private static void addUser(Map<String, long[]> users, String user, GpuClass gpuClass, int gpus) {
        long[] sums = users.computeIfAbsent(user, u -> new long[GPU_CLASSES + 1]);
        sums[gpuClass.ordinal()] += gpus;
        sums[GPU_CLASSES] |= 1L << gpuClass.ordinal();
    }

    private static SortedMap<String, EnumMap<GpuClass, Long>> userTotals(Map<String, long[]> users) {
        TreeMap<String, EnumMap<GpuClass, Long>> totals = new TreeMap<>();
        users.forEach((user, sums) -> {
            EnumMap<GpuClass, Long> byClass = new EnumMap<>(GpuClass.class);
            for (GpuClass gpuClass : GpuClass.values()) {
                if ((sums[GPU_CLASSES] & (1L << gpuClass.ordinal())) != 0) {
                    byClass.put(gpuClass, sums[gpuClass.ordinal()]);
                }
            }
            totals.put(user, byClass);
        });
        return Collections.unmodifiableSortedMap(totals);
    }

    private void addDraining(DrainPoints points) {
        Map<String, DrainRun> runs = openDrainRuns.computeIfAbsent(points.machine(), m -> new HashMap<>());
        DrainRun run = runs.get(points.gpu());
        for (long timestamp : points.timestamps()) {
            if (run != null && timestamp - run.last > DRAIN_GAP_MICROS) {
                drainingIntervals.add(run.close(points.machine(), points.gpu()));
                run = null;
            }
            if (run == null) {
                run = new DrainRun(timestamp);
                runs.put(points.gpu(), run);
            } else {
                run.extend(timestamp);
            }
        }
    }

    private void addPrevented(PreventedMachine prevented, long bucketStart) {
        PreventedAccumulator host = preventedHosts.computeIfAbsent(prevented.machine(), m -> new PreventedAccumulator());
        for (int i = 0; i < prevented.gpus().length; i++) {
            String gpu = prevented.gpus()[i];
            String reason = prevented.reasons()[i];
            host.gpus.add(gpu);
            host.reasons.add(reason);
            reasonMachines.computeIfAbsent(reason, r -> new TreeSet<>()).add(prevented.machine());
            reasonGpuKeys.computeIfAbsent(reason, r -> new HashSet<>()).add(prevented.machine() + '\n' + gpu);
        }
        host.lastSeen = Math.max(host.lastSeen, prevented.lastTimestamp());
        host.lastBucket = Math.max(host.lastBucket, bucketStart);
    }

    private WindowFacts facts() {
        for (Map.Entry<String, Map<String, DrainRun>> machine : openDrainRuns.entrySet()) {
            for (Map.Entry<String, DrainRun> gpu : machine.getValue().entrySet()) {
                drainingIntervals.add(gpu.getValue().close(machine.getKey(), gpu.getKey()));
            }
        }
        drainingIntervals.sort(Comparator.comparing(DrainingInterval::machine)
                .thenComparing(DrainingInterval::gpu).thenComparingLong(DrainingInterval::startMicros));

        TreeMap<String, PreventedHost> hosts = new TreeMap<>();
        preventedHosts.forEach((machine, host) -> hosts.put(machine, new PreventedHost(machine,
                Collections.unmodifiableSortedSet(host.gpus), Collections.unmodifiableSortedSet(host.reasons),
                host.lastSeen, host.lastBucket)));
        TreeMap<String, ReasonUse> byReason = new TreeMap<>();
        reasonMachines.forEach((reason, machines) -> byReason.put(reason,
                new ReasonUse(Collections.unmodifiableSortedSet(machines), reasonGpuKeys.get(reason).size())));

        // Only machines never claimed in the window are zero-active candidates (rules §4.7).
        TreeMap<String, ZeroActiveMachine> zeroActive = new TreeMap<>();
        idleMachines.forEach((machine, accumulator) -> {
            if (!MachineIndex.contains(claimedMachines, accumulator.machineId)) {
                zeroActive.put(machine, accumulator.facts());
            }
        });

        List<TimeSeriesPoint> points = new ArrayList<>(timeSeries.size());
        timeSeries.forEach((start, accumulator) -> points.add(accumulator.point(start)));

        EnumMap<GpuClass, SortedMap<String, CellTotals>> sortedDeviceTotals = new EnumMap<>(GpuClass.class);
        for (GpuClass gpuClass : GpuClass.values()) {
            if (deviceTotals[gpuClass.ordinal()] != null) {
                sortedDeviceTotals.put(gpuClass, new TreeMap<>(deviceTotals[gpuClass.ordinal()]));
            }
        }
        boolean empty = buckets.isEmpty();
        return new WindowFacts(window, config, Collections.unmodifiableSortedSet(buckets), totalRecords,
                excludedRecords, empty ? -1 : firstTimestamp, empty ? -1 : lastTimestamp,
                Collections.unmodifiableSortedSet(MachineIndex.names(researcherMachines)), sortedDeviceTotals,
                memoryTotals, new UserBuckets(h200Buckets, userTotals(h200Users)),
                new UserBuckets(backfillBuckets, userTotals(backfillUsers)),
                Collections.unmodifiableSortedMap(zeroActive), List.copyOf(drainingIntervals),
                new PreventedFacts(Collections.unmodifiableSortedMap(hosts), Collections.unmodifiableSortedMap(byReason),
                        Collections.unmodifiableSortedSet(preventedBuckets)),
                List.copyOf(points));
    }

    /** An open draining interval of one GPU. */
    private static final class DrainRun {
        private final long first;
        private long last;
        private int points = 1;

        DrainRun(long first) {
            this.first = first;
            this.last = first;
        }

        void extend(long timestamp) {
            last = timestamp;
            points++;
        }

        DrainingInterval close(String machine, String gpu) {
            return new DrainingInterval(machine, gpu, first, last, points);
        }
    }

    private static final class PreventedAccumulator {
        final TreeSet<String> gpus = new TreeSet<>();
        final TreeSet<String> reasons = new TreeSet<>();
        long lastSeen = Long.MIN_VALUE;
        long lastBucket = Long.MIN_VALUE;
    }

    /** Window-wide facts of a machine while it has no claimed primary GPU. */
    private static final class IdleAccumulator {
        private final String machine;
        private final int machineId;
        private final Set<String> primaryGpus = new HashSet<>();
        private String[] lastGpus;
        private long observations;
        private final TreeMap<String, Long> deviceRows = new TreeMap<>();
        private final TreeSet<String> projects = new TreeSet<>();
        private long backfillClaimedGpuBuckets;
        private long backfillBuckets;

        IdleAccumulator(IdleMachine first) {
            this.machine = first.machine();
            this.machineId = first.machineId();
        }

        void add(IdleMachine idle) {
            // Summaries share the array while a machine's GPUs do not change: skip the set work then.
            if (idle.primaryGpus() != lastGpus) {
                Collections.addAll(primaryGpus, idle.primaryGpus());
                lastGpus = idle.primaryGpus();
            }
            observations += idle.primaryObservations();
            for (int i = 0; i < idle.devices().length; i++) {
                deviceRows.merge(idle.devices()[i], (long) idle.deviceRows()[i], Long::sum);
            }
            Collections.addAll(projects, idle.prioritizedProjects());
            backfillClaimedGpuBuckets += idle.backfillClaimedGpus();
            if (idle.backfillRows()) {
                backfillBuckets++;
            }
        }

        ZeroActiveMachine facts() {
            return new ZeroActiveMachine(machine, primaryGpus.size(), 0, observations,
                    Collections.unmodifiableSortedMap(deviceRows), Collections.unmodifiableSortedSet(projects),
                    backfillClaimedGpuBuckets, backfillBuckets);
        }
    }

    /** One time-series bucket: per legacy class, claimed and unclaimed sizes (per-machine unions when wide). */
    private static final class TimeSeriesAccumulator {
        private final int[] claimed = new int[LEGACY];
        private final int[] unclaimed = new int[LEGACY];
        private final Map<String, List<Set<String>>> claimedByMachine = new HashMap<>();
        private final Map<String, List<Set<String>>> unclaimedByMachine = new HashMap<>();

        void add(BucketSummary summary) {
            if (!summary.hasLegacySets()) {
                for (int legacy = 0; legacy < LEGACY; legacy++) {
                    claimed[legacy] += summary.legacyClaimed[legacy];
                    unclaimed[legacy] += summary.legacyUnclaimed[legacy];
                }
                return;
            }
            // A wider bucket is the union of its 15-minute buckets (rules §5.1): union GPU ids per machine.
            for (BucketSummary.LegacySets sets : summary.legacySets) {
                List<Set<String>> claimedSets = sets(claimedByMachine, sets.machine());
                List<Set<String>> unclaimedSets = sets(unclaimedByMachine, sets.machine());
                for (int legacy = 0; legacy < LEGACY; legacy++) {
                    Collections.addAll(claimedSets.get(legacy), sets.claimed()[legacy]);
                    Collections.addAll(unclaimedSets.get(legacy), sets.unclaimed()[legacy]);
                }
            }
        }

        private static List<Set<String>> sets(Map<String, List<Set<String>>> byMachine, String machine) {
            return byMachine.computeIfAbsent(machine, m -> {
                List<Set<String>> sets = new ArrayList<>(LEGACY);
                for (int i = 0; i < LEGACY; i++) {
                    sets.add(new HashSet<>());
                }
                return sets;
            });
        }

        TimeSeriesPoint point(long start) {
            int[] claimedTotal = claimed.clone();
            int[] unclaimedTotal = unclaimed.clone();
            for (List<Set<String>> sets : claimedByMachine.values()) {
                for (int legacy = 0; legacy < LEGACY; legacy++) {
                    claimedTotal[legacy] += sets.get(legacy).size();
                }
            }
            for (List<Set<String>> sets : unclaimedByMachine.values()) {
                for (int legacy = 0; legacy < LEGACY; legacy++) {
                    unclaimedTotal[legacy] += sets.get(legacy).size();
                }
            }
            int[] total = new int[LEGACY];
            for (int legacy = 0; legacy < LEGACY; legacy++) {
                total[legacy] = claimedTotal[legacy] + unclaimedTotal[legacy];
            }
            return new TimeSeriesPoint(start, claimedTotal, total);
        }
    }
}
