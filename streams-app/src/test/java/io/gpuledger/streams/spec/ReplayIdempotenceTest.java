package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.Rows;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.topology.TopologySettings;
import io.gpuledger.streams.window.DigestSource;
import io.gpuledger.streams.window.HostBucketSource;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * rules §1.5 and architecture §1 (the semilattice): however snapshots reach the topology (once, twice, in reverse, in pieces,
 * late, in reverse month order, with RocksDB or in-memory stores), every report's JSON is byte-identical, and equal to
 * the in-memory reference path ({@link HostBucketSource} over the same snapshots).
 */
class ReplayIdempotenceTest {

    /** One report over one window, as JSON. */
    private record Query(String name, QueryWindow window, Function<DigestSource, Object> report) {
        String json(DigestSource source) {
            return ReportJson.toJson(report.apply(source));
        }
    }

    /** A data set and the reports to compare on it. */
    private record Scenario(String name, List<HostSnapshot> snapshots, List<Query> queries) {
        @Override
        public String toString() {
            return name + " (" + snapshots.size() + " snapshots)";
        }
    }

    private static Query allocation(String name, QueryWindow window, QueryConfig config) {
        return new Query(name, window, source -> ReportEngine.allocation(source, window, config));
    }

    private static Query timeSeries(String name, QueryWindow window, QueryConfig config, int minutes) {
        return new Query(name, window, source -> ReportEngine.timeSeries(source, window, config, minutes));
    }

    private static Query monthly(YearMonth month, QueryConfig config) {
        return new Query("monthly " + month, ReportEngine.monthWindow(month),
                source -> ReportEngine.monthly(source, month, config));
    }

    private static QueryWindow window(SpecExample example) {
        return SpecReports.window(example);
    }

    // --------------------------------------------------------------------------------------------------------------
    // Scenarios

    static Stream<Scenario> scenarios() {
        return Stream.of(exampleA(), exampleAWithConflictingRows(), exampleCWithDedupPair(), exampleD(), exampleE2(),
                generatedDays());
    }

    private static Scenario exampleA() {
        SpecExample a = SpecExamples.exampleA();
        SpecExample a24 = a.withQuery(SpecExamples.exampleAHours24Query());
        return new Scenario("Example A", a.snapshots(), List.of(
                allocation("allocation 1h", window(a), config(a.query())),
                allocation("allocation 24h", window(a24), config(a24.query())),
                timeSeries("time series", window(a), config(a.query()), 15)));
    }

    /**
     * Example A plus pieces that repeat row identities of t1 with other content (rules §1.5: resolved by content, never
     * by arrival order): {@code slot1@S s1} Drained (loses to the stored Unclaimed: lower rank),
     * {@code backfill2@R r3} Owner (loses: lower rank), and {@code slot1_1@S s1} Claimed by {@code zed} (wins: same
     * rank and state, greater owner). The pieces sit between t1's and t2's snapshots, so a reverse replay sees them
     * first.
     */
    static List<HostSnapshot> exampleAWithConflictingRowSnapshots() {
        LocalDateTime t1 = SnapshotTime.parse(SpecExamples.A.T1);
        List<HostSnapshot> snapshots = new ArrayList<>(SpecExamples.exampleA().snapshots());
        int t2Index = 0;
        while (snapshots.get(t2Index).timestamp().equals(t1)) {
            t2Index++;
        }
        snapshots.addAll(t2Index, List.of(
                new HostSnapshot(SpecExamples.A.S, t1, List.of(
                        h200Row("slot1@" + SpecExamples.A.S, "Drained", null),
                        h200Row("slot1_1@" + SpecExamples.A.S, "Claimed", ZED))),
                new HostSnapshot(SpecExamples.A.R, t1, List.of(
                        new SlotGpuRow("backfill2@" + SpecExamples.A.R, SpecExamples.A.R3, "Owner", SpecExamples.L40S,
                                SpecExamples.L40S_MB, "", null, null, null, null, null)))));
        return snapshots;
    }

    static final String ZED = "zed@chtc.wisc.edu";

    private static SlotGpuRow h200Row(String name, String state, String owner) {
        return new SlotGpuRow(name, SpecExamples.A.S1, state, SpecExamples.H200, SpecExamples.H200_MB, "", null, owner,
                null, null, null);
    }

    private static Scenario exampleAWithConflictingRows() {
        SpecExample a = SpecExamples.exampleA();
        return new Scenario("Example A + conflicting rows", exampleAWithConflictingRowSnapshots(), List.of(
                allocation("allocation 1h", window(a), config(a.query())),
                timeSeries("time series", window(a), config(a.query()), 15)));
    }

    private static Scenario exampleCWithDedupPair() {
        SpecExample c = SpecExamples.exampleCWithDedupPair();
        ExampleQuery host1 = c.query().withHost("host1");
        return new Scenario("Example C + dedup pair", c.snapshots(), List.of(
                allocation("allocation", window(c), config(c.query())),
                allocation("allocation host1", window(c), config(host1)),
                timeSeries("time series", window(c), config(c.query()), 15)));
    }

    private static Scenario exampleD() {
        SpecExample d = SpecExamples.exampleD();
        return new Scenario("Example D", d.snapshots(), List.of(
                allocation("allocation", window(d), config(d.query())),
                allocation("allocation all-devices", window(d), config(d.query().withAllDevices(true))),
                monthly(YearMonth.of(2026, 5), config(d.query()))));
    }

    private static Scenario exampleE2() {
        SpecExample e2 = SpecExamples.exampleE2();
        return new Scenario("Example E2", e2.snapshots(), List.of(
                allocation("allocation", window(e2), config(e2.query())),
                timeSeries("time series", window(e2), config(e2.query()), 15)));
    }

    /**
     * A day of six machines across the June/July 2026 boundary: 15-minute cadence with a 5-minute stretch (2-3
     * snapshots per bucket), a one-hour outage, jittered and fractional timestamps, one snapshot exactly at
     * 2026-07-01 00:00:00. Machines: researcher (L40S), CHTC-listed (H100), open capacity (H200), old device with
     * PreventJobsReason (P100), an excluded interactive host, and NULL PP with backfill ids written with {@code _} and
     * empty-id backfill rows. States are drawn from a seeded random source, so the data are fixed.
     */
    static Rows generatedDayRows() {
        Random random = new Random(20260630L);
        Rows rows = Rows.empty();
        LocalDateTime base = SnapshotTime.parse("2026-06-30 12:00:00");
        List<LocalDateTime> times = new ArrayList<>();
        for (int k = 0; k < 96; k++) {
            LocalDateTime slot = base.plusMinutes(15L * k);
            if (slot.getDayOfMonth() == 1 && slot.getHour() == 2) {
                continue; // outage 02:00-03:00 on July 1st
            }
            int jitter = k % 3 == 0 ? 0 : 4 + k % 40;
            times.add(slot.plusSeconds(jitter).plusNanos(k % 4 == 1 ? 123_456_000L : 0));
            if (slot.getDayOfMonth() == 30 && slot.getHour() >= 18 && slot.getHour() < 21) {
                times.add(slot.plusMinutes(5).plusSeconds(jitter + 1));
                times.add(slot.plusMinutes(10).plusSeconds(jitter + 2));
            }
        }
        for (LocalDateTime time : times) {
            String ts = SnapshotTime.format(time);
            machine(rows, random, ts, "alabgpu4000.chtc.wisc.edu", SpecExamples.L40S, SpecExamples.L40S_MB, "ALab",
                    List.of("GPU-r1", "GPU-r2", "GPU-r3"));
            machine(rows, random, ts, "cxiaogpu4000.chtc.wisc.edu", SpecExamples.H100, SpecExamples.H100_MB, "CXiao",
                    List.of("GPU-c1", "GPU-c2"));
            machine(rows, random, ts, "gpu2003.chtc.wisc.edu", SpecExamples.H200, SpecExamples.H200_MB, "",
                    List.of("GPU-s1", "GPU-s2"));
            machine(rows, random, ts, "nullpp.chtc.wisc.edu", SpecExamples.L40S, SpecExamples.L40S_MB, null,
                    List.of("GPU-n1"));
            Rows.Cursor old = rows.thenAt(ts).on("gpu4001.chtc.wisc.edu").device("Tesla P100-PCIE-16GB", 16384)
                    .pp("").slot("slot1");
            if (random.nextDouble() < 0.3) {
                old = old.prevented(SpecExamples.GPU_UNHEALTHY);
            }
            old.unclaimed("GPU-o1");
            Rows.Cursor lab = rows.thenAt(ts).on("gpulab2004.chtc.wisc.edu").device("NVIDIA A100-SXM4-80GB", 81920)
                    .pp("").slot("interactive1");
            if (random.nextBoolean()) {
                lab.claimed("gina@chtc.wisc.edu", "GPU-x1");
            } else {
                lab.unclaimed("GPU-x1");
            }
        }
        return rows;
    }

    /** One machine's rows of one snapshot: each GPU idle, claimed, running a backfill job, or drained. */
    private static void machine(Rows rows, Random random, String ts, String machine, String device, long mb,
                                String pp, List<String> gpus) {
        String[] users = {"alice@chtc.wisc.edu", "bob@chtc.wisc.edu", "dave@chtc.wisc.edu"};
        Rows.Cursor on = rows.thenAt(ts).on(machine).device(device, mb).pp(pp);
        int dslot = 1;
        for (String gpu : gpus) {
            double draw = random.nextDouble();
            String backfillId = machine.startsWith("nullpp") ? gpu.replace('-', '_') : gpu;
            if (draw < 0.35) {
                on.slot("slot1").unclaimed(gpu)
                        .slot("slot1_" + dslot++).claimed(users[random.nextInt(users.length)], gpu);
            } else if (draw < 0.50) {
                on.slot("slot1").unclaimed(gpu)
                        .slot("backfill2_1").claimed("carol@chtc.wisc.edu", backfillId);
            } else if (draw < 0.58) {
                on.slot("slot1").drained(gpu);
            } else {
                on.slot("slot1").unclaimed(gpu)
                        .slot("backfill2").unclaimed(backfillId);
            }
        }
        if (random.nextDouble() < 0.1) {
            on.slot("backfill3").unclaimed(Rows.NO_GPU);
        }
    }

    private static Scenario generatedDays() {
        Rows rows = generatedDayRows();
        LocalDateTime latest = rows.latestTime();
        QueryConfig defaults = QueryConfig.defaults();
        QueryWindow day = QueryWindow.endingAt(latest, 24);
        QueryWindow midBucket = QueryWindow.endingAt(SnapshotTime.parse("2026-07-01 03:07:30"), 6);
        QueryWindow toMidnight = QueryWindow.endingAt(SnapshotTime.parse("2026-07-01 00:00:00"), 12);
        return new Scenario("generated day", rows.snapshots(), List.of(
                allocation("allocation 24h", day, defaults),
                allocation("allocation 6h mid-bucket, all-devices, host gpu4", midBucket,
                        defaults.withAllDevices(true).withHostFilter(new HostFilter("gpu4"))),
                allocation("allocation 12h to midnight, no lists", toMidnight,
                        defaults.withChtcOwned(ChtcOwnedList.of()).withExclusions(HostExclusions.none())),
                timeSeries("time series 15", day, defaults, 15),
                timeSeries("time series 60", day, defaults, 60),
                monthly(YearMonth.of(2026, 6), defaults),
                monthly(YearMonth.of(2026, 7), defaults.withAllDevices(true))));
    }

    // --------------------------------------------------------------------------------------------------------------
    // Replays

    /** The in-memory reference path: host-buckets built straight from the snapshots, no topology. */
    private static Map<String, String> reference(Scenario scenario) {
        HostBucketSource source = HostBucketSource.of(scenario.snapshots());
        Map<String, String> jsons = new LinkedHashMap<>();
        for (Query query : scenario.queries()) {
            jsons.put(query.name(), query.json(source));
        }
        return jsons;
    }

    private static Map<String, String> reports(TopologyHarness harness, Scenario scenario) {
        Map<String, String> jsons = new LinkedHashMap<>();
        for (Query query : scenario.queries()) {
            jsons.put(query.name(), query.json(harness.source(query.window())));
        }
        return jsons;
    }

    private static Map<String, String> replay(Scenario scenario, List<HostSnapshot> order, boolean inMemory) {
        try (TopologyHarness harness = new TopologyHarness(TopologySettings.defaults(), inMemory)) {
            harness.pipe(order);
            assertThat(harness.droppedRecords()).as("records dropped as late").isZero();
            return reports(harness, scenario);
        }
    }

    private static void assertSameJson(Map<String, String> actual, Map<String, String> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, json) -> assertThat(actual.get(name)).as(name).isEqualTo(json));
    }

    /**
     * Each snapshot's rows cut into 2-3 snapshots of the same machine and timestamp (round robin, so one slot's
     * rows land in different pieces), pieces of one snapshot in reverse order.
     */
    private static List<HostSnapshot> pieces(List<HostSnapshot> snapshots) {
        List<HostSnapshot> pieces = new ArrayList<>();
        for (HostSnapshot snapshot : snapshots) {
            int count = Math.min(3, snapshot.rows().size());
            List<List<SlotGpuRow>> cut = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                cut.add(new ArrayList<>());
            }
            for (int i = 0; i < snapshot.rows().size(); i++) {
                cut.get(i % count).add(snapshot.rows().get(i));
            }
            for (int i = count - 1; i >= 0; i--) {
                pieces.add(new HostSnapshot(snapshot.machine(), snapshot.timestamp(), cut.get(i)));
            }
        }
        return pieces;
    }

    private static List<HostSnapshot> reversed(List<HostSnapshot> snapshots) {
        List<HostSnapshot> reversed = new ArrayList<>(snapshots);
        Collections.reverse(reversed);
        return reversed;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void pipedOnceEqualsTheInMemoryReference(Scenario scenario) {
        Map<String, String> reference = reference(scenario);
        assertThat(reference.values()).allSatisfy(json -> assertThat(json).contains("\"num_intervals\":"));
        assertSameJson(replay(scenario, scenario.snapshots(), false), reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void pipedTwiceEqualsPipedOnce(Scenario scenario) {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.pipe(scenario.snapshots());
            Map<String, String> once = reports(harness, scenario);
            harness.pipe(scenario.snapshots());
            Map<String, String> twice = reports(harness, scenario);
            assertSameJson(twice, once);
            assertSameJson(once, reference(scenario));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void reverseOrder(Scenario scenario) {
        assertSameJson(replay(scenario, reversed(scenario.snapshots()), false), reference(scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void snapshotsSplitIntoPieces(Scenario scenario) {
        List<HostSnapshot> pieces = pieces(scenario.snapshots());
        assertThat(pieces.size()).isGreaterThan(scenario.snapshots().size());
        assertSameJson(replay(scenario, pieces, false), reference(scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void piecesShuffled(Scenario scenario) {
        List<HostSnapshot> pieces = new ArrayList<>(pieces(scenario.snapshots()));
        Collections.shuffle(pieces, new Random(7));
        assertSameJson(replay(scenario, pieces, false), reference(scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void oldSnapshotsArrivingAfterNewerOnes(Scenario scenario) {
        // Every third snapshot is held back and arrives, newest first, after all the others.
        List<HostSnapshot> inTime = new ArrayList<>(scenario.snapshots());
        inTime.sort(Comparator.comparing(HostSnapshot::timestamp));
        List<HostSnapshot> onTime = new ArrayList<>();
        List<HostSnapshot> late = new ArrayList<>();
        for (int i = 0; i < inTime.size(); i++) {
            (i % 3 == 1 ? late : onTime).add(inTime.get(i));
        }
        List<HostSnapshot> order = new ArrayList<>(onTime);
        order.addAll(reversed(late));
        assertThat(late).isNotEmpty();
        assertSameJson(replay(scenario, order, false), reference(scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void inMemoryStoresEqualRocksDb(Scenario scenario) {
        assertSameJson(replay(scenario, scenario.snapshots(), true), replay(scenario, scenario.snapshots(), false));
    }

    @Test
    void reverseMonthOrderAndTwice() {
        // "Replaying the same month twice, or in reverse month order, gives byte-identical report JSON": July's
        // snapshots first, then June's, then both months again.
        Scenario scenario = generatedDays();
        List<HostSnapshot> july = scenario.snapshots().stream()
                .filter(snapshot -> snapshot.timestamp().getMonthValue() == 7).toList();
        List<HostSnapshot> june = scenario.snapshots().stream()
                .filter(snapshot -> snapshot.timestamp().getMonthValue() == 6).toList();
        assertThat(july).isNotEmpty();
        assertThat(june).isNotEmpty();
        Map<String, String> reference = reference(scenario);
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.pipe(july).pipe(june);
            assertSameJson(reports(harness, scenario), reference);
            harness.pipe(june).pipe(july);
            assertSameJson(reports(harness, scenario), reference);
            assertThat(harness.droppedRecords()).isZero();
        }
    }

    @Test
    void conflictingRowsAreResolvedByContentInEitherOrder() {
        // zed's Claimed row replaces dave's at t1 whichever arrives first; the Drained and Owner duplicates lose.
        Scenario scenario = exampleAWithConflictingRows();
        for (List<HostSnapshot> order : List.of(scenario.snapshots(), reversed(scenario.snapshots()))) {
            try (TopologyHarness harness = new TopologyHarness()) {
                harness.pipe(order);
                SpecExample a = SpecExamples.exampleA();
                AllocationReport report = SpecReports.allocation(harness, a);
                // H200 users: dave keeps s1 at t2 only, zed holds it at t1: 1/2 × 1 h each.
                assertThat(report.h200UserStats().users().keySet()).containsExactly(SpecExamples.A.DAVE, ZED);
                assertThat(report.h200UserStats().users().get(ZED).totalGpuHours()).isEqualTo(0.5);
                assertThat(report.h200UserStats().users().get(SpecExamples.A.DAVE).totalGpuHours()).isEqualTo(0.5);
                // Row counts are distinct identities: still 31.
                assertThat(report.metadata().totalRecords()).isEqualTo(31);
                // The rest of Example A is unchanged (s2 still the only drained GPU; r3 still BRO-available).
                assertThat(report.drainingStats().intervals()).hasSize(1);
                assertThat(report.deviceStats().get("Backfill-ResearcherOwned").get(SpecExamples.L40S)
                        .avgTotalAvailable()).isEqualTo(2.5);
            }
        }
    }

    @Test
    void generatedDayCoversTheCasesItIsMeantFor() {
        // Guard against a generator change silently removing what the replays exercise.
        Scenario scenario = generatedDays();
        Map<String, String> reference = reference(scenario);
        String day = reference.get("allocation 24h");
        assertThat(day).contains("\"Priority-ResearcherOwned\"", "\"Priority-CHTCOwned\"", "\"Shared\"",
                "\"Backfill-ResearcherOwned\"", "\"Backfill-CHTCOwned\"", "\"Backfill-OpenCapacity\"",
                "\"has_draining\":true", "\"has_prevent_jobs\":true");
        assertThat(reference.get("allocation 6h mid-bucket, all-devices, host gpu4")).contains("Tesla P100-PCIE-16GB");
        // A snapshot stamped exactly at the month boundary belongs to June's monthly window.
        assertThat(scenario.snapshots()).anySatisfy(snapshot ->
                assertThat(snapshot.timestamp()).isEqualTo(SnapshotTime.parse("2026-07-01 00:00:00")));
        YearMonth june = YearMonth.of(2026, 6);
        assertThat(ReportEngine.monthly(HostBucketSource.of(scenario.snapshots()), june, QueryConfig.defaults())
                .metadata().endTime()).isEqualTo("2026-07-01 00:00:00.000000");
        // Buckets with several snapshots, and an outage.
        long fiveMinute = scenario.snapshots().stream().map(HostSnapshot::timestamp).distinct()
                .filter(time -> time.getDayOfMonth() == 30 && time.getHour() == 19).count();
        assertThat(fiveMinute).isEqualTo(12);
        assertThat(reference.get("allocation 24h")).contains("\"gaps\":[{");
    }
}
