package io.gpuledger.streams.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.MachineKind;
import io.gpuledger.ingest.generate.MachineSpec;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.MemoryStat;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.PreventJobsStats;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.topology.TopologySettings;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming engine against the batch reference (issue 4, item 3): generated datasets are piped once through the
 * real topology ({@link TopologyHarness}), then many queries are answered both by {@link ReportEngine} over the
 * store-backed source and by {@link ReferenceReports} over the raw rows. The report JSON must be identical
 * ({@code analysis_runtime_seconds} and {@code generated_at} are equal on both sides: 0.0 and null); a failure names
 * the first differing JSON path and both values.
 *
 * <p>Datasets vary seed, pool size (4-16 hosts), span (1-3 days), cadence (5 and 15 minutes), month and year
 * boundaries, DST fall-back and spring-forward clocks, collector outages, and (for some) delivery faults: snapshots
 * split into pieces, pieces delivered twice, rows repeated with other content under one identity, out-of-order
 * delivery and a few odd rows (NULL ids, {@code ""} owners, Unknown devices, whitespace PP). Queries vary the window
 * (hours-back 1 to 8784; default end, an end on a bucket boundary, between snapshots, inside an outage, a start
 * exactly on a snapshot), exclusions, host filters, all-devices, the CHTC-owned list, monthly reports, time-series
 * widths, and empty windows.
 */
class DifferentialTest {

    // ---------------------------------------------------------------------------------------------------------------
    // Datasets

    /**
     * @param scrambled deliver snapshots as a faulty replay would: split, repeated, conflicting rows, out of order
     * @param rocksDb   use the service's default RocksDB stores instead of in-memory ones
     */
    record Dataset(String name, GeneratorSettings settings, boolean scrambled, boolean rocksDb) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    static final List<Dataset> DATASETS = List.of(
            new Dataset("d1 4h/2d/5m Oct→Nov rocksdb",
                    settings(4, 2, 5, LocalDate.of(2025, 10, 31), 101, null), false, true),
            new Dataset("d2 6h/1d/15m",
                    settings(6, 1, 15, LocalDate.of(2025, 10, 15), 202, null), false, false),
            new Dataset("d3 8h/3d/15m Oct→Nov",
                    settings(8, 3, 15, LocalDate.of(2025, 10, 30), 303, null), false, false),
            new Dataset("d4 10h/2d/5m DST fall-back",
                    settings(10, 2, 5, LocalDate.of(2025, 11, 1), 404, CHICAGO), false, false),
            new Dataset("d5 12h/2d/5m Mar→Apr (backfill ids turn dashed)",
                    settings(12, 2, 5, LocalDate.of(2026, 3, 31), 505, null), false, false),
            new Dataset("d6 16h/3d/5m Dec→Jan",
                    settings(16, 3, 5, LocalDate.of(2025, 12, 30), 606, null), false, false),
            new Dataset("d7 7h/2d/5m DST spring-forward",
                    settings(7, 2, 5, LocalDate.of(2026, 3, 7), 707, CHICAGO), false, false),
            new Dataset("d8 9h/2d/5m Oct→Nov scrambled",
                    settings(9, 2, 5, LocalDate.of(2025, 10, 31), 808, null), true, false),
            new Dataset("d9 14h/2d/15m Jan→Feb scrambled rocksdb",
                    settings(14, 2, 15, LocalDate.of(2026, 1, 31), 909, null), true, true),
            new Dataset("d10 5h/3d/5m Sep→Oct scrambled",
                    settings(5, 3, 5, LocalDate.of(2025, 9, 29), 1010, null), true, false));

    private static GeneratorSettings settings(int hosts, int days, int interval, LocalDate start, long seed,
                                              ZoneId zone) {
        // Corner machines put rows into every branch of the class rule (ClassCoverageTest checks that they do).
        GeneratorSettings settings = GeneratorSettings.small(hosts, days, seed).withIntervalMinutes(interval)
                .withStart(start).withCornerMachines(true);
        return zone == null ? settings : settings.withClockZone(zone);
    }

    /** A dataset piped into the topology, with the reference over the same rows. */
    static final class Loaded implements AutoCloseable {
        final Dataset dataset;
        final TopologyHarness harness;
        final ReferenceReports reference;
        final List<MachineSpec> machines;
        final TreeSet<LocalDateTime> timestamps = new TreeSet<>();
        final long rows;
        final int pieces;
        final long loadMillis;
        long engineNanos;
        long referenceNanos;
        int queries;

        Loaded(Dataset dataset) {
            long started = System.nanoTime();
            this.dataset = dataset;
            SnapshotGenerator generator = new SnapshotGenerator(dataset.settings());
            this.machines = generator.cluster().machines();
            List<HostSnapshot> snapshots = new ArrayList<>();
            generator.forEachSnapshot(s -> snapshots.addAll(s.hostSnapshots()));
            List<HostSnapshot> delivered = withOutage(snapshots, dataset.settings().seed(), researcher().substring(0, 4));
            if (dataset.scrambled()) {
                delivered = scramble(delivered, dataset.settings().seed());
            }
            long rowCount = 0;
            for (HostSnapshot snapshot : delivered) {
                timestamps.add(snapshot.timestamp());
                rowCount += snapshot.rows().size();
            }
            this.rows = rowCount;
            this.pieces = delivered.size();
            this.harness = new TopologyHarness(TopologySettings.defaults(), !dataset.rocksDb());
            harness.pipe(delivered);
            this.reference = ReferenceReports.of(delivered);
            this.loadMillis = (System.nanoTime() - started) / 1_000_000;
        }

        LocalDateTime first() {
            return timestamps.first();
        }

        LocalDateTime latest() {
            return timestamps.last();
        }

        /** The machines of one kind, by host. */
        List<String> hosts(MachineKind kind) {
            return machines.stream().filter(m -> m.kind() == kind).map(MachineSpec::host).toList();
        }

        /** The first researcher machine (every generated pool of ≥ 4 hosts has one). */
        String researcher() {
            return hosts(MachineKind.RESEARCHER).get(0);
        }

        /** The midpoint of the widest gap between consecutive snapshots: inside a collector outage. */
        LocalDateTime insideWidestGap() {
            LocalDateTime before = widestGapStart();
            return before.plus(Duration.between(before, timestamps.higher(before)).dividedBy(2));
        }

        Duration widestGap() {
            LocalDateTime before = widestGapStart();
            return Duration.between(before, timestamps.higher(before));
        }

        /** The snapshot after which the widest gap begins. */
        private LocalDateTime widestGapStart() {
            LocalDateTime best = timestamps.first();
            Duration widest = Duration.ZERO;
            for (LocalDateTime time : timestamps) {
                LocalDateTime next = timestamps.higher(time);
                if (next != null && Duration.between(time, next).compareTo(widest) > 0) {
                    widest = Duration.between(time, next);
                    best = time;
                }
            }
            return best;
        }

        /** Halfway between two snapshots in the middle of the data. */
        LocalDateTime betweenSnapshots() {
            List<LocalDateTime> all = new ArrayList<>(timestamps);
            LocalDateTime a = all.get(all.size() / 2);
            LocalDateTime b = all.get(all.size() / 2 + 1);
            return a.plus(Duration.between(a, b).dividedBy(2));
        }

        /**
         * A full hour three hours before the latest snapshot: a bucket boundary, where scrambled datasets hold a
         * snapshot stamped exactly {@code HH:00:00.000000} (so both window edges fall on a snapshot).
         */
        LocalDateTime onBucketBoundary() {
            return latest().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusHours(3);
        }

        /** A snapshot a third into the data: a window of {@code hours} ending here + hours starts exactly on it. */
        LocalDateTime snapshotAtThird() {
            return new ArrayList<>(timestamps).get(timestamps.size() / 3);
        }

        @Override
        public void close() {
            harness.close();
        }

        String timing() {
            return String.format(Locale.ROOT,
                    "[differential] %-48s %,9d rows %,6d pieces | load (generate+pipe+reference) %,6d ms | "
                            + "%2d queries: engine %,6d ms, reference %,6d ms",
                    dataset.name(), rows, pieces, loadMillis, queries, engineNanos / 1_000_000,
                    referenceNanos / 1_000_000);
        }
    }

    /**
     * Drops every snapshot in a 50-minute stretch of the first day (a collector outage, rules §3.2), and keeps only the
     * machines starting with {@code survivorPrefix} in a 40-minute stretch of the afternoon (a partial outage). With
     * that prefix excluded or filtered out, those buckets hold only rows the filters drop: they still count in
     * {@code |B|} and in the time series (rules §3.2, 4.13).
     */
    static List<HostSnapshot> withOutage(List<HostSnapshot> snapshots, long seed, String survivorPrefix) {
        LocalDateTime first = snapshots.get(0).timestamp();
        LocalDateTime from = first.toLocalDate().atTime(6 + (int) Math.floorMod(seed, 10L), 7);
        LocalDateTime to = from.plusMinutes(50);
        LocalDateTime partialFrom = first.toLocalDate().atTime(15, 2);
        LocalDateTime partialTo = partialFrom.plusMinutes(40);
        return snapshots.stream()
                .filter(s -> s.timestamp().isBefore(from) || s.timestamp().isAfter(to))
                .filter(s -> s.timestamp().isBefore(partialFrom) || s.timestamp().isAfter(partialTo)
                        || s.machine().startsWith(survivorPrefix))
                .toList();
    }

    /**
     * Delivery faults a replay may produce (rules §1.5): pieces of one snapshot, pieces delivered twice, several rows
     * under one identity with different content, out-of-order delivery; plus odd rows the generator rarely or never
     * writes. Both sides see exactly the same pieces.
     */
    static List<HostSnapshot> scramble(List<HostSnapshot> snapshots, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        List<HostSnapshot> out = new ArrayList<>();
        for (HostSnapshot snapshot : snapshots) {
            List<SlotGpuRow> rows = new ArrayList<>(snapshot.rows());
            String machine = snapshot.machine();
            if (random.nextInt(25) == 0) {
                rows.add(oddRow(random, machine, rows));
            }
            if (random.nextInt(30) == 0 && !rows.isEmpty()) {
                rows.add(conflicting(random, rows.get(random.nextInt(rows.size()))));
            }
            if (rows.size() > 1 && random.nextInt(6) == 0) {
                List<SlotGpuRow> a = new ArrayList<>();
                List<SlotGpuRow> b = new ArrayList<>();
                for (SlotGpuRow row : rows) {
                    (random.nextBoolean() ? a : b).add(row);
                }
                // a row may even travel in both pieces
                if (!a.isEmpty() && random.nextBoolean()) {
                    b.add(a.get(0));
                }
                out.add(new HostSnapshot(machine, snapshot.timestamp(), a));
                out.add(new HostSnapshot(machine, snapshot.timestamp(), b));
            } else {
                out.add(new HostSnapshot(machine, snapshot.timestamp(), rows));
            }
            if (random.nextInt(40) == 0) {
                out.add(new HostSnapshot(machine, snapshot.timestamp(), rows)); // delivered twice
            }
            LocalDateTime hour = snapshot.timestamp().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            if (Duration.between(hour, snapshot.timestamp()).toSeconds() < 30) {
                // another run stamped exactly on the hour: on window edges, bucket and month boundaries
                out.add(new HostSnapshot(machine, hour, rows));
            }
        }
        // out of order: shuffle blocks of up to a day's worth of pieces
        for (int i = out.size() - 1; i > 0; i--) {
            int j = Math.max(0, i - random.nextInt(2_000));
            HostSnapshot swap = out.get(i);
            out.set(i, out.get(j));
            out.set(j, swap);
        }
        return out;
    }

    /** The same identity (name, GPU id) with other content: the content maximum must win on both sides. */
    private static SlotGpuRow conflicting(SplittableRandom random, SlotGpuRow row) {
        return switch (random.nextInt(4)) {
            case 0 -> new SlotGpuRow(row.name(), row.gpuId(), "Claimed", row.deviceName(), row.memoryMb(),
                    row.prioritizedProjects(), 0.5, "conflict@chtc.wisc.edu", "ap2001#1.0#1", row.preventJobsReason(),
                    row.disk());
            case 1 -> new SlotGpuRow(row.name(), row.gpuId(), "Drained", row.deviceName(), row.memoryMb(),
                    row.prioritizedProjects(), null, null, null, row.preventJobsReason(), row.disk());
            case 2 -> new SlotGpuRow(row.name(), row.gpuId(), row.state(), row.deviceName(), row.memoryMb(),
                    row.prioritizedProjects(), row.gpusAverageUsage(), row.remoteOwner(), row.globalJobId(),
                    "GPUHealthy == False", row.disk());
            default -> new SlotGpuRow(row.name(), row.gpuId(), row.state(), row.deviceName(), row.memoryMb(),
                    "Zeta" + (row.prioritizedProjects() == null ? "" : row.prioritizedProjects()),
                    row.gpusAverageUsage(), row.remoteOwner(), row.globalJobId(), row.preventJobsReason(), row.disk());
        };
    }

    /** Rows the rules have rules for that generated data rarely holds. */
    private static SlotGpuRow oddRow(SplittableRandom random, String machine, List<SlotGpuRow> rows) {
        SlotGpuRow any = rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
        String gpu = any != null && any.hasGpu() ? any.gpuId() : "GPU-odd0" + Math.floorMod(machine.hashCode(), 97);
        String device = any == null ? null : any.deviceName();
        Long memory = any == null ? null : any.memoryMb();
        return switch (random.nextInt(8)) {
            // a backfill slot without a GPU (NULL id)
            case 0 -> new SlotGpuRow("backfill3@" + machine, null, "Unclaimed", device, memory, "", null, null, null,
                    null, null);
            // a backfill job whose owner is "" (shown as Unknown)
            case 1 -> new SlotGpuRow("backfill2_7@" + machine, gpu, "Claimed", device, memory, "", 0.3, "", "ap2002#7.0#1",
                    null, null);
            // a prevented Owner p-slot with NULL PP
            case 2 -> new SlotGpuRow("slot9@" + machine, gpu, "Owner", device, memory, null, null, null, null,
                    "Startd draining", null);
            // an unknown device and memory on a GPU of its own
            case 3 -> new SlotGpuRow("slot8@" + machine, "GPU-unknown-" + Math.floorMod(machine.hashCode(), 89),
                    random.nextBoolean() ? "Unclaimed" : "Claimed", null, null, "", null,
                    "odd@chtc.wisc.edu", null, null, null);
            // an interactive session on open capacity
            case 4 -> new SlotGpuRow("interactive7@" + machine, gpu, "Claimed", device, memory, "", 0.1,
                    "lab@chtc.wisc.edu", "ap2001#9.0#1", null, null);
            // "Backfill" with a capital B: primary for rules §2.1, backfill for the zero-active list (4.7)
            case 5 -> new SlotGpuRow("Backfill4@" + machine, gpu, "Claimed", device, memory, "", null,
                    "caps@chtc.wisc.edu", null, null, null);
            // a drained backfill p-slot
            case 6 -> new SlotGpuRow("backfill2@" + machine, gpu, "Drained", device, memory, "", null, null, null,
                    null, null);
            // whitespace PP: prioritized and strict (rules §2.1)
            default -> new SlotGpuRow("slot7@" + machine, gpu, "Matched", device, memory, "   ", null, null, null,
                    null, null);
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries

    enum Kind { ALLOCATION, MONTHLY, TIMESERIES }

    /**
     * One query, resolved against a loaded dataset.
     *
     * @param end          the window end; null for the default (the latest snapshot)
     * @param month        the month of a monthly report
     * @param expectNoData both sides must answer "no data"
     */
    record Query(String label, Kind kind, Function<Loaded, LocalDateTime> end, long hoursBack,
                 Function<Loaded, QueryConfig> config, int bucketMinutes, Function<Loaded, YearMonth> month,
                 boolean expectNoData) {

        static Query allocation(String label, Function<Loaded, LocalDateTime> end, long hours,
                                Function<Loaded, QueryConfig> config) {
            return new Query(label, Kind.ALLOCATION, end, hours, config, 0, null, false);
        }

        static Query timeSeries(String label, Function<Loaded, LocalDateTime> end, long hours,
                                Function<Loaded, QueryConfig> config, int bucketMinutes) {
            return new Query(label, Kind.TIMESERIES, end, hours, config, bucketMinutes, null, false);
        }

        static Query monthly(String label, Function<Loaded, YearMonth> month, Function<Loaded, QueryConfig> config) {
            return new Query(label, Kind.MONTHLY, null, 0, config, 0, month, false);
        }

        Query noData() {
            return new Query(label, kind, end, hoursBack, config, bucketMinutes, month, true);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    record Case(Dataset dataset, Query query) {
        @Override
        public String toString() {
            return dataset.name() + " | " + query.label();
        }
    }

    private static QueryConfig defaults(Loaded data) {
        return QueryConfig.defaults();
    }

    /** Patterns that exclude a few generated machines: a researcher prefix in upper case and one open-capacity host. */
    private static HostExclusions somePatterns(Loaded data) {
        String prefix = data.researcher().substring(0, 4).toUpperCase(Locale.ROOT);
        return HostExclusions.parse("excluded_hosts:\n  " + prefix + ": \"a researcher group\"\n"
                + "  gpu2001: \"one open-capacity host\"\n  gpulab2004: \"Interactive slots only.\"\n", "test");
    }

    /** The shipped CHTC-owned hosts plus one researcher machine of the pool. */
    private static ChtcOwnedList chtcPlusResearcher(Loaded data) {
        Set<String> hosts = new LinkedHashSet<>(ChtcOwnedList.SHIPPED_HOSTS);
        hosts.add(data.researcher());
        return new ChtcOwnedList(hosts, "test: shipped + a researcher machine");
    }

    static List<Query> queries(Dataset dataset) {
        List<Query> queries = new ArrayList<>();
        int variant = (int) Math.floorMod(dataset.settings().seed(), 3L);
        queries.add(Query.allocation("allocation 24h default end", null, 24, DifferentialTest::defaults));
        queries.add(Query.allocation("allocation 1h default end", null, 1, DifferentialTest::defaults));
        queries.add(Query.allocation("allocation 6h end on a bucket boundary, no exclusions",
                Loaded::onBucketBoundary, 6,
                d -> QueryConfig.defaults().withExclusions(HostExclusions.none())));
        queries.add(Query.allocation("allocation 48h end between snapshots, all-devices",
                Loaded::betweenSnapshots, 48, d -> QueryConfig.defaults().withAllDevices(true)));
        queries.add(Query.allocation("allocation 72h end inside an outage, patterns excluding a few machines",
                Loaded::insideWidestGap, 72, d -> QueryConfig.defaults().withExclusions(somePatterns(d))));
        queries.add(Query.allocation("allocation 6h starting exactly on a snapshot, host 'gpu20'",
                d -> d.snapshotAtThird().plusHours(6), 6,
                d -> QueryConfig.defaults().withHostFilter(new HostFilter("gpu20"))));
        queries.add(Query.allocation("allocation 8784h, host 'GPU4000' (other case), all-devices", null, 8784,
                d -> QueryConfig.defaults().withHostFilter(new HostFilter("GPU4000")).withAllDevices(true)));
        queries.add(Query.allocation("allocation 24h, chtc_owned + a researcher machine, all-devices", null, 24,
                d -> QueryConfig.defaults().withChtcOwned(chtcPlusResearcher(d)).withAllDevices(true)));
        queries.add(switch (variant) {
            case 0 -> Query.allocation("allocation 48h, empty chtc_owned, researcher host filter in upper case",
                    null, 48, d -> QueryConfig.defaults().withChtcOwned(new ChtcOwnedList(Set.of(), "empty"))
                            .withHostFilter(new HostFilter(d.researcher().substring(0, 7).toUpperCase(Locale.ROOT))));
            case 1 -> Query.allocation("allocation 12h, host filter matching nothing", null, 12,
                    d -> QueryConfig.defaults().withHostFilter(new HostFilter("no-such-host")));
            default -> Query.allocation("allocation 36h, exclusions of everything but open capacity", null, 36,
                    d -> QueryConfig.defaults().withExclusions(HostExclusions.parse(
                            "excluded_hosts:\n  gpu4000: x\n  GPULAB: y\n  voyles: z\n", "test")));
        });
        // monthly: each month the data touch, one with all-devices and patterns; and a month without data
        List<YearMonth> months = dataset.settings().months();
        for (int i = 0; i < months.size(); i++) {
            YearMonth month = months.get(i);
            queries.add(Query.monthly("monthly " + month, d -> month, DifferentialTest::defaults));
        }
        YearMonth lastMonth = months.get(months.size() - 1);
        queries.add(Query.monthly("monthly " + lastMonth + ", all-devices, patterns excluding a few machines",
                d -> lastMonth, d -> QueryConfig.defaults().withAllDevices(true).withExclusions(somePatterns(d))));
        // time series: the three widths
        int[] widths = {15, 30, 60};
        queries.add(Query.timeSeries("timeseries " + widths[variant] + "m 24h default end", null, 24,
                DifferentialTest::defaults, widths[variant]));
        queries.add(Query.timeSeries("timeseries " + widths[(variant + 1) % 3]
                        + "m 72h end between snapshots, host 'GPU20', no exclusions",
                Loaded::betweenSnapshots, 72, d -> QueryConfig.defaults().withHostFilter(new HostFilter("GPU20"))
                        .withExclusions(HostExclusions.none()), widths[(variant + 1) % 3]));
        queries.add(Query.timeSeries("timeseries " + widths[(variant + 2) % 3]
                        + "m 8784h, patterns excluding a few machines",
                null, 8784, d -> QueryConfig.defaults().withExclusions(somePatterns(d)), widths[(variant + 2) % 3]));
        // the DST change itself: 01:30-02:30 holds the repeated hour's second pass, or the skipped hour (rules §1.6)
        LocalDate dstDay = dstChangeDay(dataset.settings());
        if (dstDay != null) {
            queries.add(Query.allocation("allocation 1h over the DST change " + dstDay,
                    d -> dstDay.atTime(2, 30), 1, DifferentialTest::defaults));
            queries.add(Query.timeSeries("timeseries 30m 3h over the DST change " + dstDay,
                    d -> dstDay.atTime(3, 30), 3, DifferentialTest::defaults, 30));
        }
        // empty windows
        queries.add(Query.allocation("allocation ending before the data: no data", d -> d.first().minusMinutes(1),
                1, DifferentialTest::defaults).noData());
        queries.add(Query.timeSeries("timeseries ending before the data: no data", d -> d.first().minusSeconds(1),
                6, DifferentialTest::defaults, 15).noData());
        YearMonth before = months.get(0).minusMonths(1);
        queries.add(Query.monthly("monthly " + before + " without data: no data", d -> before,
                DifferentialTest::defaults).noData());
        return queries;
    }

    /** The local day of the clock zone's DST change inside the generated span, or null without one. */
    private static LocalDate dstChangeDay(GeneratorSettings settings) {
        java.time.zone.ZoneOffsetTransition transition = settings.clockZone().getRules()
                .nextTransition(settings.start().atStartOfDay(settings.clockZone()).toInstant());
        if (transition == null) {
            return null;
        }
        LocalDate day = transition.getDateTimeBefore().toLocalDate();
        return day.isBefore(settings.start().plusDays(settings.days())) ? day : null;
    }

    static Stream<Case> cases() {
        return DATASETS.stream().flatMap(dataset -> queries(dataset).stream().map(q -> new Case(dataset, q)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One loaded dataset at a time: cases arrive grouped by dataset, so each is generated and piped once.

    private static Loaded current;
    private static final List<String> TIMINGS = new ArrayList<>();

    private static Loaded load(Dataset dataset) {
        if (current != null && current.dataset.equals(dataset)) {
            return current;
        }
        closeCurrent();
        current = new Loaded(dataset);
        return current;
    }

    private static void closeCurrent() {
        if (current != null) {
            String line = current.timing();
            TIMINGS.add(line);
            System.out.println(line);
            current.close();
            current = null;
        }
    }

    /** Features the reference's reports showed, over all generated cases. */
    private static final Set<String> FEATURES = new TreeSet<>();
    private static int generatedCasesRun;

    /** What the generated data must exercise for the comparison to mean something. */
    static final List<String> REQUIRED_FEATURES = List.of(
            "class Priority-ResearcherOwned", "class Priority-CHTCOwned", "class Shared",
            "class Backfill-ResearcherOwned", "class Backfill-CHTCOwned", "class Backfill-OpenCapacity",
            "memory <48GB", "memory 48GB", "memory 80GB", "memory >80GB", "memory Unknown",
            "row Open Capacity (Flagship)", "row Open Capacity (Standard)", "row Secondary (Backfill)",
            "device Unknown", "old device shown", "drained", "prevented avg", "draining", "draining multi-point",
            "prevent active", "prevent lifted", "prevent two reasons", "zero-active", "zero-active with backfill",
            "h200 users", "h200 user in two classes", "backfill users", "backfill users two classes", "user Unknown",
            "gaps", "excluded records", "window starts on a snapshot", "window ends on a snapshot",
            "month ends on a snapshot at 00:00:00 of the next month",
            "timeseries priority", "timeseries shared", "timeseries backfill", "timeseries zero row", "no data");

    @AfterAll
    static void closeLast() {
        closeCurrent();
        if (generatedCasesRun == cases().count()) {
            // only meaningful when every generated case ran (not under a -Dtest filter)
            assertThat(FEATURES).as("features the generated cases exercised").containsAll(REQUIRED_FEATURES);
        }
    }

    private static void recordFeatures(Object report) {
        ReportMetadata metadata;
        Map<String, Map<String, DeviceStat>> deviceStats = Map.of();
        Map<String, MemoryStat> memoryStats = Map.of();
        List<UserTable> users = new ArrayList<>();
        List<RealSlotsRow> realSlots = List.of();
        DrainingStats draining = null;
        PreventJobsStats prevent = null;
        if (report instanceof AllocationReport r) {
            metadata = r.metadata();
            deviceStats = r.deviceStats();
            memoryStats = r.memoryStats();
            users.add(r.h200UserStats());
            users.add(r.backfillUserStats());
            realSlots = r.realSlots();
            draining = r.drainingStats();
            prevent = r.preventJobsStats();
            if (r.zeroActiveMachines().totalMachines() > 0) {
                FEATURES.add("zero-active");
            }
            if (r.zeroActiveMachines().machines().stream().anyMatch(m -> m.avgBackfillClaimed() > 0)) {
                FEATURES.add("zero-active with backfill");
            }
            if (!r.h200UserStats().isEmpty()) {
                FEATURES.add("h200 users");
            }
            if (r.h200UserStats().users().values().stream().anyMatch(u -> u.slotBreakdown().size() > 1)) {
                FEATURES.add("h200 user in two classes");
            }
            if (!r.backfillUserStats().isEmpty()) {
                FEATURES.add("backfill users");
            }
            if (r.backfillUserStats().groups().size() > 1) {
                FEATURES.add("backfill users two classes");
            }
        } else if (report instanceof MonthlyReport r) {
            metadata = r.metadata();
            deviceStats = r.deviceStats();
            memoryStats = r.memoryStats();
            users.add(r.h200UserStats());
            realSlots = r.realSlots();
            draining = r.drainingStats();
            prevent = r.preventJobsStats();
        } else {
            TimeSeriesReport r = (TimeSeriesReport) report;
            metadata = r.metadata();
            for (TimeSeriesReport.Row row : r.rows()) {
                if (row.priorityTotal() > 0) {
                    FEATURES.add("timeseries priority");
                }
                if (row.sharedTotal() > 0) {
                    FEATURES.add("timeseries shared");
                }
                if (row.backfillTotal() > 0) {
                    FEATURES.add("timeseries backfill");
                }
                if (row.priorityTotal() + row.sharedTotal() + row.backfillTotal() == 0) {
                    FEATURES.add("timeseries zero row");
                }
            }
        }
        if (!metadata.gaps().isEmpty()) {
            FEATURES.add("gaps");
        }
        if (metadata.startTime().equals(metadata.windowStart())) {
            FEATURES.add("window starts on a snapshot");
        }
        if (metadata.endTime().equals(metadata.windowEnd())) {
            FEATURES.add(report instanceof MonthlyReport ? "month ends on a snapshot at 00:00:00 of the next month"
                    : "window ends on a snapshot");
        }
        if (metadata.excludedRecords() > 0) {
            FEATURES.add("excluded records");
        }
        deviceStats.forEach((classId, devices) -> {
            FEATURES.add("class " + classId);
            devices.forEach((device, stat) -> {
                if (device.equals("Unknown")) {
                    FEATURES.add("device Unknown");
                }
                if (io.gpuledger.ingest.classify.Devices.isOld(device)) {
                    FEATURES.add("old device shown");
                }
                if (stat.avgDrained() > 0) {
                    FEATURES.add("drained");
                }
                if (stat.avgPrevented() > 0) {
                    FEATURES.add("prevented avg");
                }
            });
        });
        memoryStats.keySet().forEach(category -> FEATURES.add("memory " + category));
        realSlots.forEach(row -> FEATURES.add("row " + row.label()));
        for (UserTable table : users) {
            if (table.users().containsKey("Unknown")) {
                FEATURES.add("user Unknown");
            }
        }
        if (draining != null && draining.hasDraining()) {
            FEATURES.add("draining");
            if (draining.intervals().stream().anyMatch(i -> !i.start().equals(i.end()))) {
                FEATURES.add("draining multi-point");
            }
        }
        if (prevent != null && prevent.hasPreventJobs()) {
            prevent.perHost().values().forEach(h -> FEATURES.add(h.active() ? "prevent active" : "prevent lifted"));
            if (prevent.byReason().size() > 1) {
                FEATURES.add("prevent two reasons");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void streamingReportEqualsReference(Case c) {
        generatedCasesRun++;
        Loaded data = load(c.dataset());
        Query query = c.query();
        QueryConfig config = query.config().apply(data);
        LocalDateTime end = query.end() == null ? null : query.end().apply(data);
        if (end == null && query.kind() != Kind.MONTHLY) {
            // the default end: the latest snapshot, as the stores and the raw rows see it (rules §3.1)
            end = data.reference.latestTimestamp();
            assertThat(SnapshotTime.fromMicros(data.harness.latestSnapshotMicros()))
                    .as("default end (latest snapshot)").isEqualTo(end);
        }
        final LocalDateTime windowEnd = end;
        Supplier<Object> engine = switch (query.kind()) {
            case ALLOCATION -> () -> {
                QueryWindow window = QueryWindow.endingAt(windowEnd, query.hoursBack());
                return ReportEngine.allocation(data.harness.source(window), window, config);
            };
            case TIMESERIES -> () -> {
                QueryWindow window = QueryWindow.endingAt(windowEnd, query.hoursBack());
                return ReportEngine.timeSeries(data.harness.source(window), window, config, query.bucketMinutes());
            };
            case MONTHLY -> () -> {
                YearMonth month = query.month().apply(data);
                QueryWindow window = ReportEngine.monthWindow(month);
                return ReportEngine.monthly(data.harness.source(window), month, config);
            };
        };
        Supplier<Object> reference = switch (query.kind()) {
            case ALLOCATION -> () -> data.reference.allocation(windowEnd, query.hoursBack(), config);
            case TIMESERIES -> () -> data.reference.timeSeries(windowEnd, query.hoursBack(), config,
                    query.bucketMinutes());
            case MONTHLY -> () -> data.reference.monthly(query.month().apply(data), config);
        };
        if (query.label().contains("outage")) {
            // the widest gap must be a real outage, not just the cadence (the loader cuts 50 minutes out)
            assertThat(data.widestGap()).isGreaterThanOrEqualTo(Duration.ofMinutes(45));
        }
        compare(c.toString(), data, engine, reference, query.expectNoData());
    }

    /** rules §7 examples and rule data sets, each under its own query: allocation, time series and monthly. */
    static Stream<Arguments> specExamples() {
        List<Arguments> cases = new ArrayList<>();
        List<SpecExample> examples = new ArrayList<>(SpecExamples.all());
        examples.add(SpecExamples.exampleA().withQuery(SpecExamples.exampleAHours24Query()));
        examples.add(SpecExamples.exampleC().withQuery(SpecExamples.exampleCEarlyEndQuery()));
        examples.add(SpecExamples.exampleC().withQuery(SpecExamples.exampleCHost1Query()));
        examples.add(SpecExamples.exampleD().withQuery(SpecExamples.exampleDAllDevicesQuery()));
        for (SpecExample example : examples) {
            cases.add(Arguments.of(example.name() + " " + describe(example.query()), example, Kind.ALLOCATION));
            cases.add(Arguments.of(example.name() + " timeseries", example, Kind.TIMESERIES));
        }
        cases.add(Arguments.of("D monthly May 2026", SpecExamples.exampleD(), Kind.MONTHLY));
        cases.add(Arguments.of("D monthly May 2026 all-devices",
                SpecExamples.exampleD().withQuery(SpecExamples.exampleDAllDevicesQuery()), Kind.MONTHLY));
        return cases.stream();
    }

    private static String describe(ExampleQuery query) {
        return "(hours-back " + query.hoursBack() + (query.endTime() == null ? "" : ", end " + query.endTimeParameter())
                + (query.host().isEmpty() ? "" : ", host " + query.host())
                + (query.allDevices() ? ", all-devices" : "") + ")";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specExamples")
    void specExampleReportEqualsReference(String name, SpecExample example, Kind kind) {
        ExampleQuery query = example.query();
        QueryConfig config = new QueryConfig(query.chtcOwned(), query.exclusions(), query.hostFilter(),
                query.allDevices());
        try (TopologyHarness harness = new TopologyHarness(TopologySettings.defaults(), true)) {
            harness.pipe(example.snapshots());
            ReferenceReports reference = ReferenceReports.of(example.snapshots());
            LocalDateTime end = query.endTime() != null ? query.endTime() : reference.latestTimestamp();
            QueryWindow window = QueryWindow.endingAt(end, query.hoursBack());
            YearMonth month = YearMonth.from(example.snapshots().get(0).timestamp());
            Supplier<Object> engine = switch (kind) {
                case ALLOCATION -> () -> ReportEngine.allocation(harness.source(window), window, config);
                case TIMESERIES -> () -> ReportEngine.timeSeries(harness.source(window), window, config, 15);
                case MONTHLY -> () -> ReportEngine.monthly(harness.source(ReportEngine.monthWindow(month)), month,
                        config);
            };
            Supplier<Object> batch = switch (kind) {
                case ALLOCATION -> () -> reference.allocation(end, query.hoursBack(), config);
                case TIMESERIES -> () -> reference.timeSeries(end, query.hoursBack(), config, 15);
                case MONTHLY -> () -> reference.monthly(month, config);
            };
            compare("rules example " + name, null, engine, batch, false);
        }
    }

    /** The diff helper itself: it must find a changed value, a reordered field and a missing element. */
    @Test
    void jsonDiffNamesTheFirstDifferingPath() {
        assertThat(JsonDiff.firstDifference("{\"a\":{\"b\":[1,2.5]}}", "{\"a\":{\"b\":[1,2.5]}}")).isEmpty();
        assertThat(JsonDiff.firstDifference("{\"a\":{\"b\":[1,2.5]}}", "{\"a\":{\"b\":[1,2.4999999999999996]}}"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("$.a.b[1]: values differ")
                        .contains("engine:    2.5").contains("reference: 2.4999999999999996"));
        assertThat(JsonDiff.firstDifference("{\"x\":1,\"y\":2}", "{\"y\":2,\"x\":1}"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("$: field #0 differs"));
        assertThat(JsonDiff.firstDifference("{\"m\":{\"NVIDIA H200\":[1]}}", "{\"m\":{\"NVIDIA H200\":[1,2]}}"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("$.m[\"NVIDIA H200\"]: engine has 1 elements"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void compare(String caseName, Loaded data, Supplier<Object> engine, Supplier<Object> reference,
                                boolean expectNoData) {
        if (expectNoData) {
            NoDataException engineError = catchNoData(engine);
            NoDataException referenceError = catchNoData(reference);
            assertThat(engineError).as(caseName + ": engine answers no data").isNotNull();
            assertThat(referenceError).as(caseName + ": reference answers no data").isNotNull();
            assertThat(engineError.getMessage()).as(caseName).isEqualTo(referenceError.getMessage());
            assertThat(engineError.month()).isEqualTo(referenceError.month());
            assertThat(engineError.startDate()).isEqualTo(referenceError.startDate());
            assertThat(engineError.endDate()).isEqualTo(referenceError.endDate());
            assertThat(engineError.totalHours()).isEqualTo(referenceError.totalHours());
            if (data != null) {
                FEATURES.add("no data");
            }
            return;
        }
        long t0 = System.nanoTime();
        Object engineReport = engine.get();
        long t1 = System.nanoTime();
        Object referenceReport = reference.get();
        long t2 = System.nanoTime();
        if (data != null) {
            data.engineNanos += t1 - t0;
            data.referenceNanos += t2 - t1;
            data.queries++;
        }
        if (data != null) {
            recordFeatures(referenceReport);
        }
        String engineJson = ReportJson.toJson(withoutRuntime(engineReport));
        String referenceJson = ReportJson.toJson(withoutRuntime(referenceReport));
        if (!engineJson.equals(referenceJson)) {
            Optional<String> difference = JsonDiff.firstDifference(engineJson, referenceJson);
            fail(caseName + ": streaming report differs from the reference\n"
                    + difference.orElse("(same JSON tree, different bytes)"));
        }
        assertThat(engineJson).as(caseName).isEqualTo(referenceJson);
    }

    private static NoDataException catchNoData(Supplier<Object> report) {
        try {
            Object result = report.get();
            String json = ReportJson.toJson(result);
            fail("expected no data, got a report: " + json.substring(0, Math.min(200, json.length())));
            return null;
        } catch (NoDataException e) {
            return e;
        }
    }

    /** Runtime and generation time: equal on both sides (the engine leaves them to its caller). */
    private static Object withoutRuntime(Object report) {
        if (report instanceof AllocationReport r) {
            return r.withMetadata(r.metadata().withRuntime(0.0, null));
        }
        if (report instanceof MonthlyReport r) {
            return r.withMetadata(r.metadata().withRuntime(0.0, null));
        }
        if (report instanceof TimeSeriesReport r) {
            return r.withMetadata(r.metadata().withRuntime(0.0, null));
        }
        throw new IllegalArgumentException("not a report: " + report);
    }
}
