package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.allocation;
import static io.gpuledger.streams.spec.SpecReports.bucket;
import static io.gpuledger.streams.spec.SpecReports.config;
import static io.gpuledger.streams.spec.SpecReports.deviceStat;
import static io.gpuledger.streams.spec.SpecReports.deviceTable;
import static io.gpuledger.streams.spec.SpecReports.group;
import static io.gpuledger.streams.spec.SpecReports.labels;
import static io.gpuledger.streams.spec.SpecReports.micros;
import static io.gpuledger.streams.spec.SpecReports.oneDecimal;
import static io.gpuledger.streams.spec.SpecReports.ratioCell;
import static io.gpuledger.streams.spec.SpecReports.realSlotsLabels;
import static io.gpuledger.streams.spec.SpecReports.realSlotsRow;
import static io.gpuledger.streams.spec.SpecReports.row;
import static io.gpuledger.streams.spec.SpecReports.seriesRows;
import static io.gpuledger.streams.spec.SpecReports.timeSeries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples.C;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.MemoryStat;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * rules §7.3, Example C: the 9-row fixture with no CHTC machine (host1 researcher V100, host2 open-capacity A100),
 * {@code hours-back 1} with the default end 10:15; and its variants (end-time 10:10, an empty table, host filter
 * {@code host1}, the dedup pair).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleCTest {

    private static final String V100 = C.HOST1_DEVICE;
    private static final String A100 = C.HOST2_DEVICE;

    private final SpecExample example = SpecExamples.exampleC();
    private TopologyHarness harness;
    private AllocationReport report;

    @BeforeAll
    void pipeExampleC() {
        harness = new TopologyHarness();
        harness.pipe(example.snapshots());
        report = allocation(harness, example);
    }

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void windowDefaultEnd() {
        // hours-back 1 with the default end (10:15) gives 9 rows, |B| = 2.
        assertThat(harness.latestSnapshotMicros()).isEqualTo(micros(C.T1015));
        assertThat(report.metadata().totalRecords()).isEqualTo(9);
        assertThat(report.metadata().numIntervals()).isEqualTo(2);
        assertThat(report.metadata().startTime()).startsWith(C.T1000);
        assertThat(report.metadata().endTime()).startsWith(C.T1015);
    }

    @Test
    void windowEndingAt1010() {
        // end-time 2025-01-01 10:10:00 gives 6 rows, |B| = 1.
        AllocationReport early = allocation(harness, example, SpecExamples.exampleCEarlyEndQuery());
        assertThat(early.metadata().totalRecords()).isEqualTo(6);
        assertThat(early.metadata().numIntervals()).isEqualTo(1);
        assertThat(early.metadata().endTime()).startsWith(C.T1000);
    }

    @Test
    void emptyTableIsNoData() {
        // An empty table gives "No data found in the specified time range.".
        try (TopologyHarness empty = new TopologyHarness()) {
            QueryWindow window = SpecReports.window(example);
            assertThatThrownBy(() -> ReportEngine.allocation(empty.source(window), window, config(example.query())))
                    .isInstanceOf(NoDataException.class)
                    .hasMessage("No data found in the specified time range.");
            assertThatThrownBy(() -> ReportEngine.timeSeries(empty.source(window), window, config(example.query()), 15))
                    .isInstanceOf(NoDataException.class)
                    .hasMessage("No data found in the specified time range.");
        }
    }

    @Test
    void devicesAreUnmappedStandardAndSmall() {
        // Both device names are unmapped (shown raw), not old, Standard tier, category <48GB.
        for (String device : new String[] {V100, A100}) {
            assertThat(Devices.shortName(device)).isEqualTo(device);
            assertThat(Devices.isOld(device)).isFalse();
            assertThat(Devices.tier(device)).isEqualTo(Devices.Tier.STANDARD);
        }
        assertThat(MemoryCategory.of(C.HOST1_MB)).isEqualTo(MemoryCategory.LT48);
        assertThat(MemoryCategory.of(C.HOST2_MB)).isEqualTo(MemoryCategory.LT48);
        // ... and the report shows them so.
        assertThat(labels(deviceTable(report, GpuClass.PRO).rows())).containsExactly("TOTAL", V100);
        assertThat(labels(deviceTable(report, GpuClass.SHARED).rows())).containsExactly("TOTAL", A100);
        assertThat(realSlotsLabels(report)).contains("Open Capacity (Standard) @1")
                .doesNotContain("Open Capacity (Flagship) @1");
    }

    @Test
    void deviceStatsPerBucket() {
        AllocationReport b1 = bucket(harness, example, C.T1000);
        AllocationReport b2 = bucket(harness, example, C.T1015);
        // PRO V100 T 2,1; C 1,0.
        assertThat(counts(b1, GpuClass.PRO, V100)).isEqualTo("T 2 C 1");
        assertThat(counts(b2, GpuClass.PRO, V100)).isEqualTo("T 1 C 0");
        // Shared A100 T 2,2; C 1,1.
        assertThat(counts(b1, GpuClass.SHARED, A100)).isEqualTo("T 2 C 1");
        assertThat(counts(b2, GpuClass.SHARED, A100)).isEqualTo("T 2 C 1");
        // BRO V100 (rows 5, 6 at 10:00 only) T 2, C 1.
        assertThat(counts(b1, GpuClass.BRO, V100)).isEqualTo("T 2 C 1");
        assertThat(b2.deviceStats()).doesNotContainKey("Backfill-ResearcherOwned");
    }

    private static String counts(AllocationReport oneBucket, GpuClass gpuClass, String device) {
        DeviceStat stat = deviceStat(oneBucket, gpuClass, device);
        return "T " + (int) stat.avgTotalAvailable() + " C " + (int) stat.avgClaimed();
    }

    @Test
    void deviceStats() {
        // host1 is a researcher machine: its primary GPUs are PRO, its backfill rows BRO. No CHTC machine.
        assertThat(report.deviceStats().keySet())
                .containsExactly("Priority-ResearcherOwned", "Shared", "Backfill-ResearcherOwned");
        // PRO V100 → 0.5/1.5, mean P_b 25.0, shown 33.3%.
        assertThat(deviceStat(report, GpuClass.PRO, V100)).isEqualTo(new DeviceStat(0.5, 0.0, 1.5, 0.0, 25.0, 0.0, 2));
        assertThat(ratioCell(deviceTable(report, GpuClass.PRO).rows().get(1))).isEqualTo("33.3% (0.5/1.5)");
        // Shared A100 → 1.0/2.0, 50.0%.
        assertThat(deviceStat(report, GpuClass.SHARED, A100))
                .isEqualTo(new DeviceStat(1.0, 0.0, 2.0, 0.0, 50.0, 0.0, 2));
        assertThat(ratioCell(deviceTable(report, GpuClass.SHARED).rows().get(1))).isEqualTo("50.0% (1.0/2.0)");
        // BRO V100 → 0.5/1.0, 50.0% (the single bucket with data has P_b 50).
        assertThat(deviceStat(report, GpuClass.BRO, V100)).isEqualTo(new DeviceStat(0.5, 0.0, 1.0, 0.0, 50.0, 0.0, 2));
        assertThat(ratioCell(deviceTable(report, GpuClass.BRO).rows().get(1))).isEqualTo("50.0% (0.5/1.0)");
        assertThat(report.deviceTables()).extracting(DeviceTable::classId)
                .containsExactly("Priority-ResearcherOwned", "Shared", "Backfill-ResearcherOwned");
    }

    @Test
    void realSlots() {
        // There is no PCO row.
        assertThat(realSlotsLabels(report)).containsExactly(
                "TOTAL (primary + secondary) @0",
                "Prioritized (TOTAL) @0",
                "Primary @1",
                "Researcher-Owned Hardware @2",
                "Secondary (Backfill) @1",
                "Researcher-Owned Hardware (secondary) @2",
                "Open Capacity (TOTAL) @0",
                "Open Capacity (Standard) @1");
        // TOTAL (primary + secondary) 57.1% (2.0/3.5).
        RealSlotsRow total = realSlotsRow(report, "TOTAL (primary + secondary)");
        assertThat(total.claimed()).isEqualTo(2.0);
        assertThat(total.available()).isEqualTo(3.5);
        assertThat(total.allocatedPercent()).isCloseTo(400.0 / 7, within(1e-9));
        assertThat(ratioCell(total)).isEqualTo("57.1% (2.0/3.5)");
        // Prioritized (TOTAL) 66.7% (1.0/1.5).
        RealSlotsRow prioritized = realSlotsRow(report, "Prioritized (TOTAL)");
        assertThat(prioritized.claimed()).isEqualTo(1.0);
        assertThat(prioritized.available()).isEqualTo(1.5);
        assertThat(ratioCell(prioritized)).isEqualTo("66.7% (1.0/1.5)");
        // Primary and Researcher-Owned Hardware 33.3% (0.5/1.5).
        for (String label : new String[] {"Primary", "Researcher-Owned Hardware"}) {
            RealSlotsRow row = realSlotsRow(report, label);
            assertThat(row.claimed()).as(label).isEqualTo(0.5);
            assertThat(row.available()).as(label).isEqualTo(1.5);
            assertThat(row.allocatedPercent()).as(label).isCloseTo(100.0 / 3, within(1e-9));
            assertThat(ratioCell(row)).as(label).isEqualTo("33.3% (0.5/1.5)");
        }
        // Secondary (Backfill) and Researcher-Owned Hardware (secondary) 50.0% (0.5/1.0).
        for (String label : new String[] {"Secondary (Backfill)", "Researcher-Owned Hardware (secondary)"}) {
            RealSlotsRow row = realSlotsRow(report, label);
            assertThat(row.allocatedPercent()).as(label).isEqualTo(50.0);
            assertThat(row.claimed()).as(label).isEqualTo(0.5);
            assertThat(row.available()).as(label).isEqualTo(1.0);
        }
        // Open Capacity (TOTAL) and (Standard) 50.0% (1.0/2.0).
        for (String label : new String[] {"Open Capacity (TOTAL)", "Open Capacity (Standard)"}) {
            RealSlotsRow row = realSlotsRow(report, label);
            assertThat(row.allocatedPercent()).as(label).isEqualTo(50.0);
            assertThat(row.claimed()).as(label).isEqualTo(1.0);
            assertThat(row.available()).as(label).isEqualTo(2.0);
        }
        assertThat(report.realSlots()).allSatisfy(row -> {
            assertThat(row.drained()).isEqualTo(0.0);
            assertThat(row.prevented()).isEqualTo(0.0);
        });
    }

    @Test
    void memory() {
        // <48GB only. T 4 {001, 002, 003, 004} then 3; C 2 then 1 → 1.5/3.5 = 42.9%, and TOTAL the same.
        assertThat(labels(report.memoryTable())).containsExactly("TOTAL", "<48GB");
        assertThat(report.memoryStats()).containsOnlyKeys("<48GB");
        MemoryStat memory = report.memoryStats().get("<48GB");
        assertThat(memory.avgClaimed()).isEqualTo(1.5);
        assertThat(memory.avgDrained()).isEqualTo(0.0);
        assertThat(memory.avgTotalAvailable()).isEqualTo(3.5);
        assertThat(memory.numIntervals()).isEqualTo(2);
        assertThat(row(report.memoryTable(), "<48GB").allocatedPercent()).isCloseTo(300.0 / 7, within(1e-9));
        assertThat(ratioCell(row(report.memoryTable(), "<48GB"))).isEqualTo("42.9% (1.5/3.5)");
        assertThat(ratioCell(row(report.memoryTable(), "TOTAL"))).isEqualTo("42.9% (1.5/3.5)");

        // Per bucket: T 4 then 3; C 2 then 1 (GPU-005 and GPU-006 are represented by backfill rows: no Real class).
        MemoryStat b1 = bucket(harness, example, C.T1000).memoryStats().get("<48GB");
        MemoryStat b2 = bucket(harness, example, C.T1015).memoryStats().get("<48GB");
        assertThat(b1.avgTotalAvailable()).isEqualTo(4.0);
        assertThat(b1.avgClaimed()).isEqualTo(2.0);
        assertThat(b2.avgTotalAvailable()).isEqualTo(3.0);
        assertThat(b2.avgClaimed()).isEqualTo(1.0);
    }

    @Test
    void users() {
        // No H200 table.
        assertThat(report.h200UserStats().numBuckets()).isZero();
        assertThat(report.h200UserStats().isEmpty()).isTrue();
        // Backfill users: N = 2; user3 is claimed in 1 bucket → 0.5 h, under "Researcher-Owned Hardware (1 users)".
        UserTable backfill = report.backfillUserStats();
        assertThat(backfill.numBuckets()).isEqualTo(2);
        assertThat(backfill.groups()).hasSize(1);
        UserTable.ClassGroup bro = group(backfill, GpuClass.BRO);
        assertThat(bro.label()).isEqualTo("Researcher-Owned Hardware");
        assertThat(bro.users()).containsExactly(new UserTable.UserLine("user3@domain.com", 0.5, 100.0));
        assertThat(bro.slotTotal()).isEqualTo(0.5);
        assertThat(backfill.users()).containsOnlyKeys("user3@domain.com");
    }

    @Test
    void subject() {
        // (33.3% | 50.0% | 50.0%): PCO is absent, so Shared moves to second place.
        assertThat(report.subjectPercentages()).hasSize(3);
        assertThat(report.subjectPercentages().get(0)).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(report.subjectPercentages().subList(1, 3)).containsExactly(50.0, 50.0);
        assertThat(SpecReports.subject(report)).isEqualTo("(33.3% | 50.0% | 50.0%)");
    }

    @Test
    void timeSeries15Minutes() {
        TimeSeriesReport series = timeSeries(harness, example);
        // 10:00 Priority 1/2, Shared 1/3 (GPU-005's representative is a backfill Claimed row with PP "", so it
        // joins Shared's unclaimed set), Backfill 1/2; 10:15 Priority 0/1, Shared 1/2, Backfill 0/0.
        assertThat(seriesRows(series)).containsExactly(
                "10:00 P 1/2 S 1/3 B 1/2",
                "10:15 P 0/1 S 1/2 B 0/0");
        assertThat(series.rows().get(0).priorityUsagePercent()).isEqualTo(50.0);
        assertThat(series.rows().get(0).sharedUsagePercent()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(oneDecimal(series.rows().get(0).sharedUsagePercent())).isEqualTo("33.3");
        assertThat(series.rows().get(0).backfillUsagePercent()).isEqualTo(50.0);
        // Means: Priority 25.0% (0.5/1.5), Shared 41.7% (1.0/2.5), Backfill 25.0% (0.5/1.0).
        assertThat(SpecReports.priorityMean(series)).isEqualTo("25.0% (0.5/1.5)");
        assertThat(SpecReports.sharedMean(series)).isEqualTo("41.7% (1.0/2.5)");
        assertThat(SpecReports.backfillMean(series)).isEqualTo("25.0% (0.5/1.0)");
    }

    @Test
    void hostFilterHost1() {
        // Host filter host1: only PRO V100 and BRO V100 remain; |B| is unchanged (rules §2.8).
        AllocationReport host1 = allocation(harness, example, SpecExamples.exampleCHost1Query());
        assertThat(host1.deviceStats().keySet()).containsExactly("Priority-ResearcherOwned", "Backfill-ResearcherOwned");
        assertThat(host1.deviceStats().get("Priority-ResearcherOwned")).containsOnlyKeys(V100);
        assertThat(host1.deviceStats().get("Backfill-ResearcherOwned")).containsOnlyKeys(V100);
        assertThat(deviceStat(host1, GpuClass.PRO, V100)).isEqualTo(deviceStat(report, GpuClass.PRO, V100));
        assertThat(deviceStat(host1, GpuClass.BRO, V100)).isEqualTo(deviceStat(report, GpuClass.BRO, V100));
        assertThat(host1.metadata().numIntervals()).isEqualTo(2);
        assertThat(host1.metadata().hostFilter()).isEqualTo("host1");
        assertThat(realSlotsLabels(host1)).doesNotContain("Open Capacity (TOTAL) @0");
        assertThat(labels(host1.memoryTable())).containsExactly("TOTAL", "<48GB");
        assertThat(ratioCell(row(host1.memoryTable(), "<48GB"))).isEqualTo("33.3% (0.5/1.5)");
    }

    @Test
    void dedupPairPrimaryIsTheRepresentative() {
        // Add at 10:00 slot9@host1 and slot9_backfill@host1, both Claimed on one new GPU with PP project1: the primary
        // row is the representative (6 > 3).
        SpecExample withPair = SpecExamples.exampleCWithDedupPair();
        try (TopologyHarness pair = new TopologyHarness()) {
            pair.pipe(withPair.snapshots());
            AllocationReport b1 = bucket(pair, withPair, C.T1000);
            // The new GPU is PRO and claimed: PRO T 3 {001, 002, 009}, C 2 {001, 009} at 10:00.
            assertThat(counts(b1, GpuClass.PRO, V100)).isEqualTo("T 3 C 2");
            // Backfill classes use raw rows, so it is also BRO (claimed): T 3, C 2.
            assertThat(counts(b1, GpuClass.BRO, V100)).isEqualTo("T 3 C 2");
            // Had the backfill row won, the GPU would sit in Priority's unclaimed set (1/3) instead of claimed (2/3).
            TimeSeriesReport series = timeSeries(pair, withPair);
            assertThat(seriesRows(series).get(0)).isEqualTo("10:00 P 2/3 S 1/3 B 2/3");

            AllocationReport whole = allocation(pair, withPair);
            assertThat(whole.metadata().totalRecords()).isEqualTo(11);
            assertThat(deviceStat(whole, GpuClass.PRO, V100).avgClaimed()).isEqualTo(1.0);
            assertThat(deviceStat(whole, GpuClass.PRO, V100).avgTotalAvailable()).isEqualTo(2.0);
        }
    }
}
