package io.gpuledger.ingest.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.DedupRank;
import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.SlotPredicates;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.testdata.SpecExamples.A;
import io.gpuledger.ingest.testdata.SpecExamples.C;
import io.gpuledger.ingest.testdata.SpecExamples.D;
import io.gpuledger.ingest.testdata.SpecExamples.E;
import io.gpuledger.ingest.testdata.SpecExamples.Rule;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules §7 examples as data: their sizes, their two views, and the row-level facts the rules state about them, each
 * computed here from the rows with the rules of {@code classify} (representatives per rules §2.4, classes per 2.5).
 */
class SpecExamplesTest {

    static List<SpecExample> allExamples() {
        return SpecExamples.all();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Every example

    @Test
    void rowCounts() {
        assertThat(SpecExamples.exampleA().size()).as("rules §7.1: 31 rows").isEqualTo(31);
        assertThat(SpecExamples.exampleB().size()).isEqualTo(7);
        assertThat(SpecExamples.exampleC().size()).as("rules §7.3: 9 rows").isEqualTo(9);
        assertThat(SpecExamples.exampleCDedupPairRows().size()).isEqualTo(2);
        assertThat(SpecExamples.exampleCWithDedupPair().size()).isEqualTo(11);
        assertThat(SpecExamples.exampleD().size()).as("rules §7.4 monthly: 14 rows").isEqualTo(14);
        assertThat(List.of(SpecExamples.exampleE1(), SpecExamples.exampleE2(), SpecExamples.exampleE2c(),
                SpecExamples.exampleE3(), SpecExamples.exampleE4(), SpecExamples.exampleE5(), SpecExamples.exampleE6(),
                SpecExamples.exampleE7())).extracting(SpecExample::size).containsExactly(3, 5, 5, 5, 2, 3, 2, 5);
    }

    @Test
    void namesAreUnique() {
        assertThat(SpecExamples.all()).extracting(SpecExample::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allExamples")
    void rowsAreInCollectorOrderWithValidValues(SpecExample example) {
        List<LocalDateTime> times = example.rows().all().stream().map(Rows.Row::time).toList();

        assertThat(times).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(example.rows().all()).allSatisfy(row -> {
            assertThat(SlotState.isAccepted(row.state())).as(row.toString()).isTrue();
            assertThat(row.name()).endsWith("@" + row.machine());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allExamples")
    void snapshotsHoldAllRowsOfOneMachineAndTimestamp(SpecExample example) {
        List<HostSnapshot> snapshots = example.snapshots();

        assertThat(snapshots).extracting(HostSnapshot::machine, HostSnapshot::timestamp).doesNotHaveDuplicates();
        assertThat(snapshots.stream().mapToInt(snapshot -> snapshot.rows().size()).sum()).isEqualTo(example.size());
        for (HostSnapshot snapshot : snapshots) {
            List<SlotGpuRow> expected = example.rows().all().stream()
                    .filter(row -> row.machine().equals(snapshot.machine()) && row.time().equals(snapshot.timestamp()))
                    .map(Rows.Row::toSlotGpuRow)
                    .toList();
            assertThat(snapshot.rows()).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allExamples")
    void snapshotsSurviveTheTopicJson(SpecExample example) {
        for (HostSnapshot snapshot : example.snapshots()) {
            assertThat(HostSnapshotJson.fromBytes(HostSnapshotJson.toBytes(snapshot))).isEqualTo(snapshot);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allExamples")
    void sqliteFilesHoldTheSameRows(SpecExample example, @TempDir Path dir) throws Exception {
        Map<YearMonth, Path> files = example.writeMonthlyFiles(dir);

        List<Map<String, Object>> stored = new ArrayList<>();
        for (Path file : files.values()) {
            assertThat(GpuStateFilesTest.columns(file).contains(GpuStateColumns.PREVENT_JOBS_REASON))
                    .isEqualTo(example.preventJobsReasonColumn());
            stored.addAll(GpuStateFilesTest.read(file));
        }
        List<Map<String, Object>> expected = example.records().stream()
                .map(record -> expectedColumns(record, example.preventJobsReasonColumn())).toList();

        assertThat(stored.stream().map(SpecExamplesTest::normaliseNumbers).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void examplesWithReasonsHaveTheColumnAndOthersHaveNoReasons() {
        for (SpecExample example : SpecExamples.all()) {
            boolean anyReason = example.rows().all().stream().anyMatch(row -> row.preventJobsReason() != null);
            if (anyReason) {
                assertThat(example.preventJobsReasonColumn()).as(example.name()).isTrue();
            }
        }
        assertThat(SpecExamples.exampleA().preventJobsReasonColumn()).isFalse();
        assertThat(SpecExamples.exampleC().preventJobsReasonColumn()).isFalse();
        assertThat(SpecExamples.exampleD().preventJobsReasonColumn()).isTrue();
        assertThat(SpecExamples.exampleE5().preventJobsReasonColumn()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.1 Example A

    @Test
    void exampleAWindowHasAllRowsInTwoBuckets() {
        SpecExample a = SpecExamples.exampleA();

        assertThat(a.end()).isEqualTo(SnapshotTime.parse(A.T2));
        assertThat(a.start()).isEqualTo(SnapshotTime.parse("2025-11-03 09:15:04.987654"));
        assertThat(inWindow(a)).hasSize(31);
        assertThat(buckets(inWindow(a))).containsExactly(at("2025-11-03 10:00"), at("2025-11-03 10:15"));
    }

    @Test
    void exampleAR4IsRepresentedByItsPrimaryUnclaimedRowInBothSnapshots() {
        SpecExample a = SpecExamples.exampleA();

        for (String t : List.of(A.T1, A.T2)) {
            SlotGpuRow r4 = representatives(snapshot(a, A.R, t)).get(A.R4);
            assertThat(r4.name()).isEqualTo("slot1@" + A.R);
            assertThat(r4.state()).isEqualTo("Unclaimed");
            assertThat(ClassRules.realClass(r4, false)).isEqualTo(GpuClass.PRO);
        }
    }

    @Test
    void exampleAAtT2S1IsTheClaimedDSlotAndS2TheDrainedPSlot() {
        Map<String, SlotGpuRow> reps = representatives(snapshot(SpecExamples.exampleA(), A.S, A.T2));

        assertThat(reps.get(A.S1)).extracting(SlotGpuRow::name, SlotGpuRow::state, DedupRank::rank)
                .containsExactly("slot1_1@" + A.S, "Claimed", 6);
        assertThat(reps.get(A.S2)).extracting(SlotGpuRow::name, SlotGpuRow::state, DedupRank::rank)
                .containsExactly("slot1@" + A.S, "Drained", 4);
    }

    @Test
    void exampleARealClassesByMachine() {
        SpecExample a = SpecExamples.exampleA();

        assertThat(realClassesByMachine(a)).containsExactly(
                Map.entry(A.R, Set.of(GpuClass.PRO)),
                Map.entry(A.C, Set.of(GpuClass.PCO)),
                Map.entry(A.S, Set.of(GpuClass.SHARED)));
    }

    @Test
    void exampleABackfillRowsPerClassAndBucket() {
        // rules §7.1 raw device stats: BRO T 3 {r2,r3,r4}, 2 {r3,r4}; BCO T 1, 2; BOC T 1, -
        SpecExample a = SpecExamples.exampleA();

        assertThat(researcherMachines(a)).containsExactly(A.R);
        assertThat(backfillGpusByClassAndBucket(a)).containsExactly(
                Map.entry(GpuClass.BRO, Map.of(at("2025-11-03 10:00"), Set.of(A.R2, A.R3, A.R4),
                        at("2025-11-03 10:15"), Set.of(A.R3, A.R4))),
                Map.entry(GpuClass.BCO, Map.of(at("2025-11-03 10:00"), Set.of(A.C2),
                        at("2025-11-03 10:15"), Set.of(A.C1, A.C2))),
                Map.entry(GpuClass.BOC, Map.of(at("2025-11-03 10:00"), Set.of(A.S2))));
    }

    @Test
    void exampleADrainingHasOnlyS2() {
        // "s1 is dropped (Claimed at the same timestamp); s2 is a single point"
        assertThat(drainingPoints(SpecExamples.exampleA()))
                .containsExactly(tuple(A.S, A.S2, SnapshotTime.parse(A.T2)));
    }

    @Test
    void exampleAHours24QueryKeepsTheRest() {
        ExampleQuery query = SpecExamples.exampleAHours24Query();

        assertThat(query.hoursBack()).isEqualTo(24);
        assertThat(query.endTime()).isNull();
        assertThat(query.chtcOwned().contains(A.C)).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.2 Example B

    @Test
    void exampleBHasThreeBucketsAroundAnOutage() {
        SpecExample b = SpecExamples.exampleB();

        assertThat(b.end()).isEqualTo(SnapshotTime.parse("2025-11-03 10:45:10"));
        assertThat(buckets(inWindow(b))).containsExactly(
                at("2025-11-03 10:00"), at("2025-11-03 10:15"), at("2025-11-03 10:45"));
    }

    @Test
    void exampleBClaimedDSlotRepresentsS1At1005() {
        SlotGpuRow s1 = representatives(snapshot(SpecExamples.exampleB(), SpecExamples.B.S, "2025-11-03 10:05:10"))
                .get(SpecExamples.B.S1);

        assertThat(s1.name()).isEqualTo("slot1_1@" + SpecExamples.B.S);
        assertThat(s1.remoteOwner()).isEqualTo("u@x");
    }

    @Test
    void exampleBDrainingPointsAreFiveMinutesApart() {
        assertThat(drainingPoints(SpecExamples.exampleB())).extracting(point -> point.toList().get(2)).containsExactly(
                SnapshotTime.parse("2025-11-03 10:10:10"), SnapshotTime.parse("2025-11-03 10:15:10"),
                SnapshotTime.parse("2025-11-03 10:20:10"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.3 Example C

    @Test
    void exampleCWindows() {
        SpecExample c = SpecExamples.exampleC();
        SpecExample early = c.withQuery(SpecExamples.exampleCEarlyEndQuery());

        assertThat(inWindow(c)).hasSize(9);
        assertThat(buckets(inWindow(c))).hasSize(2);
        assertThat(inWindow(early)).hasSize(6);
        assertThat(buckets(inWindow(early))).hasSize(1);
    }

    @Test
    void exampleCHost1IsTheOnlyResearcherMachine() {
        SpecExample c = SpecExamples.exampleC();

        assertThat(researcherMachines(c)).containsExactly(C.HOST1);
        assertThat(realClassesByMachine(c)).containsExactly(
                Map.entry(C.HOST1, Set.of(GpuClass.PRO)), Map.entry(C.HOST2, Set.of(GpuClass.SHARED)));
    }

    @Test
    void exampleCGpu005IsRepresentedByABackfillClaimedRowThatJoinsSharedsUnclaimedSet() {
        SlotGpuRow gpu005 = representatives(snapshot(SpecExamples.exampleC(), C.HOST1, C.T1000)).get("GPU-005");

        assertThat(gpu005.name()).isEqualTo("slot1_backfill@" + C.HOST1);
        assertThat(ClassRules.realClass(gpu005, false)).isNull();
        assertThat(LegacyClass.SHARED.unclaimed(gpu005)).isTrue();
        assertThat(LegacyClass.PRIORITY.unclaimed(gpu005)).isFalse();
    }

    @Test
    void exampleCHostFilterKeepsOnlyHost1() {
        SpecExample c = SpecExamples.exampleC().withQuery(SpecExamples.exampleCHost1Query());

        assertThat(inWindow(c).stream().filter(row -> c.query().hostFilter().matches(row.machine()))
                .map(Rows.Row::machine).distinct()).containsExactly(C.HOST1);
    }

    @Test
    void exampleCDedupPairPrimaryWins() {
        SpecExample c = SpecExamples.exampleCWithDedupPair();

        SlotGpuRow pair = representatives(snapshot(c, C.HOST1, C.T1000)).get(C.DEDUP_PAIR_GPU);

        assertThat(pair.name()).isEqualTo("slot9@" + C.HOST1);
        assertThat(DedupRank.rank(pair)).isEqualTo(6);
        assertThat(SpecExamples.exampleCDedupPairRows().all()).extracting(Rows.Row::name, Rows.Row::state,
                Rows.Row::prioritizedProjects).containsExactly(
                        tuple("slot9@" + C.HOST1, "Claimed", "project1"),
                        tuple("slot9_backfill@" + C.HOST1, "Claimed", "project1"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.4 Example D

    @Test
    void exampleDWindowAndClasses() {
        SpecExample d = SpecExamples.exampleD();

        assertThat(d.query().chtcOwned().hosts()).containsExactly(D.GPU2);
        assertThat(inWindow(d)).hasSize(14);
        assertThat(buckets(inWindow(d))).hasSize(2);
        assertThat(researcherMachines(d)).containsExactly(D.GPU1);
        assertThat(realClassesByMachine(d)).containsExactly(
                Map.entry(D.GPU1, Set.of(GpuClass.PRO)),
                Map.entry(D.GPU2, Set.of(GpuClass.PCO)),
                Map.entry(D.GPU3, Set.of(GpuClass.SHARED)));
        assertThat(backfillGpusByClassAndBucket(d)).containsOnlyKeys(GpuClass.BRO, GpuClass.BCO);
    }

    @Test
    void exampleDGpu3AIsPreventedIdleInBothBuckets() {
        SpecExample d = SpecExamples.exampleD();

        for (String b : List.of(D.B1, D.B2)) {
            Map<String, SlotGpuRow> reps = representatives(snapshot(d, D.GPU3, b));
            assertThat(DedupRank.rank(reps.get("GPU-3A"))).isEqualTo(DedupRank.PRIMARY_PREVENTED_IDLE);
            assertThat(DedupRank.rank(reps.get("GPU-3B"))).isEqualTo(DedupRank.PRIMARY_UNCLAIMED);
        }
    }

    @Test
    void exampleDOldDeviceAndZeroActiveObservations() {
        SpecExample d = SpecExamples.exampleD();

        assertThat(d.rows().all().stream().filter(row -> Devices.isOld(row.deviceName())).map(Rows.Row::machine)
                .distinct()).containsExactly(D.GPU3);
        // "gpu3.chtc.wisc.edu, Tesla P100-PCIE-16GB, 2 GPUs, 4 observations"
        List<Rows.Row> gpu3Primary = d.rows().all().stream()
                .filter(row -> row.machine().equals(D.GPU3) && SlotPredicates.primary(row.name()))
                .filter(row -> row.toSlotGpuRow().hasGpu()).toList();
        assertThat(gpu3Primary).hasSize(4);
        assertThat(gpu3Primary.stream().map(Rows.Row::gpuId).distinct()).hasSize(2);
    }

    @Test
    void exampleDDrainingAndPreventedRows() {
        SpecExample d = SpecExamples.exampleD();

        assertThat(drainingPoints(d)).containsExactly(tuple(D.GPU1, "GPU-1B", SnapshotTime.parse(D.B2)));
        assertThat(preventedGpuKeys(d)).containsExactly(D.GPU3 + "/GPU-3A");
    }

    @Test
    void exampleDQueryVariants() {
        ExampleQuery allDevices = SpecExamples.exampleDAllDevicesQuery();
        ExampleQuery monthly = SpecExamples.exampleDMonthlyQuery();
        SpecExample d = SpecExamples.exampleD();

        assertThat(allDevices.allDevices()).isTrue();
        assertThat(d.query().allDevices()).isFalse();
        assertThat(monthly.endTimeParameter()).isEqualTo("2026-06-01 00:00:00");
        assertThat(d.rows().all()).allMatch(row -> !row.time().isBefore(at("2026-05-01 00:00"))
                && !row.time().isAfter(at("2026-06-01 00:00")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.5 Example E

    @Test
    void exampleE1BusyGpusWithAReasonAreNotPreventedIdle() {
        SpecExample e1 = SpecExamples.exampleE1();

        assertThat(preventedGpuKeys(e1)).containsExactly(E.HOST_A + "/GPU-1", E.HOST_A + "/GPU-2");
        assertThat(e1.snapshots()).flatExtracting(snapshot -> representatives(snapshot).values())
                .extracting(DedupRank::rank).containsExactlyInAnyOrder(6, 6, 5);
    }

    @Test
    void exampleE2PreventedIdleRepresentativesPerBucketAreTwoThenOne() {
        // "Shared Prevented (2+1)/2 = 1.5"
        SpecExample e2 = SpecExamples.exampleE2();

        assertThat(preventedIdleRepresentativesPerBucket(e2)).containsExactly(
                Map.entry(at("2026-07-02 12:00"), 2L), Map.entry(at("2026-07-02 12:15"), 1L));
        assertThat(lastPreventedTimeByHost(e2)).containsExactly(
                Map.entry(E.HOST_A, SnapshotTime.parse(E.T1200)), Map.entry(E.HOST_B, SnapshotTime.parse(E.T1215)));
    }

    @Test
    void exampleE2cIsTheSameRowsOnChtcMachinesWithProjC() {
        SpecExample e2c = SpecExamples.exampleE2c();

        assertThat(e2c.query().chtcOwned().hosts()).containsExactlyInAnyOrder(E.HOST_A, E.HOST_B);
        assertThat(e2c.rows().all()).extracting(Rows.Row::prioritizedProjects).containsOnly("ProjC");
        assertThat(realClassesByMachine(e2c)).containsExactly(
                Map.entry(E.HOST_A, Set.of(GpuClass.PCO)), Map.entry(E.HOST_B, Set.of(GpuClass.PCO)));
        assertThat(preventedIdleRepresentativesPerBucket(e2c)).containsExactly(
                Map.entry(at("2026-07-02 12:00"), 2L), Map.entry(at("2026-07-02 12:15"), 1L));
    }

    @Test
    void exampleE3GpuBfIsRepresentedByItsBackfillClaimedRow() {
        SpecExample e3 = SpecExamples.exampleE3();
        Map<String, SlotGpuRow> reps = representatives(snapshot(e3, E.HOST_A, E.T1200));

        assertThat(reps.get("GPU-bf").name()).isEqualTo("backfill2_1@" + E.HOST_A);
        assertThat(DedupRank.rank(reps.get("GPU-idle"))).isEqualTo(DedupRank.PRIMARY_PREVENTED_IDLE);
        assertThat(reps.get("GPU-busy").name()).isEqualTo("slot1_1@" + E.HOST_A);
        assertThat(preventedIdleRepresentativesPerBucket(e3)).containsExactly(Map.entry(at("2026-07-02 12:00"), 1L));
        assertThat(preventedGpuKeys(e3)).hasSize(3);
        assertThat(reps.values().stream().filter(rep -> ClassRules.realClass(rep, false) == GpuClass.SHARED))
                .extracting(SlotGpuRow::state).containsExactlyInAnyOrder("Owner", "Claimed");
    }

    @Test
    void exampleE4PrimaryWinsTwoOverOne() {
        SlotGpuRow rep = representatives(snapshot(SpecExamples.exampleE4(), E.HOST_A, E.T1200)).get("GPU-X");

        assertThat(rep.name()).isEqualTo("slot1@" + E.HOST_A);
        assertThat(DedupRank.rank(rep)).isEqualTo(2);
    }

    @Test
    void exampleE5HasNoReasonsAndNoColumn() {
        SpecExample e5 = SpecExamples.exampleE5();

        assertThat(e5.preventJobsReasonColumn()).isFalse();
        assertThat(e5.rows().all()).extracting(Rows.Row::preventJobsReason).containsOnlyNulls();
    }

    @Test
    void exampleE6BlankReasonsAreStoredButNotPrevented() {
        SpecExample e6 = SpecExamples.exampleE6();

        assertThat(e6.rows().all()).extracting(Rows.Row::preventJobsReason).containsExactly("", "   ");
        assertThat(preventedGpuKeys(e6)).isEmpty();
    }

    @Test
    void exampleE7HasReasonRowsInOneOfFiveBuckets() {
        SpecExample e7 = SpecExamples.exampleE7();
        List<Rows.Row> window = inWindow(e7);

        assertThat(buckets(window)).hasSize(5);
        assertThat(buckets(window.stream().filter(row -> SlotPredicates.prevented(row.preventJobsReason())).toList()))
                .containsExactly(at("2026-07-02 11:30"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.6 Rule tests

    @Test
    void ruleIdNormalisationMakesOneGpuRepresentedByThePrimary() {
        HostSnapshot snapshot = SpecExamples.ruleIdNormalisation().snapshots().get(0);

        assertThat(representatives(snapshot)).containsOnlyKeys("GPU-1a2b");
        assertThat(representatives(snapshot).get("GPU-1a2b")).extracting(SlotGpuRow::name, DedupRank::rank)
                .containsExactly("slot1@" + Rule.H, 5);
        assertThat(SpecExamples.ruleIdNormalisation().records()).extracting(GpuStateRecord::assignedGpus)
                .containsExactly("GPU-1a2b", "GPU_1a2b");
    }

    @Test
    void ruleMigNormalisationMakesOneGpu() {
        HostSnapshot snapshot = SpecExamples.ruleMigNormalisation().snapshots().get(0);

        assertThat(representatives(snapshot)).containsOnlyKeys("MIG-aa11-bb22");
        assertThat(Devices.tier(snapshot.rows().get(0).deviceName())).isEqualTo(Devices.Tier.FLAGSHIP);
    }

    @Test
    void ruleEmptyIdHasNoGpuButItsBucketCounts() {
        SpecExample example = SpecExamples.ruleEmptyId();
        List<Rows.Row> window = inWindow(example);

        assertThat(buckets(window)).containsExactly(at("2026-07-02 12:00"), at("2026-07-02 12:15"));
        assertThat(buckets(window.stream().filter(row -> row.toSlotGpuRow().hasGpu()).toList()))
                .containsExactly(at("2026-07-02 12:00"));
        assertThat(example.records().get(1).assignedGpus()).isEqualTo("");
    }

    @Test
    void ruleRankTieGoesToSlot1WhichIsShared() {
        SlotGpuRow rep = representatives(SpecExamples.ruleRankTie().snapshots().get(0)).get("GPU-1");

        assertThat(rep.name()).isEqualTo("slot1@" + Rule.H);
        assertThat(ClassRules.realClass(rep, false)).isEqualTo(GpuClass.SHARED);
        assertThat(SpecExamples.ruleRankTie().rows().all().get(0).name()).isEqualTo("slot2@" + Rule.H);
    }

    @Test
    void ruleWindowEdgesAreBothIncluded() {
        assertThat(inWindow(SpecExamples.ruleWindowEdges())).extracting(Rows.Row::timestamp)
                .containsExactly("2026-07-02 09:15:00", "2026-07-02 10:15:00");
    }

    @Test
    void ruleCrossMonthRowsAreInTwoFilesAndOneWindow(@TempDir Path dir) throws Exception {
        SpecExample example = SpecExamples.ruleCrossMonth();

        assertThat(example.writeMonthlyFiles(dir)).containsOnlyKeys(YearMonth.of(2026, 6), YearMonth.of(2026, 7));
        assertThat(inWindow(example)).hasSize(2);
    }

    @Test
    void ruleDrainingAcrossMonthsIsOneIntervalOverTwoFiles(@TempDir Path dir) throws Exception {
        SpecExample example = SpecExamples.ruleDrainingAcrossMonths();

        assertThat(example.writeMonthlyFiles(dir)).containsOnlyKeys(YearMonth.of(2026, 6), YearMonth.of(2026, 7));
        List<LocalDateTime> points = drainingPoints(example).stream()
                .map(point -> (LocalDateTime) point.toList().get(2)).toList();
        assertThat(points).hasSize(2).allMatch(t -> !t.isBefore(example.start()) && !t.isAfter(example.end()));
        long gapMinutes = ChronoUnit.MINUTES.between(points.get(0), points.get(1));
        assertThat(gapMinutes).isLessThanOrEqualTo(20);
        assertThat(ChronoUnit.MICROS.between(points.get(0), points.get(1)) / 3.6e9).isEqualTo(0.25);
    }

    @Test
    void ruleDrainingVsClaimedKeepsOnlyHostA() {
        assertThat(drainingPoints(SpecExamples.ruleDrainingVsClaimed()))
                .containsExactly(tuple(E.HOST_A, "GPU-1", SnapshotTime.parse(Rule.T)));
    }

    @Test
    void ruleNullPpPrimaryIsProButTheMachineIsNotResearcher() {
        SpecExample example = SpecExamples.ruleNullPp();

        assertThat(realClassesByMachine(example)).containsExactly(Map.entry(Rule.X, Set.of(GpuClass.PRO)));
        assertThat(researcherMachines(example)).isEmpty();
        assertThat(backfillGpusByClassAndBucket(example)).containsOnlyKeys(GpuClass.BOC);
    }

    @Test
    void ruleChtcWithEmptyPpIsSharedWithBackfillInBco() {
        SpecExample example = SpecExamples.ruleChtcWithEmptyPp();

        assertThat(realClassesByMachine(example)).containsExactly(Map.entry(A.C, Set.of(GpuClass.SHARED)));
        assertThat(backfillGpusByClassAndBucket(example)).containsOnlyKeys(GpuClass.BCO);
    }

    @Test
    void ruleDstFallBackIsTwoSnapshotsInOneBucketClaimedForTheBucket() {
        SpecExample example = SpecExamples.ruleDstFallBack();

        assertThat(example.snapshots()).hasSize(2);
        assertThat(buckets(inWindow(example))).containsExactly(at("2025-11-02 01:00"));
        assertThat(example.snapshots()).flatExtracting(snapshot -> representatives(snapshot).values())
                .extracting(SlotGpuRow::state).containsExactly("Claimed", "Unclaimed");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Small computations over rows, straight from the rules definitions

    private static LocalDateTime at(String minute) {
        return SnapshotTime.parse(minute + ":00");
    }

    /** rules §3.1: {@code start ≤ timestamp ≤ end}. */
    private static List<Rows.Row> inWindow(SpecExample example) {
        return example.rows().all().stream()
                .filter(row -> !row.time().isBefore(example.start()) && !row.time().isAfter(example.end()))
                .toList();
    }

    /** rules §3.2: the distinct 15-minute buckets of these rows, in order. */
    private static Set<LocalDateTime> buckets(List<Rows.Row> rows) {
        return rows.stream().map(row -> SnapshotTime.bucketStart(row.time())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static HostSnapshot snapshot(SpecExample example, String machine, String time) {
        LocalDateTime timestamp = SnapshotTime.parse(time);
        return example.snapshots().stream()
                .filter(snapshot -> snapshot.machine().equals(machine) && snapshot.timestamp().equals(timestamp))
                .findFirst().orElseThrow();
    }

    /** rules §2.4: per GPU id of one snapshot, the highest-ranked row, ties to the smallest Name. */
    private static Map<String, SlotGpuRow> representatives(HostSnapshot snapshot) {
        Map<String, SlotGpuRow> best = new TreeMap<>();
        for (SlotGpuRow row : snapshot.rows()) {
            if (row.hasGpu()) {
                best.merge(row.gpuId(), row, (current, candidate) ->
                        DedupRank.beats(candidate, current) ? candidate : current);
            }
        }
        return best;
    }

    /** rules §2.5: machines with a window row that is primary ∧ ppStrict ∧ ¬chtc ∧ ¬excluded. */
    private static Set<String> researcherMachines(SpecExample example) {
        return inWindow(example).stream()
                .filter(row -> !example.query().chtcOwned().contains(row.machine()))
                .filter(row -> !example.query().exclusions().excludes(row.machine()))
                .filter(row -> ClassRules.qualifiesResearcherMachine(row.toSlotGpuRow()))
                .map(Rows.Row::machine)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The Real classes of every representative in the window, per machine (machines with none left out). */
    private static Map<String, Set<GpuClass>> realClassesByMachine(SpecExample example) {
        Map<String, Set<GpuClass>> classes = new TreeMap<>();
        for (HostSnapshot snapshot : windowSnapshots(example)) {
            boolean chtc = example.query().chtcOwned().contains(snapshot.machine());
            for (SlotGpuRow rep : representatives(snapshot).values()) {
                GpuClass real = ClassRules.realClass(rep, chtc);
                if (real != null) {
                    classes.computeIfAbsent(snapshot.machine(), key -> new TreeSet<>()).add(real);
                }
            }
        }
        return classes;
    }

    /** rules §2.5 backfill classes over raw rows: class → bucket → GPU ids. */
    private static Map<GpuClass, Map<LocalDateTime, Set<String>>> backfillGpusByClassAndBucket(SpecExample example) {
        Set<String> researchers = researcherMachines(example);
        Map<GpuClass, Map<LocalDateTime, Set<String>>> result = new TreeMap<>();
        for (Rows.Row row : inWindow(example)) {
            SlotGpuRow slot = row.toSlotGpuRow();
            if (SlotPredicates.backfill(row.name()) && slot.hasGpu()
                    && !example.query().exclusions().excludes(row.machine())) {
                GpuClass backfillClass = ClassRules.backfillClass(example.query().chtcOwned().contains(row.machine()),
                        researchers.contains(row.machine()));
                result.computeIfAbsent(backfillClass, key -> new TreeMap<>())
                        .computeIfAbsent(SnapshotTime.bucketStart(row.time()), key -> new TreeSet<>())
                        .add(slot.gpuId());
            }
        }
        return result;
    }

    /** rules §4.8: (Machine, GPU id, timestamp) of Drained rows with a GPU, minus those with a Claimed row. */
    private static List<Tuple> drainingPoints(SpecExample example) {
        record Point(String machine, String gpu, LocalDateTime time) {
        }
        List<Rows.Row> window = inWindow(example);
        Set<Point> claimed = window.stream().filter(row -> row.state().equals("Claimed"))
                .map(row -> new Point(row.machine(), row.gpuId(), row.time())).collect(Collectors.toSet());
        return window.stream()
                .filter(row -> row.state().equals("Drained") && row.toSlotGpuRow().hasGpu())
                .map(row -> new Point(row.machine(), row.gpuId(), row.time()))
                .filter(point -> !claimed.contains(point))
                .distinct()
                .sorted(Comparator.comparing(Point::machine).thenComparing(Point::gpu).thenComparing(Point::time))
                .map(point -> tuple(point.machine(), point.gpu(), point.time()))
                .toList();
    }

    /** rules §4.9: distinct GPU keys of window rows that are prevented ∧ hasGpu, as {@code machine/id}. */
    private static Set<String> preventedGpuKeys(SpecExample example) {
        return inWindow(example).stream()
                .filter(row -> SlotPredicates.prevented(row.preventJobsReason()) && row.toSlotGpuRow().hasGpu())
                .map(row -> row.machine() + "/" + row.gpuId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, LocalDateTime> lastPreventedTimeByHost(SpecExample example) {
        return inWindow(example).stream()
                .filter(row -> SlotPredicates.prevented(row.preventJobsReason()) && row.toSlotGpuRow().hasGpu())
                .collect(Collectors.toMap(Rows.Row::machine, Rows.Row::time,
                        (a, b) -> a.isAfter(b) ? a : b, TreeMap::new));
    }

    /** Per bucket, the number of distinct GPU keys whose representative is prevented-idle (rank 2). */
    private static Map<LocalDateTime, Long> preventedIdleRepresentativesPerBucket(SpecExample example) {
        Map<LocalDateTime, Set<String>> keys = new TreeMap<>();
        for (HostSnapshot snapshot : windowSnapshots(example)) {
            representatives(snapshot).forEach((gpu, rep) -> {
                if (DedupRank.rank(rep) == DedupRank.PRIMARY_PREVENTED_IDLE) {
                    keys.computeIfAbsent(SnapshotTime.bucketStart(snapshot.timestamp()), key -> new TreeSet<>())
                            .add(snapshot.machine() + "/" + gpu);
                }
            });
        }
        Map<LocalDateTime, Long> counts = new TreeMap<>();
        keys.forEach((bucket, gpus) -> counts.put(bucket, (long) gpus.size()));
        return counts;
    }

    private static List<HostSnapshot> windowSnapshots(SpecExample example) {
        return example.snapshots().stream()
                .filter(snapshot -> !example.query().exclusions().excludes(snapshot.machine()))
                .filter(snapshot -> !snapshot.timestamp().isBefore(example.start())
                        && !snapshot.timestamp().isAfter(example.end()))
                .toList();
    }

    /** The columns a file of this schema holds for a record, with numbers as JDBC returns them normalised. */
    private static Map<String, Object> expectedColumns(GpuStateRecord record, boolean preventJobsReasonColumn) {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (GpuStateColumns.Column column : GpuStateFiles.columns(preventJobsReasonColumn)) {
            expected.put(column.name(), record.byColumn().get(column.name()));
        }
        return normaliseNumbers(expected);
    }

    /** sqlite-jdbc returns small INTEGERs as Integer: compare integers as Long, reals as Double. */
    private static Map<String, Object> normaliseNumbers(Map<String, Object> row) {
        Map<String, Object> normalised = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (value instanceof Integer small) {
                normalised.put(column, small.longValue());
            } else if (value instanceof Float single) {
                normalised.put(column, single.doubleValue());
            } else {
                normalised.put(column, value);
            }
        });
        return normalised;
    }
}
