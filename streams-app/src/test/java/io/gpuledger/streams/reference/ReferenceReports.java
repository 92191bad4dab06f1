package io.gpuledger.streams.reference;

import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.DedupRank;
import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.ingest.classify.RowIdentity;
import io.gpuledger.ingest.classify.SlotPredicates;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.MemoryStat;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.Percent;
import io.gpuledger.streams.report.PreventJobsStats;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.report.ZeroActiveMachines;
import io.gpuledger.streams.window.QueryConfig;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules' reports computed the obvious way, straight from rows (test scope only): the batch reference the streaming
 * engine is checked against in {@code DifferentialTest}.
 *
 * <p>Every step is written as the rules say it, over plain rows, with maps of sets and no attempt at speed:
 * <ol>
 *   <li>row identity (rules §1.5): rows sharing (timestamp, Machine, Name, GPU id) collapse to the content maximum;</li>
 *   <li>the window (3.1): {@code start ≤ timestamp ≤ end}, both inclusive, on the naive wall clock;</li>
 *   <li>the bucket universe {@code B} (3.2): distinct 15-minute floors of the window's rows, before any filter;</li>
 *   <li>ResearcherMachines (2.5), then representatives per (snapshot, machine, GPU) (2.4);</li>
 *   <li>per bucket and (class, device) or memory category, sets of GPU keys: T, C, D, R (3.3);</li>
 *   <li>integer sums over buckets, one division each (3.4), and the tables of rules §4.</li>
 * </ol>
 *
 * <p>Only the pure rule functions of {@code ingest.classify} (predicates, rank, row identity, classes, devices,
 * memory categories, host filter and lists), {@link SnapshotTime} formatting, the report records and {@link Percent}
 * are shared with the engine; all counting is done here.
 *
 * <p>Floating-point order where the rules fix it (3.4): sums of counts are exact integers; an average is one
 * division; sums of averages add devices in raw-name order and classes in class order; percentages divide first.
 * Where the rules leave the order open, the engine's documented choice is followed (see {@link #meanPercent}).
 */
public final class ReferenceReports {

    /** rules §3.1's empty-window error text. */
    public static final String NO_DATA = "No data found in the specified time range.";

    /** Points of one GPU further apart than this start a new draining interval (rules §4.8). */
    private static final Duration DRAIN_GAP = Duration.ofMinutes(20);

    /** Real classes and the displayed backfill classes, in class order (rules §2.6). */
    private static final List<GpuClass> DISPLAYED = List.of(GpuClass.PRO, GpuClass.PCO, GpuClass.SHARED,
            GpuClass.BRO, GpuClass.BCO);

    /** One input row: a slot-GPU row of one machine at one snapshot time. */
    public record Row(String machine, LocalDateTime timestamp, SlotGpuRow slot) {
        public Row {
            Objects.requireNonNull(machine);
            Objects.requireNonNull(timestamp);
            Objects.requireNonNull(slot);
        }
    }

    /** A physical GPU: (Machine, id) (rules §1.4). */
    private record GpuKey(String machine, String gpu) implements Comparable<GpuKey> {
        @Override
        public int compareTo(GpuKey other) {
            int byMachine = machine.compareTo(other.machine);
            return byMachine != 0 ? byMachine : gpu.compareTo(other.gpu);
        }
    }

    /** A snapshot of one machine: (timestamp, Machine). */
    private record SnapshotKey(LocalDateTime timestamp, String machine) {
    }

    /** Row identity (rules §1.5): (timestamp, Machine, Name, normalised GPU id); a null id is its own value. */
    private record Identity(LocalDateTime timestamp, String machine, String name, String gpu) {
    }

    /** The rows after row-identity resolution, in (timestamp, machine, name, id) order. */
    private final List<Row> rows;

    public ReferenceReports(Collection<Row> inputRows) {
        Map<Identity, Row> byIdentity = new HashMap<>();
        for (Row row : inputRows) {
            Identity identity = new Identity(row.timestamp(), row.machine(), row.slot().name(), row.slot().gpuId());
            // Several rows with one identity: the content maximum is kept, whatever the arrival order (rules §1.5).
            byIdentity.merge(identity, row, (a, b) -> RowIdentity.keep(a.slot(), b.slot()) == a.slot() ? a : b);
        }
        List<Row> kept = new ArrayList<>(byIdentity.values());
        kept.sort(Comparator.comparing(Row::timestamp).thenComparing(Row::machine)
                .thenComparing(r -> r.slot().name())
                .thenComparing(r -> r.slot().gpuId(), Comparator.nullsFirst(Comparator.naturalOrder())));
        this.rows = List.copyOf(kept);
    }

    /** Every row of the given snapshot pieces (machine and time taken from the piece). */
    public static ReferenceReports of(Collection<HostSnapshot> snapshots) {
        List<Row> rows = new ArrayList<>();
        for (HostSnapshot snapshot : snapshots) {
            for (SlotGpuRow slot : snapshot.rows()) {
                rows.add(new Row(snapshot.machine(), snapshot.timestamp(), slot));
            }
        }
        return new ReferenceReports(rows);
    }

    /** Distinct row identities held. */
    public int size() {
        return rows.size();
    }

    /** The default report end (rules §3.1): the latest snapshot timestamp of all rows. */
    public LocalDateTime latestTimestamp() {
        return rows.stream().map(Row::timestamp).max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no rows"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reports

    /** rules §4.2-4.10 over {@code [end − hoursBack h, end]}. */
    public AllocationReport allocation(LocalDateTime end, long hoursBack, QueryConfig config) {
        Window w = new Window(end.minusHours(hoursBack), end, hoursBack, config);
        if (w.rows.isEmpty()) {
            throw new NoDataException(NO_DATA);
        }
        Map<GpuClass, TreeMap<String, DeviceStat>> deviceStats = w.deviceStats();
        return new AllocationReport(
                "allocation",
                w.metadata(),
                deviceStatsJson(deviceStats),
                w.memoryStats(),
                w.h200Users(),
                w.backfillUsers(),
                w.zeroActive(),
                w.draining(),
                w.preventJobs(deviceStats),
                realSlots(deviceStats),
                memoryTable(w.memoryStats()),
                deviceTables(deviceStats),
                subject(deviceStats));
    }

    /** rules §4.11: the whole month, both ends inclusive; no host filter. */
    public MonthlyReport monthly(YearMonth month, QueryConfig config) {
        LocalDateTime start = month.atDay(1).atStartOfDay();
        LocalDateTime end = month.plusMonths(1).atDay(1).atStartOfDay();
        long totalHours = month.lengthOfMonth() * 24L;
        String label = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
        String startDate = SnapshotTime.formatSeconds(start);
        String endDate = SnapshotTime.formatSeconds(month.atEndOfMonth().atTime(23, 59, 59));
        Window w = new Window(start, end, totalHours, config.withHostFilter(HostFilter.NONE));
        if (w.rows.isEmpty()) {
            throw new NoDataException("No data found for " + label, label, startDate, endDate, totalHours);
        }
        Map<GpuClass, TreeMap<String, DeviceStat>> deviceStats = w.deviceStats();
        ReportMetadata metadata = w.metadata();
        return new MonthlyReport(
                "monthly", label, startDate, endDate, totalHours,
                metadata,
                deviceStatsJson(deviceStats),
                w.memoryStats(),
                w.h200Users(),
                new MonthlyReport.DataCoverage(metadata.startTime(), metadata.endTime(), w.rows.size(),
                        w.buckets.size()),
                w.draining(),
                w.preventJobs(deviceStats),
                realSlots(deviceStats),
                memoryTable(w.memoryStats()),
                deviceTables(deviceStats));
    }

    /** rules §4.13: legacy 3-class rows per {@code bucketMinutes} bucket holding any window row. */
    public TimeSeriesReport timeSeries(LocalDateTime end, long hoursBack, QueryConfig config, int bucketMinutes) {
        Window w = new Window(end.minusHours(hoursBack), end, hoursBack, config);
        if (w.rows.isEmpty()) {
            throw new NoDataException(NO_DATA);
        }
        return new TimeSeriesReport("timeseries", w.metadata(), bucketMinutes, w.timeSeriesRows(bucketMinutes));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Buckets and means

    /** rules §3.2: the 15-minute floor on the wall clock. */
    static LocalDateTime bucket(LocalDateTime timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MINUTES).withMinute(timestamp.getMinute() / 15 * 15);
    }

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    /** rules §4.13: buckets of {@code minutes}, aligned to multiples of that width from 1970-01-01 00:00 (naive). */
    static LocalDateTime bucket(LocalDateTime timestamp, int minutes) {
        long sinceEpoch = ChronoUnit.MINUTES.between(EPOCH, timestamp.truncatedTo(ChronoUnit.MINUTES));
        return EPOCH.plusMinutes(Math.floorDiv(sinceEpoch, minutes) * minutes);
    }

    /** The four GPU sets of one row set X in one bucket (rules §3.3). */
    private static final class BucketSets {
        final Set<GpuKey> seen = new HashSet<>();
        final Set<GpuKey> claimed = new HashSet<>();
        final Set<GpuKey> drainedRows = new HashSet<>();
        final Set<GpuKey> prevented = new HashSet<>();

        void add(GpuKey gpu, SlotGpuRow row) {
            seen.add(gpu);
            if (SlotPredicates.claimed(row)) {
                claimed.add(gpu);
            }
            if (SlotPredicates.drained(row)) {
                drainedRows.add(gpu);
            }
            if (SlotPredicates.prevented(row.preventJobsReason()) && !SlotPredicates.claimed(row)) {
                prevented.add(gpu);
            }
        }

        int t() {
            return seen.size();
        }

        int c() {
            return claimed.size();
        }

        /** Drained and not Claimed in the bucket: Claimed beats Drained. */
        int d() {
            Set<GpuKey> drained = new HashSet<>(drainedRows);
            drained.removeAll(claimed);
            return drained.size();
        }

        int r() {
            return prevented.size();
        }
    }

    /**
     * The mean of {@code numerator / denominator × 100} over buckets with a positive denominator (rules §3.4's mean of
     * {@code P_b}). The rules do not fix the addition order; the engine's contract is order-independent: count
     * buckets per distinct (numerator, denominator), add {@code count × percent} over pairs sorted by (denominator,
     * numerator), then divide by the number of buckets.
     */
    static double meanPercent(List<int[]> numeratorDenominator) {
        TreeMap<Long, Long> pairs = new TreeMap<>();
        long buckets = 0;
        for (int[] pair : numeratorDenominator) {
            if (pair[1] <= 0) {
                continue;
            }
            // key orders by denominator, then numerator (both are small non-negative ints)
            pairs.merge(((long) pair[1] << 32) | pair[0], 1L, Long::sum);
            buckets++;
        }
        if (buckets == 0) {
            return 0.0;
        }
        double sum = 0.0;
        for (Map.Entry<Long, Long> entry : pairs.entrySet()) {
            int denominator = (int) (entry.getKey() >>> 32);
            int numerator = (int) (entry.getKey() & 0xFFFFFFFFL);
            sum += entry.getValue() * ((double) numerator / denominator * 100.0);
        }
        return sum / buckets;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One query window

    private final class Window {
        final LocalDateTime start;
        final LocalDateTime end;
        final long hoursBack;
        final QueryConfig config;
        /** The window's rows (row identities), in time order. */
        final List<Row> rows = new ArrayList<>();
        /** The bucket universe B: before exclusions, host filter, device filter, classes and hasGpu (rules §3.2). */
        final TreeSet<LocalDateTime> buckets = new TreeSet<>();
        /** ResearcherMachines of the window (rules §2.5). */
        final Set<String> researchers = new HashSet<>();
        /** Per (snapshot, machine): GPU id → representative, over rows that are ¬excluded ∧ hasGpu (rules §2.4). */
        final Map<SnapshotKey, Map<String, SlotGpuRow>> representatives = new LinkedHashMap<>();

        Window(LocalDateTime start, LocalDateTime end, long hoursBack, QueryConfig config) {
            this.start = start;
            this.end = end;
            this.hoursBack = hoursBack;
            this.config = config;
            for (Row row : ReferenceReports.this.rows) {
                if (!row.timestamp().isBefore(start) && !row.timestamp().isAfter(end)) {
                    rows.add(row);
                }
            }
            for (Row row : rows) {
                buckets.add(bucket(row.timestamp()));
                if (ClassRules.qualifiesResearcherMachine(row.slot()) && !chtc(row.machine())
                        && !excluded(row.machine())) {
                    researchers.add(row.machine());
                }
                if (!excluded(row.machine()) && row.slot().hasGpu()) {
                    representatives.computeIfAbsent(new SnapshotKey(row.timestamp(), row.machine()),
                                    k -> new HashMap<>())
                            .merge(row.slot().gpuId(), row.slot(),
                                    (current, candidate) -> DedupRank.beats(candidate, current) ? candidate : current);
                }
            }
        }

        boolean chtc(String machine) {
            return config.chtcOwned().contains(machine);
        }

        boolean excluded(String machine) {
            return config.exclusions().excludes(machine);
        }

        boolean hostMatch(String machine) {
            return config.hostFilter().matches(machine);
        }

        boolean deviceShown(String device) {
            return config.allDevices() || !Devices.isOld(device);
        }

        /** The class of a raw backfill row of {@code machine}: BCO, BRO or BOC (rules §2.5). */
        GpuClass backfillClass(String machine) {
            if (chtc(machine)) {
                return GpuClass.BCO;
            }
            return researchers.contains(machine) ? GpuClass.BRO : GpuClass.BOC;
        }

        /** Raw rows feeding the backfill classes: {@code backfill ∧ hasGpu ∧ ¬excluded}. */
        boolean backfillClassRow(Row row) {
            return SlotPredicates.backfill(row.slot().name()) && row.slot().hasGpu() && !excluded(row.machine());
        }

        // --- device path (rules §3.3, 3.4) ---

        /** class → raw device → bucket → sets; every class row, before the device filter. */
        Map<GpuClass, Map<String, Map<LocalDateTime, BucketSets>>> deviceCells() {
            Map<GpuClass, Map<String, Map<LocalDateTime, BucketSets>>> cells = new EnumMap<>(GpuClass.class);
            // Real classes: representatives.
            representatives.forEach((snapshot, byGpu) -> {
                if (!hostMatch(snapshot.machine())) {
                    return;
                }
                byGpu.forEach((gpu, representative) -> {
                    GpuClass gpuClass = ClassRules.realClass(representative, chtc(snapshot.machine()));
                    if (gpuClass != null) {
                        cells.computeIfAbsent(gpuClass, c -> new HashMap<>())
                                .computeIfAbsent(Devices.deviceName(representative.deviceName()), d -> new HashMap<>())
                                .computeIfAbsent(bucket(snapshot.timestamp()), b -> new BucketSets())
                                .add(new GpuKey(snapshot.machine(), gpu), representative);
                    }
                });
            });
            // Backfill classes: every raw row.
            for (Row row : rows) {
                if (backfillClassRow(row) && hostMatch(row.machine())) {
                    cells.computeIfAbsent(backfillClass(row.machine()), c -> new HashMap<>())
                            .computeIfAbsent(Devices.deviceName(row.slot().deviceName()), d -> new HashMap<>())
                            .computeIfAbsent(bucket(row.timestamp()), b -> new BucketSets())
                            .add(new GpuKey(row.machine(), row.slot().gpuId()), row.slot());
                }
            }
            return cells;
        }

        /** device_stats after the device filter: class → raw device (string order) → stat (rules §3.4, 4.10). */
        Map<GpuClass, TreeMap<String, DeviceStat>> deviceStats() {
            long b = buckets.size();
            Map<GpuClass, TreeMap<String, DeviceStat>> stats = new EnumMap<>(GpuClass.class);
            deviceCells().forEach((gpuClass, devices) -> devices.forEach((device, perBucket) -> {
                if (!deviceShown(device)) {
                    return;
                }
                long sumT = 0;
                long sumC = 0;
                long sumD = 0;
                long sumR = 0;
                List<int[]> claimedPairs = new ArrayList<>();
                List<int[]> drainedPairs = new ArrayList<>();
                for (BucketSets sets : perBucket.values()) {
                    sumT += sets.t();
                    sumC += sets.c();
                    sumD += sets.d();
                    sumR += sets.r();
                    claimedPairs.add(new int[] {sets.c(), sets.t()});
                    drainedPairs.add(new int[] {sets.d(), sets.t()});
                }
                if (sumT == 0) {
                    return; // a (class, device) with T_b = 0 everywhere does not exist
                }
                stats.computeIfAbsent(gpuClass, c -> new TreeMap<>()).put(device, new DeviceStat(
                        (double) sumC / b, (double) sumD / b, (double) sumT / b, (double) sumR / b,
                        meanPercent(claimedPairs), meanPercent(drainedPairs), b));
            }));
            return stats;
        }

        // --- memory path (rules §3.4, 4.3) ---

        Map<String, MemoryStat> memoryStats() {
            Map<MemoryCategory, Map<LocalDateTime, BucketSets>> cells = new EnumMap<>(MemoryCategory.class);
            representatives.forEach((snapshot, byGpu) -> {
                if (!hostMatch(snapshot.machine())) {
                    return;
                }
                byGpu.forEach((gpu, representative) -> {
                    if (ClassRules.realClass(representative, chtc(snapshot.machine())) != null
                            && deviceShown(Devices.deviceName(representative.deviceName()))) {
                        cells.computeIfAbsent(MemoryCategory.of(representative.memoryMb()), m -> new HashMap<>())
                                .computeIfAbsent(bucket(snapshot.timestamp()), x -> new BucketSets())
                                .add(new GpuKey(snapshot.machine(), gpu), representative);
                    }
                });
            });
            Map<String, MemoryStat> stats = new LinkedHashMap<>();
            for (MemoryCategory category : MemoryCategory.values()) { // display order
                Map<LocalDateTime, BucketSets> perBucket = cells.get(category);
                if (perBucket == null) {
                    continue;
                }
                long n = 0;
                long sumT = 0;
                long sumC = 0;
                long sumD = 0;
                List<int[]> claimedPairs = new ArrayList<>();
                List<int[]> drainedPairs = new ArrayList<>();
                for (BucketSets sets : perBucket.values()) {
                    if (sets.t() > 0) {
                        n++;
                    }
                    sumT += sets.t();
                    sumC += sets.c();
                    sumD += sets.d();
                    claimedPairs.add(new int[] {sets.c(), sets.t()});
                    drainedPairs.add(new int[] {sets.d(), sets.t()});
                }
                if (n == 0) {
                    continue;
                }
                stats.put(category.label(), new MemoryStat((double) sumC / n, (double) sumD / n, (double) sumT / n,
                        meanPercent(claimedPairs), meanPercent(drainedPairs), n));
            }
            return stats;
        }

        // --- user tables (rules §3.7, 4.5, 4.6) ---

        /** rules §4.5: rows of exactly {@code NVIDIA H200} that match the host filter. */
        UserTable h200Users() {
            Set<LocalDateTime> tableBuckets = new HashSet<>();
            for (Row row : rows) {
                if (Devices.H200.equals(row.slot().deviceName()) && hostMatch(row.machine())) {
                    tableBuckets.add(bucket(row.timestamp())); // N: before exclusions
                }
            }
            // user → class → bucket → GPUs claimed by that user
            Map<String, Map<GpuClass, Map<LocalDateTime, Set<GpuKey>>>> claimed = new HashMap<>();
            representatives.forEach((snapshot, byGpu) -> {
                if (!hostMatch(snapshot.machine())) {
                    return;
                }
                byGpu.forEach((gpu, representative) -> {
                    GpuClass gpuClass = ClassRules.realClass(representative, chtc(snapshot.machine()));
                    if (gpuClass != null && Devices.H200.equals(representative.deviceName())
                            && SlotPredicates.claimed(representative) && representative.remoteOwner() != null) {
                        claimed.computeIfAbsent(representative.remoteOwner(), u -> new EnumMap<>(GpuClass.class))
                                .computeIfAbsent(gpuClass, c -> new HashMap<>())
                                .computeIfAbsent(bucket(snapshot.timestamp()), x -> new HashSet<>())
                                .add(new GpuKey(snapshot.machine(), gpu));
                    }
                });
            });
            for (Row row : rows) {
                SlotGpuRow slot = row.slot();
                GpuClass gpuClass = backfillClassRow(row) ? backfillClass(row.machine()) : null;
                if (gpuClass != null && gpuClass != GpuClass.BOC && hostMatch(row.machine())
                        && Devices.H200.equals(slot.deviceName()) && SlotPredicates.claimed(slot)
                        && slot.remoteOwner() != null) {
                    claimed.computeIfAbsent(slot.remoteOwner(), u -> new EnumMap<>(GpuClass.class))
                            .computeIfAbsent(gpuClass, c -> new HashMap<>())
                            .computeIfAbsent(bucket(row.timestamp()), x -> new HashSet<>())
                            .add(new GpuKey(row.machine(), slot.gpuId()));
                }
            }
            return userTable(tableBuckets.size(), claimed, false);
        }

        /** rules §4.6: host-filtered rows, old devices out unless all-devices; BRO and BCO only. */
        UserTable backfillUsers() {
            Set<LocalDateTime> tableBuckets = new HashSet<>();
            for (Row row : rows) {
                if (hostMatch(row.machine()) && deviceShown(Devices.deviceName(row.slot().deviceName()))) {
                    tableBuckets.add(bucket(row.timestamp())); // N: before exclusions
                }
            }
            Map<String, Map<GpuClass, Map<LocalDateTime, Set<GpuKey>>>> claimed = new HashMap<>();
            for (Row row : rows) {
                SlotGpuRow slot = row.slot();
                if (!backfillClassRow(row) || !hostMatch(row.machine())
                        || !deviceShown(Devices.deviceName(slot.deviceName()))
                        || !SlotPredicates.claimed(slot) || slot.remoteOwner() == null) {
                    continue;
                }
                GpuClass gpuClass = backfillClass(row.machine());
                if (gpuClass == GpuClass.BOC) {
                    continue; // never in a user table
                }
                claimed.computeIfAbsent(slot.remoteOwner(), u -> new EnumMap<>(GpuClass.class))
                        .computeIfAbsent(gpuClass, c -> new HashMap<>())
                        .computeIfAbsent(bucket(row.timestamp()), x -> new HashSet<>())
                        .add(new GpuKey(row.machine(), slot.gpuId()));
            }
            return userTable(tableBuckets.size(), claimed, true);
        }

        /**
         * {@code S[u][k] = Σ_b |GPUs claimed by u in class k in b|}, {@code gpu_hours = S / N × hours_back}
         * (rules §3.7), laid out as rules §4.5 says.
         */
        UserTable userTable(long n, Map<String, Map<GpuClass, Map<LocalDateTime, Set<GpuKey>>>> claimed,
                            boolean backfillTable) {
            // S per shown user ("" is shown as Unknown) and class
            TreeMap<String, EnumMap<GpuClass, Long>> s = new TreeMap<>();
            claimed.forEach((owner, byClass) -> byClass.forEach((gpuClass, byBucket) -> {
                long gpuBuckets = 0;
                for (Set<GpuKey> gpus : byBucket.values()) {
                    gpuBuckets += gpus.size();
                }
                s.computeIfAbsent(owner.isEmpty() ? "Unknown" : owner, u -> new EnumMap<>(GpuClass.class))
                        .merge(gpuClass, gpuBuckets, Long::sum);
            }));

            Map<String, UserTable.UserEntry> users = new LinkedHashMap<>();
            // class → (user, hours) in user-name order
            EnumMap<GpuClass, List<Map.Entry<String, Double>>> byClass = new EnumMap<>(GpuClass.class);
            if (n > 0) {
                s.forEach((user, perClass) -> {
                    EnumMap<GpuClass, Double> hours = new EnumMap<>(GpuClass.class);
                    perClass.forEach((gpuClass, gpuBuckets) -> {
                        double h = (double) gpuBuckets / n * hoursBack;
                        if (h > 0) {
                            hours.put(gpuClass, h);
                        }
                    });
                    if (hours.isEmpty()) {
                        return;
                    }
                    double total = 0;
                    double measured = 0;
                    for (Map.Entry<GpuClass, Double> h : hours.entrySet()) { // class order
                        total += h.getValue();
                        measured += perClass.get(h.getKey()) * 0.25;
                    }
                    Map<String, UserTable.SlotShare> breakdown = new LinkedHashMap<>();
                    for (Map.Entry<GpuClass, Double> h : hours.entrySet()) {
                        breakdown.put(h.getKey().id(), new UserTable.SlotShare(h.getValue(),
                                perClass.get(h.getKey()) * 0.25, Percent.of(h.getValue(), total)));
                        byClass.computeIfAbsent(h.getKey(), c -> new ArrayList<>()).add(Map.entry(user, h.getValue()));
                    }
                    users.put(user, new UserTable.UserEntry(total, measured, breakdown));
                });
            }
            // slot totals: users in name order; grand total: classes in class order
            EnumMap<GpuClass, Double> slotTotals = new EnumMap<>(GpuClass.class);
            byClass.forEach((gpuClass, lines) -> {
                double total = 0;
                for (Map.Entry<String, Double> line : lines) {
                    total += line.getValue();
                }
                slotTotals.put(gpuClass, total);
            });
            double grand = 0;
            for (double total : slotTotals.values()) {
                grand += total;
            }
            final double grandTotal = grand;
            List<GpuClass> classOrder = new ArrayList<>(slotTotals.keySet());
            // by slot total descending; ties stay in class order (stable sort of a class-ordered list)
            classOrder.sort(Comparator.comparingDouble((GpuClass c) -> slotTotals.get(c)).reversed());
            List<UserTable.ClassGroup> groups = new ArrayList<>();
            for (GpuClass gpuClass : classOrder) {
                List<UserTable.UserLine> lines = byClass.get(gpuClass).stream()
                        .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue()).reversed()
                                .thenComparing(Map.Entry::getKey))
                        .map(e -> new UserTable.UserLine(e.getKey(), e.getValue(), Percent.of(e.getValue(), grandTotal)))
                        .toList();
                groups.add(new UserTable.ClassGroup(gpuClass.id(),
                        backfillTable ? gpuClass.backfillTableName() : gpuClass.displayName(),
                        slotTotals.get(gpuClass), Percent.of(slotTotals.get(gpuClass), grandTotal), lines));
            }
            return new UserTable(n, buckets.size() * 0.25, users, List.copyOf(groups));
        }

        // --- zero-active machines (rules §4.7) ---

        ZeroActiveMachines zeroActive() {
            TreeMap<String, List<Row>> byMachine = new TreeMap<>();
            for (Row row : rows) {
                if (!excluded(row.machine()) && hostMatch(row.machine())) {
                    byMachine.computeIfAbsent(row.machine(), m -> new ArrayList<>()).add(row);
                }
            }
            List<ZeroActiveMachines.Machine> listed = new ArrayList<>();
            int idle = 0;
            for (Map.Entry<String, List<Row>> entry : byMachine.entrySet()) {
                String machine = entry.getKey();
                Set<String> all = new HashSet<>();
                Set<String> claimedGpus = new HashSet<>();
                long observations = 0;
                TreeMap<String, Long> deviceRows = new TreeMap<>();
                TreeSet<String> projects = new TreeSet<>();
                Set<List<Object>> backfillClaimedGpuBuckets = new HashSet<>();
                Set<LocalDateTime> backfillBuckets = new HashSet<>();
                for (Row row : entry.getValue()) {
                    SlotGpuRow slot = row.slot();
                    boolean backfill = SlotPredicates.backfillIgnoringCase(slot.name()); // case-insensitive here
                    if (!backfill && slot.hasGpu()) {
                        all.add(slot.gpuId());
                        observations++;
                        if (SlotPredicates.claimed(slot)) {
                            claimedGpus.add(slot.gpuId());
                        }
                    }
                    deviceRows.merge(Devices.deviceName(slot.deviceName()), 1L, Long::sum);
                    if (slot.prioritizedProjects() != null && !slot.prioritizedProjects().isBlank()) {
                        projects.add(slot.prioritizedProjects().strip());
                    }
                    if (backfill) {
                        backfillBuckets.add(bucket(row.timestamp()));
                        if (SlotPredicates.claimed(slot) && slot.hasGpu()) {
                            backfillClaimedGpuBuckets.add(List.of(bucket(row.timestamp()), slot.gpuId()));
                        }
                    }
                }
                // most frequent device name, Unknown excluded, ties to the smallest name
                String model = Devices.UNKNOWN;
                long most = 0;
                for (Map.Entry<String, Long> device : deviceRows.entrySet()) {
                    if (!device.getKey().equals(Devices.UNKNOWN) && device.getValue() > most) {
                        model = device.getKey();
                        most = device.getValue();
                    }
                }
                if (!claimedGpus.isEmpty() || all.isEmpty() || !deviceShown(model)) {
                    continue;
                }
                double avgBackfill = backfillBuckets.isEmpty() ? 0.0
                        : (double) backfillClaimedGpuBuckets.size() / backfillBuckets.size();
                listed.add(new ZeroActiveMachines.Machine(machine, model, Devices.shortName(model), all.size(),
                        claimedGpus.size(), observations, List.copyOf(projects), avgBackfill));
                idle += all.size();
            }
            return new ZeroActiveMachines(listed.size(), idle, List.copyOf(listed));
        }

        // --- draining (rules §4.8) ---

        DrainingStats draining() {
            // all window rows: no exclusions, host filter or device filter
            Map<GpuKey, TreeSet<LocalDateTime>> points = new TreeMap<>();
            Set<List<Object>> claimedAt = new HashSet<>();
            for (Row row : rows) {
                if (row.slot().hasGpu() && SlotPredicates.claimed(row.slot())) {
                    claimedAt.add(List.of(row.machine(), row.slot().gpuId(), row.timestamp()));
                }
            }
            for (Row row : rows) {
                if (row.slot().hasGpu() && SlotPredicates.drained(row.slot())
                        && !claimedAt.contains(List.of(row.machine(), row.slot().gpuId(), row.timestamp()))) {
                    points.computeIfAbsent(new GpuKey(row.machine(), row.slot().gpuId()), k -> new TreeSet<>())
                            .add(row.timestamp());
                }
            }
            record Run(GpuKey gpu, LocalDateTime first, LocalDateTime last, int points) {
                double hours() {
                    return points == 1 ? 0.25 : ChronoUnit.MICROS.between(first, last) / 3.6e9;
                }
            }
            List<Run> runs = new ArrayList<>(); // in (machine, gpu, start) order
            points.forEach((gpu, times) -> {
                LocalDateTime first = null;
                LocalDateTime last = null;
                int count = 0;
                for (LocalDateTime time : times) {
                    if (first != null && Duration.between(last, time).compareTo(DRAIN_GAP) > 0) {
                        runs.add(new Run(gpu, first, last, count));
                        first = null;
                    }
                    if (first == null) {
                        first = time;
                        count = 0;
                    }
                    last = time;
                    count++;
                }
                runs.add(new Run(gpu, first, last, count));
            });
            double totalHours = 0;
            Map<String, Set<String>> gpusByHost = new TreeMap<>();
            Map<String, Integer> intervalsByHost = new HashMap<>();
            Map<String, Double> hoursByHost = new HashMap<>();
            List<DrainingStats.Interval> intervals = new ArrayList<>();
            for (Run run : runs) {
                totalHours += run.hours();
                gpusByHost.computeIfAbsent(run.gpu().machine(), h -> new HashSet<>()).add(run.gpu().gpu());
                intervalsByHost.merge(run.gpu().machine(), 1, Integer::sum);
                hoursByHost.merge(run.gpu().machine(), run.hours(), Double::sum);
                intervals.add(new DrainingStats.Interval(run.gpu().machine(), run.gpu().gpu(),
                        SnapshotTime.format(run.first()), SnapshotTime.format(run.last()), run.hours()));
            }
            Map<String, DrainingStats.HostDraining> perHost = new LinkedHashMap<>();
            int uniqueGpus = 0;
            for (Map.Entry<String, Set<String>> host : gpusByHost.entrySet()) {
                uniqueGpus += host.getValue().size();
                perHost.put(host.getKey(), new DrainingStats.HostDraining(host.getValue().size(),
                        intervalsByHost.get(host.getKey()), hoursByHost.get(host.getKey())));
            }
            return new DrainingStats(!runs.isEmpty(), perHost.size(), uniqueGpus, runs.size(), totalHours, perHost,
                    List.copyOf(intervals));
        }

        // --- PreventJobsReason (rules §4.9) ---

        PreventJobsStats preventJobs(Map<GpuClass, TreeMap<String, DeviceStat>> deviceStats) {
            // every window row with prevented ∧ hasGpu: no exclusions, host filter or device filter
            List<Row> prevented = rows.stream()
                    .filter(r -> SlotPredicates.prevented(r.slot().preventJobsReason()) && r.slot().hasGpu())
                    .toList();
            TreeSet<LocalDateTime> pjBuckets = new TreeSet<>();
            for (Row row : prevented) {
                pjBuckets.add(bucket(row.timestamp()));
            }
            Set<GpuKey> allGpus = new HashSet<>();
            TreeMap<String, Set<String>> hostGpus = new TreeMap<>();
            Map<String, TreeSet<String>> hostReasons = new HashMap<>();
            Map<String, LocalDateTime> hostLastSeen = new HashMap<>();
            Set<String> activeHosts = new HashSet<>();
            TreeMap<String, Set<String>> reasonHosts = new TreeMap<>();
            Map<String, Set<GpuKey>> reasonGpus = new HashMap<>();
            for (Row row : prevented) {
                String machine = row.machine();
                String reason = row.slot().preventJobsReason();
                GpuKey gpu = new GpuKey(machine, row.slot().gpuId());
                allGpus.add(gpu);
                hostGpus.computeIfAbsent(machine, m -> new HashSet<>()).add(gpu.gpu());
                hostReasons.computeIfAbsent(machine, m -> new TreeSet<>()).add(reason);
                hostLastSeen.merge(machine, row.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
                if (bucket(row.timestamp()).equals(pjBuckets.last())) {
                    activeHosts.add(machine);
                }
                reasonHosts.computeIfAbsent(reason, x -> new HashSet<>()).add(machine);
                reasonGpus.computeIfAbsent(reason, x -> new HashSet<>()).add(gpu);
            }
            Map<String, PreventJobsStats.HostPrevent> perHost = new LinkedHashMap<>();
            hostGpus.forEach((machine, gpus) -> perHost.put(machine, new PreventJobsStats.HostPrevent(gpus.size(),
                    List.copyOf(hostReasons.get(machine)), SnapshotTime.formatMinutes(hostLastSeen.get(machine)),
                    activeHosts.contains(machine))));
            Map<String, PreventJobsStats.ReasonCount> byReason = new LinkedHashMap<>();
            reasonHosts.forEach((reason, hosts) -> byReason.put(reason,
                    new PreventJobsStats.ReasonCount(hosts.size(), reasonGpus.get(reason).size())));
            Map<String, Double> perClass = new LinkedHashMap<>();
            Map<String, Map<String, Double>> perDevice = new LinkedHashMap<>();
            for (GpuClass gpuClass : DISPLAYED) {
                TreeMap<String, DeviceStat> devices = deviceStats.get(gpuClass);
                if (devices == null || devices.isEmpty()) {
                    continue;
                }
                perClass.put(gpuClass.id(), sums(deviceStats, gpuClass, null).prevented());
                Map<String, Double> byDevice = new LinkedHashMap<>();
                devices.forEach((device, stat) -> byDevice.put(device, stat.avgPrevented()));
                perDevice.put(gpuClass.id(), byDevice);
            }
            return new PreventJobsStats(!prevented.isEmpty(), perHost.size(), allGpus.size(), perHost, byReason,
                    pjBuckets.size(), buckets.size(), perClass, perDevice);
        }

        // --- time series (rules §2.9, 4.13) ---

        List<TimeSeriesReport.Row> timeSeriesRows(int bucketMinutes) {
            // one row per bucket holding any window row (before exclusions)
            TreeMap<LocalDateTime, List<Set<GpuKey>>> claimed = new TreeMap<>();
            TreeMap<LocalDateTime, List<Set<GpuKey>>> unclaimed = new TreeMap<>();
            for (Row row : rows) {
                LocalDateTime b = bucket(row.timestamp(), bucketMinutes);
                claimed.computeIfAbsent(b, x -> emptySets());
                unclaimed.computeIfAbsent(b, x -> emptySets());
            }
            // Priority and Shared on representatives (after exclusions and the host filter)
            representatives.forEach((snapshot, byGpu) -> {
                if (!hostMatch(snapshot.machine())) {
                    return;
                }
                LocalDateTime b = bucket(snapshot.timestamp(), bucketMinutes);
                byGpu.forEach((gpu, representative) -> {
                    for (LegacyClass legacy : List.of(LegacyClass.PRIORITY, LegacyClass.SHARED)) {
                        GpuKey key = new GpuKey(snapshot.machine(), gpu);
                        if (legacy.claimed(representative)) {
                            claimed.get(b).get(legacy.ordinal()).add(key);
                        }
                        if (legacy.unclaimed(representative)) {
                            unclaimed.get(b).get(legacy.ordinal()).add(key);
                        }
                    }
                });
            });
            // Backfill on raw backfill ∧ hasGpu ∧ ¬excluded rows
            for (Row row : rows) {
                if (!backfillClassRow(row) || !hostMatch(row.machine())) {
                    continue;
                }
                LocalDateTime b = bucket(row.timestamp(), bucketMinutes);
                GpuKey key = new GpuKey(row.machine(), row.slot().gpuId());
                if (LegacyClass.BACKFILL.claimed(row.slot())) {
                    claimed.get(b).get(LegacyClass.BACKFILL.ordinal()).add(key);
                }
                if (LegacyClass.BACKFILL.unclaimed(row.slot())) {
                    unclaimed.get(b).get(LegacyClass.BACKFILL.ordinal()).add(key);
                }
            }
            List<TimeSeriesReport.Row> out = new ArrayList<>();
            claimed.forEach((b, claimedSets) -> {
                List<Set<GpuKey>> unclaimedSets = unclaimed.get(b);
                int[] c = new int[3];
                int[] t = new int[3];
                for (int i = 0; i < 3; i++) {
                    c[i] = claimedSets.get(i).size();
                    t[i] = claimedSets.get(i).size() + unclaimedSets.get(i).size(); // a sum, not a union
                }
                out.add(new TimeSeriesReport.Row(SnapshotTime.formatSeconds(b),
                        c[0], t[0], Percent.of(c[0], t[0]),
                        c[1], t[1], Percent.of(c[1], t[1]),
                        c[2], t[2], Percent.of(c[2], t[2])));
            });
            return out;
        }

        private static List<Set<GpuKey>> emptySets() {
            return List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
        }

        // --- metadata (rules §4.1, 4.14) ---

        ReportMetadata metadata() {
            long excludedRecords = rows.stream().filter(r -> excluded(r.machine())).count();
            LocalDateTime first = rows.stream().map(Row::timestamp).min(Comparator.naturalOrder()).orElseThrow();
            LocalDateTime last = rows.stream().map(Row::timestamp).max(Comparator.naturalOrder()).orElseThrow();
            // runs of missing 15-minute buckets from the window start's bucket to the window end's
            List<ReportMetadata.Gap> gaps = new ArrayList<>();
            LocalDateTime gapStart = null;
            LocalDateTime lastSlot = bucket(end);
            for (LocalDateTime slot = bucket(start); !slot.isAfter(lastSlot); slot = slot.plusMinutes(15)) {
                boolean missing = !buckets.contains(slot);
                if (missing && gapStart == null) {
                    gapStart = slot;
                } else if (!missing && gapStart != null) {
                    gaps.add(gap(gapStart, slot));
                    gapStart = null;
                }
            }
            if (gapStart != null) {
                gaps.add(gap(gapStart, lastSlot.plusMinutes(15)));
            }
            return new ReportMetadata(SnapshotTime.format(first), SnapshotTime.format(last),
                    SnapshotTime.format(start), SnapshotTime.format(end), buckets.size(), rows.size(), hoursBack,
                    config.exclusions().reasons(), excludedRecords, config.hostFilter().fragment(),
                    config.allDevices(), List.copyOf(gaps), 0.0, null, false, null);
        }

        private static ReportMetadata.Gap gap(LocalDateTime from, LocalDateTime to) {
            return new ReportMetadata.Gap(SnapshotTime.formatSeconds(from), SnapshotTime.formatSeconds(to),
                    ChronoUnit.MINUTES.between(from, to));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tables from device_stats and memory_stats (rules §3.5, 3.6, 4.2-4.4, 6.1)

    private record Sums(double claimed, double drained, double available, double prevented) {
        Sums plus(Sums other) {
            return new Sums(claimed + other.claimed, drained + other.drained, available + other.available,
                    prevented + other.prevented);
        }
    }

    /** Σ over a class's devices in raw-name order; {@code tier} restricts to Open Capacity's tier when not null. */
    private static Sums sums(Map<GpuClass, TreeMap<String, DeviceStat>> stats, GpuClass gpuClass, Devices.Tier tier) {
        double claimed = 0;
        double drained = 0;
        double available = 0;
        double prevented = 0;
        for (Map.Entry<String, DeviceStat> device : stats.getOrDefault(gpuClass, new TreeMap<>()).entrySet()) {
            if (tier != null && Devices.tier(device.getKey()) != tier) {
                continue;
            }
            claimed += device.getValue().avgClaimed();
            drained += device.getValue().avgDrained();
            available += device.getValue().avgTotalAvailable();
            prevented += device.getValue().avgPrevented();
        }
        return new Sums(claimed, drained, available, prevented);
    }

    private static boolean hasDevices(Map<GpuClass, TreeMap<String, DeviceStat>> stats, GpuClass gpuClass) {
        return stats.containsKey(gpuClass) && !stats.get(gpuClass).isEmpty();
    }

    /** rules §4.10: classes in class order (BOC last), devices in string order. */
    private static Map<String, Map<String, DeviceStat>> deviceStatsJson(Map<GpuClass, TreeMap<String, DeviceStat>> stats) {
        Map<String, Map<String, DeviceStat>> json = new LinkedHashMap<>();
        for (GpuClass gpuClass : GpuClass.values()) {
            if (hasDevices(stats, gpuClass)) {
                json.put(gpuClass.id(), new LinkedHashMap<>(stats.get(gpuClass)));
            }
        }
        return json;
    }

    private static RealSlotsRow realSlotsRow(String label, int level, Sums sums) {
        return new RealSlotsRow(label, level, Percent.of(sums.claimed(), sums.available()), sums.claimed(),
                sums.drained(), sums.available(), sums.prevented());
    }

    /** rules §4.2 with the totals of rules §3.6 (secondary capacity never adds to available). */
    private static List<RealSlotsRow> realSlots(Map<GpuClass, TreeMap<String, DeviceStat>> stats) {
        Sums pro = sums(stats, GpuClass.PRO, null);
        Sums pco = sums(stats, GpuClass.PCO, null);
        Sums shared = sums(stats, GpuClass.SHARED, null);
        Sums bro = sums(stats, GpuClass.BRO, null);
        Sums bco = sums(stats, GpuClass.BCO, null);
        Sums primary = pro.plus(pco);
        Sums secondary = bro.plus(bco);
        Sums prioritized = new Sums(primary.claimed() + secondary.claimed(), primary.drained() + secondary.drained(),
                primary.available(), primary.prevented());
        Sums total = new Sums(prioritized.claimed() + shared.claimed(), prioritized.drained() + shared.drained(),
                primary.available() + shared.available(), primary.prevented() + shared.prevented());
        List<RealSlotsRow> rows = new ArrayList<>();
        rows.add(realSlotsRow("TOTAL (primary + secondary)", 0, total));
        rows.add(realSlotsRow("Prioritized (TOTAL)", 0, prioritized));
        rows.add(realSlotsRow("Primary", 1, primary));
        if (hasDevices(stats, GpuClass.PRO)) {
            rows.add(realSlotsRow("Researcher-Owned Hardware", 2, pro));
        }
        if (hasDevices(stats, GpuClass.PCO)) {
            rows.add(realSlotsRow("Researcher-Reserved Capacity", 2, pco));
        }
        if (bro.available() + bco.available() > 0) {
            rows.add(realSlotsRow("Secondary (Backfill)", 1, secondary));
        }
        if (hasDevices(stats, GpuClass.BRO)) {
            rows.add(realSlotsRow("Researcher-Owned Hardware (secondary)", 2, bro));
        }
        if (hasDevices(stats, GpuClass.BCO)) {
            rows.add(realSlotsRow("Researcher-Reserved Capacity (secondary)", 2, bco));
        }
        if (hasDevices(stats, GpuClass.SHARED)) {
            rows.add(realSlotsRow("Open Capacity (TOTAL)", 0, shared));
            Sums flagship = sums(stats, GpuClass.SHARED, Devices.Tier.FLAGSHIP);
            if (flagship.available() > 0) {
                rows.add(realSlotsRow("Open Capacity (Flagship)", 1, flagship));
            }
            Sums standard = sums(stats, GpuClass.SHARED, Devices.Tier.STANDARD);
            if (standard.available() > 0) {
                rows.add(realSlotsRow("Open Capacity (Standard)", 1, standard));
            }
        }
        return rows;
    }

    /** rules §6.1: PRO, PCO, Shared where they have a device and available > 0; then BRO + BCO together. */
    private static List<Double> subject(Map<GpuClass, TreeMap<String, DeviceStat>> stats) {
        List<Double> parts = new ArrayList<>();
        for (GpuClass gpuClass : List.of(GpuClass.PRO, GpuClass.PCO, GpuClass.SHARED)) {
            Sums sums = sums(stats, gpuClass, null);
            if (hasDevices(stats, gpuClass) && sums.available() > 0) {
                parts.add(Percent.of(sums.claimed(), sums.available()));
            }
        }
        Sums bro = sums(stats, GpuClass.BRO, null);
        Sums bco = sums(stats, GpuClass.BCO, null);
        if (bro.available() + bco.available() > 0) {
            parts.add(Percent.of(bro.claimed() + bco.claimed(), bro.available() + bco.available()));
        }
        return parts;
    }

    /** rules §4.4: per displayed class with devices, TOTAL first, then devices by raw name; Allocated = claimed + drained. */
    private static List<DeviceTable> deviceTables(Map<GpuClass, TreeMap<String, DeviceStat>> stats) {
        List<DeviceTable> tables = new ArrayList<>();
        for (GpuClass gpuClass : DISPLAYED) {
            if (!hasDevices(stats, gpuClass)) {
                continue;
            }
            double allocated = 0;
            double available = 0;
            List<RatioRow> deviceRows = new ArrayList<>();
            for (Map.Entry<String, DeviceStat> device : stats.get(gpuClass).entrySet()) {
                DeviceStat stat = device.getValue();
                double rowAllocated = stat.avgClaimed() + stat.avgDrained();
                allocated += rowAllocated;
                available += stat.avgTotalAvailable();
                deviceRows.add(new RatioRow(Devices.shortName(device.getKey()), device.getKey(),
                        Percent.of(rowAllocated, stat.avgTotalAvailable()), rowAllocated, stat.avgTotalAvailable()));
            }
            List<RatioRow> rows = new ArrayList<>();
            rows.add(new RatioRow("TOTAL", "TOTAL", Percent.of(allocated, available), allocated, available));
            rows.addAll(deviceRows);
            tables.add(new DeviceTable(gpuClass.id(), gpuClass.displayName(), List.copyOf(rows)));
        }
        return tables;
    }

    /** rules §4.3: TOTAL first, then categories in display order; Allocated = claimed + drained. */
    private static List<RatioRow> memoryTable(Map<String, MemoryStat> stats) {
        if (stats.isEmpty()) {
            return List.of();
        }
        double allocated = 0;
        double available = 0;
        List<RatioRow> categoryRows = new ArrayList<>();
        for (Map.Entry<String, MemoryStat> category : stats.entrySet()) {
            MemoryStat stat = category.getValue();
            double rowAllocated = stat.avgClaimed() + stat.avgDrained();
            allocated += rowAllocated;
            available += stat.avgTotalAvailable();
            categoryRows.add(new RatioRow(category.getKey(), category.getKey(),
                    Percent.of(rowAllocated, stat.avgTotalAvailable()), rowAllocated, stat.avgTotalAvailable()));
        }
        List<RatioRow> rows = new ArrayList<>();
        rows.add(new RatioRow("TOTAL", "TOTAL", Percent.of(allocated, available), allocated, available));
        rows.addAll(categoryRows);
        return List.copyOf(rows);
    }
}
