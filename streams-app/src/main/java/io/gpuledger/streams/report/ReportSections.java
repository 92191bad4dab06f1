package io.gpuledger.streams.report;

import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.window.CellTotals;
import io.gpuledger.streams.window.WindowFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The arithmetic of rules §3.4-3.7 and the section layouts of rules §4.2-4.10, from one window's {@link WindowFacts}.
 * Every average is one division of an integer sum; sums of averages add devices in raw-name order and classes in
 * class order (rules §3.4).
 */
public final class ReportSections {

    /** Real classes and the displayed backfill classes, in class order. */
    private static final List<GpuClass> DISPLAYED = List.of(GpuClass.PRO, GpuClass.PCO, GpuClass.SHARED,
            GpuClass.BRO, GpuClass.BCO);

    private final WindowFacts facts;
    private final long numIntervals;
    /** device_stats after the device filter: class → raw device → stat. */
    private final EnumMap<GpuClass, SortedMap<String, DeviceStat>> deviceStats = new EnumMap<>(GpuClass.class);

    public ReportSections(WindowFacts facts) {
        this.facts = facts;
        this.numIntervals = facts.buckets().size();
        boolean allDevices = facts.config().allDevices();
        facts.deviceTotals().forEach((gpuClass, devices) -> devices.forEach((device, totals) -> {
            if (allDevices || !Devices.isOld(device)) {
                deviceStats.computeIfAbsent(gpuClass, c -> new TreeMap<>()).put(device, deviceStat(totals));
            }
        }));
    }

    private DeviceStat deviceStat(CellTotals totals) {
        return new DeviceStat(
                Percent.ratio(totals.claimed(), numIntervals),
                Percent.ratio(totals.drained(), numIntervals),
                Percent.ratio(totals.available(), numIntervals),
                Percent.ratio(totals.prevented(), numIntervals),
                totals.allocationPercent(),
                totals.drainedPercent(),
                numIntervals);
    }

    /** rules §4.10: classes in class order (BOC included), devices in string order. */
    public Map<String, Map<String, DeviceStat>> deviceStatsJson() {
        Map<String, Map<String, DeviceStat>> json = new LinkedHashMap<>();
        for (GpuClass gpuClass : GpuClass.values()) {
            SortedMap<String, DeviceStat> devices = deviceStats.get(gpuClass);
            if (devices != null && !devices.isEmpty()) {
                json.put(gpuClass.id(), new LinkedHashMap<>(devices));
            }
        }
        return json;
    }

    /** Sums over a class's devices, in raw-name order. */
    private record ClassSums(double claimed, double drained, double available, double prevented) {
        static final ClassSums ZERO = new ClassSums(0, 0, 0, 0);

        ClassSums plus(ClassSums other) {
            return new ClassSums(claimed + other.claimed, drained + other.drained, available + other.available,
                    prevented + other.prevented);
        }
    }

    private ClassSums sums(GpuClass gpuClass, Devices.Tier tierOnly) {
        double claimed = 0;
        double drained = 0;
        double available = 0;
        double prevented = 0;
        SortedMap<String, DeviceStat> devices = deviceStats.get(gpuClass);
        if (devices != null) {
            for (Map.Entry<String, DeviceStat> entry : devices.entrySet()) {
                if (tierOnly != null && Devices.tier(entry.getKey()) != tierOnly) {
                    continue;
                }
                DeviceStat stat = entry.getValue();
                claimed += stat.avgClaimed();
                drained += stat.avgDrained();
                available += stat.avgTotalAvailable();
                prevented += stat.avgPrevented();
            }
        }
        return new ClassSums(claimed, drained, available, prevented);
    }

    private ClassSums sums(GpuClass gpuClass) {
        return sums(gpuClass, null);
    }

    private boolean hasDevices(GpuClass gpuClass) {
        SortedMap<String, DeviceStat> devices = deviceStats.get(gpuClass);
        return devices != null && !devices.isEmpty();
    }

    private static RealSlotsRow row(String label, int level, ClassSums sums) {
        return new RealSlotsRow(label, level, Percent.of(sums.claimed(), sums.available()), sums.claimed(),
                sums.drained(), sums.available(), sums.prevented());
    }

    /** rules §4.2 with the totals of 3.6: secondary capacity never adds to available. */
    public List<RealSlotsRow> realSlots() {
        ClassSums pro = sums(GpuClass.PRO);
        ClassSums pco = sums(GpuClass.PCO);
        ClassSums shared = sums(GpuClass.SHARED);
        ClassSums bro = sums(GpuClass.BRO);
        ClassSums bco = sums(GpuClass.BCO);
        ClassSums primary = pro.plus(pco);
        ClassSums secondary = bro.plus(bco);
        ClassSums prioritized = new ClassSums(primary.claimed() + secondary.claimed(),
                primary.drained() + secondary.drained(), primary.available(), primary.prevented());
        ClassSums total = new ClassSums(prioritized.claimed() + shared.claimed(),
                prioritized.drained() + shared.drained(), primary.available() + shared.available(),
                primary.prevented() + shared.prevented());

        List<RealSlotsRow> rows = new ArrayList<>();
        rows.add(row("TOTAL (primary + secondary)", 0, total));
        rows.add(row("Prioritized (TOTAL)", 0, prioritized));
        rows.add(row("Primary", 1, primary));
        if (hasDevices(GpuClass.PRO)) {
            rows.add(row(GpuClass.PRO.displayName(), 2, pro));
        }
        if (hasDevices(GpuClass.PCO)) {
            rows.add(row(GpuClass.PCO.displayName(), 2, pco));
        }
        if (bro.available() + bco.available() > 0) {
            rows.add(row("Secondary (Backfill)", 1, secondary));
        }
        if (hasDevices(GpuClass.BRO)) {
            rows.add(row(GpuClass.BRO.displayName(), 2, bro));
        }
        if (hasDevices(GpuClass.BCO)) {
            rows.add(row(GpuClass.BCO.displayName(), 2, bco));
        }
        if (hasDevices(GpuClass.SHARED)) {
            rows.add(row("Open Capacity (TOTAL)", 0, shared));
            for (Devices.Tier tier : Devices.Tier.values()) {
                ClassSums tierSums = sums(GpuClass.SHARED, tier);
                if (tierSums.available() > 0) {
                    rows.add(row("Open Capacity (" + tier.label() + ")", 1, tierSums));
                }
            }
        }
        return rows;
    }

    /**
     * E-mail subject percentages (rules §6.1): PRO, PCO, Shared where present with available > 0, then the backfill
     * classes together.
     */
    public List<Double> subjectPercentages() {
        List<Double> parts = new ArrayList<>();
        for (GpuClass gpuClass : List.of(GpuClass.PRO, GpuClass.PCO, GpuClass.SHARED)) {
            ClassSums sums = sums(gpuClass);
            if (hasDevices(gpuClass) && sums.available() > 0) {
                parts.add(Percent.of(sums.claimed(), sums.available()));
            }
        }
        ClassSums bro = sums(GpuClass.BRO);
        ClassSums bco = sums(GpuClass.BCO);
        if (bro.available() + bco.available() > 0) {
            parts.add(Percent.of(bro.claimed() + bco.claimed(), bro.available() + bco.available()));
        }
        return parts;
    }

    /** rules §4.4: one table per displayed class with devices; Allocated = claimed + drained. */
    public List<DeviceTable> deviceTables() {
        List<DeviceTable> tables = new ArrayList<>();
        for (GpuClass gpuClass : DISPLAYED) {
            SortedMap<String, DeviceStat> devices = deviceStats.get(gpuClass);
            if (devices == null || devices.isEmpty()) {
                continue;
            }
            List<RatioRow> rows = new ArrayList<>();
            double allocatedSum = 0;
            double availableSum = 0;
            for (DeviceStat stat : devices.values()) {
                allocatedSum += stat.avgClaimed() + stat.avgDrained();
                availableSum += stat.avgTotalAvailable();
            }
            rows.add(new RatioRow("TOTAL", "TOTAL", Percent.of(allocatedSum, availableSum), allocatedSum, availableSum));
            devices.forEach((device, stat) -> {
                double allocated = stat.avgClaimed() + stat.avgDrained();
                rows.add(new RatioRow(Devices.shortName(device), device,
                        Percent.of(allocated, stat.avgTotalAvailable()), allocated, stat.avgTotalAvailable()));
            });
            tables.add(new DeviceTable(gpuClass.id(), gpuClass.displayName(), List.copyOf(rows)));
        }
        return tables;
    }

    /** rules §4.3 raw fields, categories in display order. */
    public Map<String, MemoryStat> memoryStatsJson() {
        Map<String, MemoryStat> json = new LinkedHashMap<>();
        for (MemoryCategory category : MemoryCategory.values()) {
            CellTotals totals = facts.memoryTotals().get(category);
            if (totals == null || totals.bucketsWithAvailable() == 0) {
                continue;
            }
            long buckets = totals.bucketsWithAvailable();
            json.put(category.label(), new MemoryStat(
                    Percent.ratio(totals.claimed(), buckets),
                    Percent.ratio(totals.drained(), buckets),
                    Percent.ratio(totals.available(), buckets),
                    totals.allocationPercent(),
                    totals.drainedPercent(),
                    buckets));
        }
        return json;
    }

    /** rules §4.3 table: TOTAL first, then categories; Allocated = claimed + drained. Empty when no category. */
    public List<RatioRow> memoryTable() {
        Map<String, MemoryStat> stats = memoryStatsJson();
        if (stats.isEmpty()) {
            return List.of();
        }
        List<RatioRow> rows = new ArrayList<>();
        double allocatedSum = 0;
        double availableSum = 0;
        for (MemoryStat stat : stats.values()) {
            allocatedSum += stat.avgClaimed() + stat.avgDrained();
            availableSum += stat.avgTotalAvailable();
        }
        rows.add(new RatioRow("TOTAL", "TOTAL", Percent.of(allocatedSum, availableSum), allocatedSum, availableSum));
        stats.forEach((category, stat) -> {
            double allocated = stat.avgClaimed() + stat.avgDrained();
            rows.add(new RatioRow(category, category, Percent.of(allocated, stat.avgTotalAvailable()), allocated,
                    stat.avgTotalAvailable()));
        });
        return List.copyOf(rows);
    }

    /** rules §4.5 / 4.6 and 3.7: GPU-hours per user and class; {@code backfillTable} uses the plain class names. */
    public UserTable userTable(WindowFacts.UserBuckets input, long hoursBack, boolean backfillTable) {
        long buckets = input.buckets();
        Map<String, EnumMap<GpuClass, Long>> byUser = new TreeMap<>();
        input.claimedGpuBuckets().forEach((user, perClass) -> {
            // RemoteOwner "" is shown as user Unknown (rules §3.7).
            String shown = user.isEmpty() ? "Unknown" : user;
            EnumMap<GpuClass, Long> merged = byUser.computeIfAbsent(shown, u -> new EnumMap<>(GpuClass.class));
            perClass.forEach((gpuClass, gpuBuckets) -> merged.merge(gpuClass, gpuBuckets, Long::sum));
        });
        Map<String, UserTable.UserEntry> users = new LinkedHashMap<>();
        EnumMap<GpuClass, List<UserTable.UserLine>> linesByClass = new EnumMap<>(GpuClass.class);
        double grandTotal = 0;
        if (buckets > 0) {
            for (Map.Entry<String, EnumMap<GpuClass, Long>> user : byUser.entrySet()) {
                double total = 0;
                double measured = 0;
                Map<GpuClass, Double> hours = new EnumMap<>(GpuClass.class);
                for (Map.Entry<GpuClass, Long> perClass : user.getValue().entrySet()) {
                    double gpuHours = (double) perClass.getValue() / buckets * hoursBack;
                    if (gpuHours > 0) {
                        hours.put(perClass.getKey(), gpuHours);
                        total += gpuHours;
                        measured += perClass.getValue() * 0.25;
                    }
                }
                if (hours.isEmpty()) {
                    continue;
                }
                Map<String, UserTable.SlotShare> breakdown = new LinkedHashMap<>();
                for (Map.Entry<GpuClass, Double> perClass : hours.entrySet()) {
                    breakdown.put(perClass.getKey().id(), new UserTable.SlotShare(perClass.getValue(),
                            user.getValue().get(perClass.getKey()) * 0.25, Percent.of(perClass.getValue(), total)));
                    linesByClass.computeIfAbsent(perClass.getKey(), c -> new ArrayList<>())
                            .add(new UserTable.UserLine(user.getKey(), perClass.getValue(), 0));
                }
                users.put(user.getKey(), new UserTable.UserEntry(total, measured, breakdown));
            }
        }
        record ClassTotal(GpuClass gpuClass, double total) {
        }
        List<ClassTotal> classTotals = new ArrayList<>();
        for (Map.Entry<GpuClass, List<UserTable.UserLine>> perClass : linesByClass.entrySet()) {
            double slotTotal = 0;
            for (UserTable.UserLine line : perClass.getValue()) {
                slotTotal += line.gpuHours();
            }
            classTotals.add(new ClassTotal(perClass.getKey(), slotTotal));
        }
        for (ClassTotal classTotal : classTotals) {
            grandTotal += classTotal.total();
        }
        // Classes by total descending, ties in class order (the list is in class order and the sort is stable).
        classTotals.sort(Comparator.comparingDouble(ClassTotal::total).reversed());
        List<UserTable.ClassGroup> groups = new ArrayList<>();
        for (ClassTotal classTotal : classTotals) {
            double grand = grandTotal;
            List<UserTable.UserLine> lines = linesByClass.get(classTotal.gpuClass()).stream()
                    .sorted(Comparator.comparingDouble(UserTable.UserLine::gpuHours).reversed()
                            .thenComparing(UserTable.UserLine::user))
                    .map(line -> new UserTable.UserLine(line.user(), line.gpuHours(), Percent.of(line.gpuHours(), grand)))
                    .toList();
            String label = backfillTable ? classTotal.gpuClass().backfillTableName()
                    : classTotal.gpuClass().displayName();
            groups.add(new UserTable.ClassGroup(classTotal.gpuClass().id(), label, classTotal.total(),
                    Percent.of(classTotal.total(), grandTotal), lines));
        }
        return new UserTable(buckets, numIntervals * 0.25, users, List.copyOf(groups));
    }

    /** rules §4.7. */
    public ZeroActiveMachines zeroActive() {
        boolean allDevices = facts.config().allDevices();
        List<ZeroActiveMachines.Machine> machines = new ArrayList<>();
        int idleGpus = 0;
        for (WindowFacts.ZeroActiveMachine machine : facts.zeroActive().values()) {
            if (machine.claimedGpus() != 0 || machine.allGpus() == 0) {
                continue;
            }
            String model = mostFrequentDevice(machine.deviceRows());
            if (!allDevices && Devices.isOld(model)) {
                continue;
            }
            double avgBackfill = machine.backfillBuckets() == 0 ? 0.0
                    : (double) machine.backfillClaimedGpuBuckets() / machine.backfillBuckets();
            machines.add(new ZeroActiveMachines.Machine(machine.machine(), model, Devices.shortName(model),
                    machine.allGpus(), machine.claimedGpus(), machine.observations(),
                    List.copyOf(machine.prioritizedProjects()), avgBackfill));
            idleGpus += machine.allGpus();
        }
        return new ZeroActiveMachines(machines.size(), idleGpus, List.copyOf(machines));
    }

    /** Most rows, excluding {@code Unknown}; ties to the smallest name; {@code Unknown} when nothing else. */
    private static String mostFrequentDevice(SortedMap<String, Long> deviceRows) {
        String best = Devices.UNKNOWN;
        long bestRows = 0;
        for (Map.Entry<String, Long> entry : deviceRows.entrySet()) {
            if (!entry.getKey().equals(Devices.UNKNOWN) && entry.getValue() > bestRows) {
                best = entry.getKey();
                bestRows = entry.getValue();
            }
        }
        return best;
    }

    /** rules §4.8. */
    public DrainingStats draining() {
        List<WindowFacts.DrainingInterval> intervals = facts.drainingIntervals();
        Map<String, TreeSet<String>> gpusByHost = new TreeMap<>();
        Map<String, int[]> intervalsByHost = new TreeMap<>();
        Map<String, Double> hoursByHost = new TreeMap<>();
        List<DrainingStats.Interval> rows = new ArrayList<>();
        double totalHours = 0;
        int uniqueGpus = 0;
        for (WindowFacts.DrainingInterval interval : intervals) {
            if (gpusByHost.computeIfAbsent(interval.machine(), h -> new TreeSet<>()).add(interval.gpu())) {
                uniqueGpus++;
            }
            intervalsByHost.computeIfAbsent(interval.machine(), h -> new int[1])[0]++;
            hoursByHost.merge(interval.machine(), interval.hours(), Double::sum);
            totalHours += interval.hours();
            rows.add(new DrainingStats.Interval(interval.machine(), interval.gpu(),
                    SnapshotTime.format(SnapshotTime.fromMicros(interval.startMicros())),
                    SnapshotTime.format(SnapshotTime.fromMicros(interval.endMicros())), interval.hours()));
        }
        Map<String, DrainingStats.HostDraining> perHost = new LinkedHashMap<>();
        gpusByHost.forEach((host, gpus) -> perHost.put(host, new DrainingStats.HostDraining(gpus.size(),
                intervalsByHost.get(host)[0], hoursByHost.get(host))));
        return new DrainingStats(!intervals.isEmpty(), perHost.size(), uniqueGpus, intervals.size(), totalHours,
                perHost, List.copyOf(rows));
    }

    /** rules §4.9. */
    public PreventJobsStats preventJobs() {
        WindowFacts.PreventedFacts prevented = facts.prevented();
        long lastBucket = prevented.buckets().isEmpty() ? Long.MIN_VALUE : prevented.buckets().last();
        Map<String, PreventJobsStats.HostPrevent> perHost = new LinkedHashMap<>();
        int uniqueGpus = 0;
        for (WindowFacts.PreventedHost host : prevented.hosts().values()) {
            uniqueGpus += host.gpus().size();
            perHost.put(host.machine(), new PreventJobsStats.HostPrevent(host.gpus().size(),
                    List.copyOf(host.reasons()), SnapshotTime.formatMinutes(SnapshotTime.fromMicros(host.lastSeenMicros())),
                    host.lastBucketMicros() == lastBucket));
        }
        Map<String, PreventJobsStats.ReasonCount> byReason = new LinkedHashMap<>();
        prevented.byReason().forEach((reason, use) ->
                byReason.put(reason, new PreventJobsStats.ReasonCount(use.machines().size(), use.gpus())));
        Map<String, Double> perClass = new LinkedHashMap<>();
        Map<String, Map<String, Double>> perDevice = new LinkedHashMap<>();
        for (GpuClass gpuClass : DISPLAYED) {
            SortedMap<String, DeviceStat> devices = deviceStats.get(gpuClass);
            if (devices == null || devices.isEmpty()) {
                continue;
            }
            perClass.put(gpuClass.id(), sums(gpuClass).prevented());
            Map<String, Double> byDevice = new LinkedHashMap<>();
            devices.forEach((device, stat) -> byDevice.put(device, stat.avgPrevented()));
            perDevice.put(gpuClass.id(), byDevice);
        }
        return new PreventJobsStats(!perHost.isEmpty(), perHost.size(), uniqueGpus, perHost, byReason,
                prevented.buckets().size(), numIntervals, perClass, perDevice);
    }

    /** rules §4.1 and 4.14 metadata; runtime and generation time are filled in by the caller. */
    public ReportMetadata metadata(long hoursBack) {
        List<ReportMetadata.Gap> gaps = new ArrayList<>();
        long slot = facts.window().firstBucket();
        long last = facts.window().lastBucket();
        long gapStart = -1;
        for (; slot <= last + SnapshotTime.BUCKET_MICROS; slot += SnapshotTime.BUCKET_MICROS) {
            boolean missing = slot <= last && !facts.buckets().contains(slot);
            if (missing && gapStart < 0) {
                gapStart = slot;
            } else if (!missing && gapStart >= 0) {
                gaps.add(new ReportMetadata.Gap(SnapshotTime.formatSeconds(SnapshotTime.fromMicros(gapStart)),
                        SnapshotTime.formatSeconds(SnapshotTime.fromMicros(slot)),
                        (slot - gapStart) / 60_000_000L));
                gapStart = -1;
            }
        }
        return new ReportMetadata(
                facts.firstTimestamp() < 0 ? null : SnapshotTime.format(SnapshotTime.fromMicros(facts.firstTimestamp())),
                facts.lastTimestamp() < 0 ? null : SnapshotTime.format(SnapshotTime.fromMicros(facts.lastTimestamp())),
                SnapshotTime.format(facts.window().start()),
                SnapshotTime.format(facts.window().end()),
                numIntervals, facts.totalRecords(), hoursBack, facts.config().exclusions().reasons(),
                facts.excludedRecords(), facts.config().hostFilter().fragment(), facts.config().allDevices(),
                List.copyOf(gaps), 0.0, null, false, null);
    }
}
