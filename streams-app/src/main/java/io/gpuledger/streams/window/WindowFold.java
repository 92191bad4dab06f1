package io.gpuledger.streams.window;

import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.digest.DigestKind;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.digest.MachineDigestCodec;
import io.gpuledger.streams.window.WindowFacts.DrainingInterval;
import io.gpuledger.streams.window.WindowFacts.PreventedFacts;
import io.gpuledger.streams.window.WindowFacts.PreventedHost;
import io.gpuledger.streams.window.WindowFacts.ReasonUse;
import io.gpuledger.streams.window.WindowFacts.TimeSeriesPoint;
import io.gpuledger.streams.window.WindowFacts.UserBuckets;
import io.gpuledger.streams.window.WindowFacts.ZeroActiveMachine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds a window's digests into {@link WindowFacts}, applying the query's configuration (SPEC 2-3).
 *
 * <p>Two passes: the first builds the window's ResearcherMachines (needed before any backfill row can be classed),
 * the second sums per-bucket distinct counts into window totals. Per-bucket counts of a (class, device) are summed
 * across machines first, because SPEC 3.4's means are over per-bucket cluster ratios.
 */
public final class WindowFold {

    /** Points of one GPU further apart than this start a new draining interval (SPEC 4.8). */
    static final long DRAIN_GAP_MICROS = 20 * 60_000_000L;

    private static final GpuClass[] CLASSES = GpuClass.values();
    private static final MemoryCategory[] CATEGORIES = MemoryCategory.values();
    private static final int LEGACY = LegacyClass.values().length;

    private final QueryWindow window;
    private final QueryConfig config;
    private final long timeSeriesBucketMicros;

    private final TreeSet<Long> buckets = new TreeSet<>();
    private long totalRecords;
    private long excludedRecords;
    private long firstTimestamp = Long.MAX_VALUE;
    private long lastTimestamp = Long.MIN_VALUE;
    private final TreeSet<String> researcherMachines = new TreeSet<>();
    private final EnumMap<GpuClass, SortedMap<String, CellTotals>> deviceTotals = new EnumMap<>(GpuClass.class);
    private final EnumMap<MemoryCategory, CellTotals> memoryTotals = new EnumMap<>(MemoryCategory.class);
    private long h200Buckets;
    private final TreeMap<String, EnumMap<GpuClass, Long>> h200Users = new TreeMap<>();
    private long backfillBuckets;
    private final TreeMap<String, EnumMap<GpuClass, Long>> backfillUsers = new TreeMap<>();
    private final TreeMap<String, ZeroActiveAccumulator> zeroActive = new TreeMap<>();
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
        this.timeSeriesBucketMicros = timeSeriesBucketMinutes * 60_000_000L;
    }

    /** Facts for an allocation or monthly report. */
    public static WindowFacts fold(DigestSource source, QueryWindow window, QueryConfig config) {
        return fold(source, window, config, 0);
    }

    /**
     * Facts including time-series rows of {@code timeSeriesBucketMinutes} (a multiple of 15 dividing 1440; 0 for
     * none).
     */
    public static WindowFacts fold(DigestSource source, QueryWindow window, QueryConfig config,
                                   int timeSeriesBucketMinutes) {
        WindowFold fold = new WindowFold(window, config, timeSeriesBucketMinutes);
        source.forEachBucket(window, fold::collectResearchers);
        source.forEachBucket(window, fold::addBucket);
        return fold.facts();
    }

    private boolean chtc(String machine) {
        return config.chtcOwned().contains(machine);
    }

    private void collectResearchers(BucketDigests bucket) {
        for (MachineDigestCodec.Header header : bucket.headers()) {
            if (header.researcherRow() && !researcherMachines.contains(header.machine())
                    && !chtc(header.machine()) && !config.exclusions().excludes(header.machine())) {
                researcherMachines.add(header.machine());
            }
        }
    }

    private GpuClass classOf(DigestKind kind, String machine, boolean chtcMachine) {
        return switch (kind) {
            case PRIORITIZED -> chtcMachine ? GpuClass.PCO : GpuClass.PRO;
            case SHARED -> GpuClass.SHARED;
            case BACKFILL -> ClassRules.backfillClass(chtcMachine, researcherMachines.contains(machine));
        };
    }

    private void addBucket(BucketDigests bucket) {
        List<MachineDigest> digests = bucket.digests();
        if (digests.isEmpty()) {
            return;
        }
        long bucketStart = bucket.bucketStartMicros();
        buckets.add(bucketStart);
        Map<GpuClass, Map<String, int[]>> bucketCells = new EnumMap<>(GpuClass.class);
        int[][] bucketMemory = new int[CATEGORIES.length][];
        boolean h200Present = false;
        boolean backfillPresent = false;
        boolean preventedPresent = false;
        TimeSeriesAccumulator series = timeSeriesBucketMicros == 0 ? null
                : timeSeries.computeIfAbsent(Math.floorDiv(bucketStart, timeSeriesBucketMicros) * timeSeriesBucketMicros,
                        start -> new TimeSeriesAccumulator());

        for (MachineDigest digest : digests) {
            String machine = digest.machine();
            totalRecords += digest.rowCount();
            firstTimestamp = Math.min(firstTimestamp, digest.firstTimestamp());
            lastTimestamp = Math.max(lastTimestamp, digest.lastTimestamp());
            addDraining(digest);
            if (!digest.preventedGpus().isEmpty()) {
                preventedPresent = true;
                addPrevented(digest, bucketStart);
            }
            boolean excluded = config.exclusions().excludes(machine);
            if (excluded) {
                excludedRecords += digest.rowCount();
            }
            boolean hostMatch = config.hostFilter().matches(machine);
            if (!hostMatch) {
                continue;
            }
            // N of both user tables is counted before exclusions (SPEC 4.5, 4.6).
            h200Present |= digest.h200Row();
            backfillPresent |= config.allDevices() || digest.nonOldRow();
            if (excluded) {
                continue;
            }
            boolean chtcMachine = chtc(machine);
            for (MachineDigest.DeviceCell cell : digest.deviceCells()) {
                GpuClass gpuClass = classOf(cell.kind(), machine, chtcMachine);
                int[] counts = bucketCells.computeIfAbsent(gpuClass, c -> new HashMap<>())
                        .computeIfAbsent(cell.device(), d -> new int[4]);
                counts[0] += cell.available();
                counts[1] += cell.claimed();
                counts[2] += cell.drained();
                counts[3] += cell.prevented();
            }
            boolean nonOldOnly = !config.allDevices();
            for (MachineDigest.MemoryCell cell : digest.memoryCells()) {
                if (cell.nonOldOnly() == nonOldOnly) {
                    int[] counts = bucketMemory[cell.category().ordinal()];
                    if (counts == null) {
                        counts = bucketMemory[cell.category().ordinal()] = new int[3];
                    }
                    counts[0] += cell.available();
                    counts[1] += cell.claimed();
                    counts[2] += cell.drained();
                }
            }
            for (MachineDigest.H200UserCell cell : digest.h200Users()) {
                GpuClass gpuClass = classOf(cell.kind(), machine, chtcMachine);
                if (gpuClass != GpuClass.BOC) {
                    h200Users.computeIfAbsent(cell.user(), u -> new EnumMap<>(GpuClass.class))
                            .merge(gpuClass, (long) cell.gpus(), Long::sum);
                }
            }
            GpuClass backfillClass = classOf(DigestKind.BACKFILL, machine, chtcMachine);
            if (backfillClass != GpuClass.BOC) {
                for (MachineDigest.BackfillUserCell cell : digest.backfillUsers()) {
                    if (cell.nonOldOnly() == nonOldOnly) {
                        backfillUsers.computeIfAbsent(cell.user(), u -> new EnumMap<>(GpuClass.class))
                                .merge(backfillClass, (long) cell.gpus(), Long::sum);
                    }
                }
            }
            zeroActive.computeIfAbsent(machine, ZeroActiveAccumulator::new).add(digest);
            if (series != null) {
                series.add(digest, timeSeriesBucketMicros == SnapshotTime.BUCKET_MICROS);
            }
        }

        for (Map.Entry<GpuClass, Map<String, int[]>> byClass : bucketCells.entrySet()) {
            SortedMap<String, CellTotals> totals = deviceTotals.computeIfAbsent(byClass.getKey(), c -> new TreeMap<>());
            for (Map.Entry<String, int[]> cell : byClass.getValue().entrySet()) {
                int[] counts = cell.getValue();
                totals.computeIfAbsent(cell.getKey(), d -> new CellTotals())
                        .addBucket(counts[0], counts[1], counts[2], counts[3]);
            }
        }
        for (MemoryCategory category : CATEGORIES) {
            int[] counts = bucketMemory[category.ordinal()];
            if (counts != null && counts[0] > 0) {
                memoryTotals.computeIfAbsent(category, c -> new CellTotals())
                        .addBucket(counts[0], counts[1], counts[2], 0);
            }
        }
        if (h200Present) {
            h200Buckets++;
        }
        if (backfillPresent) {
            backfillBuckets++;
        }
        if (preventedPresent) {
            preventedBuckets.add(bucketStart);
        }
    }

    private void addDraining(MachineDigest digest) {
        if (digest.drainPoints().isEmpty()) {
            return;
        }
        Map<String, DrainRun> runs = openDrainRuns.computeIfAbsent(digest.machine(), m -> new HashMap<>());
        for (MachineDigest.DrainPoint point : digest.drainPoints()) {
            String gpu = digest.gpuId(point.gpu());
            DrainRun run = runs.get(gpu);
            if (run != null && point.timestampMicros() - run.last > DRAIN_GAP_MICROS) {
                drainingIntervals.add(run.close(digest.machine(), gpu));
                run = null;
            }
            if (run == null) {
                runs.put(gpu, new DrainRun(point.timestampMicros()));
            } else {
                run.extend(point.timestampMicros());
            }
        }
    }

    private void addPrevented(MachineDigest digest, long bucketStart) {
        PreventedAccumulator host = preventedHosts.computeIfAbsent(digest.machine(), PreventedAccumulator::new);
        for (MachineDigest.PreventedGpu prevented : digest.preventedGpus()) {
            String gpu = digest.gpuId(prevented.gpu());
            host.gpus.add(gpu);
            host.reasons.add(prevented.reason());
            reasonMachines.computeIfAbsent(prevented.reason(), r -> new TreeSet<>()).add(digest.machine());
            reasonGpuKeys.computeIfAbsent(prevented.reason(), r -> new HashSet<>()).add(digest.machine() + '\n' + gpu);
        }
        host.lastSeen = Math.max(host.lastSeen, digest.lastPreventedTimestamp());
        host.lastBucket = Math.max(host.lastBucket, bucketStart);
    }

    private WindowFacts facts() {
        for (Map.Entry<String, Map<String, DrainRun>> machine : new TreeMap<>(openDrainRuns).entrySet()) {
            for (Map.Entry<String, DrainRun> gpu : machine.getValue().entrySet()) {
                drainingIntervals.add(gpu.getValue().close(machine.getKey(), gpu.getKey()));
            }
        }
        drainingIntervals.sort(java.util.Comparator.comparing(DrainingInterval::machine)
                .thenComparing(DrainingInterval::gpu).thenComparingLong(DrainingInterval::startMicros));

        TreeMap<String, PreventedHost> hosts = new TreeMap<>();
        preventedHosts.forEach((machine, host) -> hosts.put(machine, new PreventedHost(machine,
                Collections.unmodifiableSortedSet(host.gpus), Collections.unmodifiableSortedSet(host.reasons),
                host.lastSeen, host.lastBucket)));
        TreeMap<String, ReasonUse> byReason = new TreeMap<>();
        reasonMachines.forEach((reason, machines) -> byReason.put(reason,
                new ReasonUse(Collections.unmodifiableSortedSet(machines), reasonGpuKeys.get(reason).size())));

        TreeMap<String, ZeroActiveMachine> zeroActiveFacts = new TreeMap<>();
        zeroActive.forEach((machine, accumulator) -> zeroActiveFacts.put(machine, accumulator.facts()));

        List<TimeSeriesPoint> points = new ArrayList<>(timeSeries.size());
        timeSeries.forEach((start, accumulator) -> points.add(accumulator.point(start)));

        boolean empty = buckets.isEmpty();
        return new WindowFacts(window, config, Collections.unmodifiableSortedSet(buckets), totalRecords,
                excludedRecords, empty ? -1 : firstTimestamp, empty ? -1 : lastTimestamp,
                Collections.unmodifiableSortedSet(researcherMachines), deviceTotals, memoryTotals,
                new UserBuckets(h200Buckets, Collections.unmodifiableSortedMap(h200Users)),
                new UserBuckets(backfillBuckets, Collections.unmodifiableSortedMap(backfillUsers)),
                Collections.unmodifiableSortedMap(zeroActiveFacts), List.copyOf(drainingIntervals),
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

        PreventedAccumulator(String machine) {
        }
    }

    /** Window-wide zero-active facts of one machine. GPU sets are unions of ids across buckets. */
    private static final class ZeroActiveAccumulator {
        private final String machine;
        private final Set<String> allGpus = new HashSet<>();
        private final Set<String> claimedGpus = new HashSet<>();
        private long observations;
        private final TreeMap<String, Long> deviceRows = new TreeMap<>();
        private final TreeSet<String> projects = new TreeSet<>();
        private long backfillClaimedGpuBuckets;
        private long backfillBuckets;

        ZeroActiveAccumulator(String machine) {
            this.machine = machine;
        }

        void add(MachineDigest digest) {
            MachineDigest.ZeroActiveFacts facts = digest.zeroActive();
            List<String> gpuIds = digest.gpuIds();
            addMembers(facts.primaryGpus(), gpuIds, allGpus);
            addMembers(facts.primaryClaimedGpus(), gpuIds, claimedGpus);
            observations += facts.primaryObservations();
            facts.deviceRows().forEach((device, rows) -> deviceRows.merge(device, (long) rows, Long::sum));
            projects.addAll(facts.prioritizedProjects());
            backfillClaimedGpuBuckets += facts.backfillClaimedGpus();
            if (facts.backfillRows()) {
                backfillBuckets++;
            }
        }

        private static void addMembers(MachineDigest.GpuSet set, List<String> gpuIds, Set<String> into) {
            long[] words = set.words();
            for (int word = 0; word < words.length; word++) {
                long bits = words[word];
                while (bits != 0) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    into.add(gpuIds.get(word * 64 + bit));
                    bits &= bits - 1;
                }
            }
        }

        ZeroActiveMachine facts() {
            return new ZeroActiveMachine(machine, allGpus.size(), claimedGpus.size(), observations,
                    Collections.unmodifiableSortedMap(deviceRows), Collections.unmodifiableSortedSet(projects),
                    backfillClaimedGpuBuckets, backfillBuckets);
        }
    }

    /** One time-series bucket: per legacy class, claimed and unclaimed sizes (or per-machine unions when wide). */
    private static final class TimeSeriesAccumulator {
        private final int[] claimed = new int[LEGACY];
        private final int[] unclaimed = new int[LEGACY];
        private final Map<String, List<Set<String>>> claimedByMachine = new HashMap<>();
        private final Map<String, List<Set<String>>> unclaimedByMachine = new HashMap<>();

        void add(MachineDigest digest, boolean single) {
            for (int legacy = 0; legacy < LEGACY; legacy++) {
                if (single) {
                    claimed[legacy] += digest.legacyClaimed().get(legacy).size();
                    unclaimed[legacy] += digest.legacyUnclaimed().get(legacy).size();
                } else {
                    // A wider bucket is the union of its 15-minute buckets (SPEC 5.1): union GPU ids per machine.
                    ZeroActiveAccumulator.addMembers(digest.legacyClaimed().get(legacy), digest.gpuIds(),
                            sets(claimedByMachine, digest.machine()).get(legacy));
                    ZeroActiveAccumulator.addMembers(digest.legacyUnclaimed().get(legacy), digest.gpuIds(),
                            sets(unclaimedByMachine, digest.machine()).get(legacy));
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
            int[] total = new int[LEGACY];
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
            for (int legacy = 0; legacy < LEGACY; legacy++) {
                total[legacy] = claimedTotal[legacy] + unclaimedTotal[legacy];
            }
            return new TimeSeriesPoint(start, claimedTotal, total);
        }
    }
}
