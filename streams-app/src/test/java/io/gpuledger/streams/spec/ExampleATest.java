package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.allocation;
import static io.gpuledger.streams.spec.SpecReports.bucket;
import static io.gpuledger.streams.spec.SpecReports.deviceStat;
import static io.gpuledger.streams.spec.SpecReports.deviceTable;
import static io.gpuledger.streams.spec.SpecReports.group;
import static io.gpuledger.streams.spec.SpecReports.labels;
import static io.gpuledger.streams.spec.SpecReports.micros;
import static io.gpuledger.streams.spec.SpecReports.oneDecimal;
import static io.gpuledger.streams.spec.SpecReports.preventedCell;
import static io.gpuledger.streams.spec.SpecReports.ratioCell;
import static io.gpuledger.streams.spec.SpecReports.realSlotsLabels;
import static io.gpuledger.streams.spec.SpecReports.realSlotsRow;
import static io.gpuledger.streams.spec.SpecReports.row;
import static io.gpuledger.streams.spec.SpecReports.seriesRows;
import static io.gpuledger.streams.spec.SpecReports.subject;
import static io.gpuledger.streams.spec.SpecReports.timeSeries;
import static io.gpuledger.streams.spec.SpecReports.twoDecimals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples.A;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.MemoryStat;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.topology.TopologyHarness;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * rules §7.1, Example A: two snapshots, three machines (researcher R, CHTC-owned C, open-capacity S), 31 rows, piped
 * through the topology; query {@code hours-back 1} with the default end t2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleATest {

    private static final String L40S = SpecExamples.L40S;
    private static final String H100 = SpecExamples.H100;
    private static final String H200 = SpecExamples.H200;

    private final SpecExample example = SpecExamples.exampleA();
    private TopologyHarness harness;
    private AllocationReport report;

    @BeforeAll
    void pipeExampleA() {
        harness = new TopologyHarness();
        harness.pipe(example.snapshots());
        report = allocation(harness, example);
    }

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void windowAndMetadata() {
        // "31 rows. Query hours-back 1 with the default end = t2 (start 2025-11-03 09:15:04.987654), so |B| = 2."
        assertThat(example.size()).isEqualTo(31);
        assertThat(harness.latestSnapshotMicros()).isEqualTo(micros(A.T2));
        assertThat(report.metadata().windowStart()).isEqualTo("2025-11-03 09:15:04.987654");
        assertThat(report.metadata().windowEnd()).isEqualTo(A.T2);
        assertThat(report.metadata().numIntervals()).isEqualTo(2);
        assertThat(report.metadata().totalRecords()).isEqualTo(31);
        assertThat(report.metadata().excludedRecords()).isZero();
        assertThat(report.metadata().hoursBack()).isEqualTo(1);
        assertThat(report.metadata().startTime()).isEqualTo(A.T1);
        assertThat(report.metadata().endTime()).isEqualTo(A.T2);
        // "Data Period: 2025-11-03 10:00:05 to 2025-11-03 10:15:04" (times truncated to seconds).
        assertThat(report.metadata().startTime().substring(0, 19)).isEqualTo("2025-11-03 10:00:05");
        assertThat(report.metadata().endTime().substring(0, 19)).isEqualTo("2025-11-03 10:15:04");
        // The shipped exclusions are in use (the golden text's EXCLUDED HOSTS block), in document order.
        assertThat(report.metadata().excludedHosts()).containsExactly(
                java.util.Map.entry("voyles2000", "Prioritized via hardcoded start expression, not PrioritizedProjects"),
                java.util.Map.entry("gpulab2003", "Interactive slots only."),
                java.util.Map.entry("gpulab2004", "Interactive slots only."));
        assertThat(report.metadata().hostFilter()).isEmpty();
        assertThat(report.metadata().allDevices()).isFalse();
    }

    @Test
    void rawDeviceStats() {
        // Classes in class order, BOC included (raw output only); one device each.
        assertThat(report.deviceStats().keySet()).containsExactly("Priority-ResearcherOwned", "Priority-CHTCOwned",
                "Shared", "Backfill-ResearcherOwned", "Backfill-CHTCOwned", "Backfill-OpenCapacity");
        assertThat(report.deviceStats().get("Priority-ResearcherOwned")).containsOnlyKeys(L40S);
        assertThat(report.deviceStats().get("Priority-CHTCOwned")).containsOnlyKeys(H100);
        assertThat(report.deviceStats().get("Shared")).containsOnlyKeys(H200);
        assertThat(report.deviceStats().get("Backfill-ResearcherOwned")).containsOnlyKeys(L40S);
        assertThat(report.deviceStats().get("Backfill-CHTCOwned")).containsOnlyKeys(H100);
        assertThat(report.deviceStats().get("Backfill-OpenCapacity")).containsOnlyKeys(H200);

        // PRO L40S: T 4,4; C 1,2 -> 1.5 / 0 / 4.0, mean P_b 37.5 (r4 stays in PRO: primary Unclaimed 5 > backfill
        // Claimed 3).
        assertThat(deviceStat(report, GpuClass.PRO, L40S)).isEqualTo(new DeviceStat(1.5, 0.0, 4.0, 0.0, 37.5, 0.0, 2));
        // PCO H100: T 2,2; C 1,0.
        assertThat(deviceStat(report, GpuClass.PCO, H100)).isEqualTo(new DeviceStat(0.5, 0.0, 2.0, 0.0, 25.0, 0.0, 2));
        // Shared H200: T 2,2; C 1,1; D 0,1 (s1's d-slot Claimed beats the Drained p-slot; s2 is represented by it).
        assertThat(deviceStat(report, GpuClass.SHARED, H200))
                .isEqualTo(new DeviceStat(1.0, 0.5, 2.0, 0.0, 50.0, 25.0, 2));
        // BRO L40S: T 3 {r2,r3,r4}, 2 {r3,r4}; C 1,1 -> mean P_b (1/3 + 1/2) / 2 = 41.666...
        DeviceStat bro = deviceStat(report, GpuClass.BRO, L40S);
        assertThat(bro.avgClaimed()).isEqualTo(1.0);
        assertThat(bro.avgDrained()).isEqualTo(0.0);
        assertThat(bro.avgTotalAvailable()).isEqualTo(2.5);
        assertThat(bro.allocationUsagePercent()).isCloseTo(125.0 / 3, within(1e-9));
        assertThat(oneDecimal(bro.allocationUsagePercent())).isEqualTo("41.7");
        assertThat(bro.drainedPercent()).isEqualTo(0.0);
        assertThat(bro.numIntervals()).isEqualTo(2);
        // BCO H100: T 1,2; C 0,0.
        assertThat(deviceStat(report, GpuClass.BCO, H100)).isEqualTo(new DeviceStat(0.0, 0.0, 1.5, 0.0, 0.0, 0.0, 2));
        // BOC H200: T 1,-; C 0 -> available 0.5; the mean P_b is over the one bucket with data.
        assertThat(deviceStat(report, GpuClass.BOC, H200)).isEqualTo(new DeviceStat(0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 2));
    }

    @Test
    void perBucketCountsOfTheRawTable() {
        // One-bucket windows turn every average into that bucket's T_b / C_b / D_b.
        AllocationReport b1 = bucket(harness, example, "2025-11-03 10:00:00");
        AllocationReport b2 = bucket(harness, example, "2025-11-03 10:15:00");
        assertThat(b1.metadata().numIntervals()).isEqualTo(1);
        assertThat(b2.metadata().numIntervals()).isEqualTo(1);

        assertThat(counts(b1, GpuClass.PRO, L40S)).isEqualTo("T 4 C 1 D 0");
        assertThat(counts(b2, GpuClass.PRO, L40S)).isEqualTo("T 4 C 2 D 0");
        assertThat(counts(b1, GpuClass.PCO, H100)).isEqualTo("T 2 C 1 D 0");
        assertThat(counts(b2, GpuClass.PCO, H100)).isEqualTo("T 2 C 0 D 0");
        assertThat(counts(b1, GpuClass.SHARED, H200)).isEqualTo("T 2 C 1 D 0");
        assertThat(counts(b2, GpuClass.SHARED, H200)).isEqualTo("T 2 C 1 D 1");
        assertThat(counts(b1, GpuClass.BRO, L40S)).isEqualTo("T 3 C 1 D 0");
        assertThat(counts(b2, GpuClass.BRO, L40S)).isEqualTo("T 2 C 1 D 0");
        assertThat(counts(b1, GpuClass.BCO, H100)).isEqualTo("T 1 C 0 D 0");
        assertThat(counts(b2, GpuClass.BCO, H100)).isEqualTo("T 2 C 0 D 0");
        assertThat(counts(b1, GpuClass.BOC, H200)).isEqualTo("T 1 C 0 D 0");
        // "T 1, –": BOC has no GPU in b2, so the class does not exist there.
        assertThat(b2.deviceStats()).doesNotContainKey("Backfill-OpenCapacity");
    }

    private static String counts(AllocationReport oneBucket, GpuClass gpuClass, String device) {
        DeviceStat stat = deviceStat(oneBucket, gpuClass, device);
        return "T " + (int) stat.avgTotalAvailable() + " C " + (int) stat.avgClaimed() + " D " + (int) stat.avgDrained();
    }

    @Test
    void realSlotsTable() {
        // Rows in order with their levels; no Standard row (its available is 0) and no BOC anywhere.
        assertThat(realSlotsLabels(report)).containsExactly(
                "TOTAL (primary + secondary) @0",
                "Prioritized (TOTAL) @0",
                "Primary @1",
                "Researcher-Owned Hardware @2",
                "Researcher-Reserved Capacity @2",
                "Secondary (Backfill) @1",
                "Researcher-Owned Hardware (secondary) @2",
                "Researcher-Reserved Capacity (secondary) @2",
                "Open Capacity (TOTAL) @0",
                "Open Capacity (Flagship) @1");

        assertRow("TOTAL (primary + secondary)", 50.0, 4.0, 0.5, 8.0);
        assertRow("Prioritized (TOTAL)", 50.0, 3.0, 0.0, 6.0);
        assertRow("Researcher-Owned Hardware", 37.5, 1.5, 0.0, 4.0);
        assertRow("Researcher-Reserved Capacity", 25.0, 0.5, 0.0, 2.0);
        assertRow("Secondary (Backfill)", 25.0, 1.0, 0.0, 4.0);
        assertRow("Researcher-Owned Hardware (secondary)", 40.0, 1.0, 0.0, 2.5);
        assertRow("Researcher-Reserved Capacity (secondary)", 0.0, 0.0, 0.0, 1.5);
        assertRow("Open Capacity (TOTAL)", 50.0, 1.0, 0.5, 2.0);
        assertRow("Open Capacity (Flagship)", 50.0, 1.0, 0.5, 2.0);
        // Primary 33.3% (2.0/6.0): a repeating percentage.
        RealSlotsRow primary = realSlotsRow(report, "Primary");
        assertThat(primary.claimed()).isEqualTo(2.0);
        assertThat(primary.drained()).isEqualTo(0.0);
        assertThat(primary.available()).isEqualTo(6.0);
        assertThat(primary.allocatedPercent()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(ratioCell(primary)).isEqualTo("33.3% (2.0/6.0)");

        // Every Prevented cell is "—".
        assertThat(report.realSlots()).allSatisfy(row -> {
            assertThat(row.prevented()).isEqualTo(0.0);
            assertThat(preventedCell(row)).isEqualTo("—");
        });
    }

    private void assertRow(String label, double percent, double claimed, double drained, double available) {
        RealSlotsRow row = realSlotsRow(report, label);
        assertThat(row.allocatedPercent()).as("%s %%", label).isEqualTo(percent);
        assertThat(row.claimed()).as("%s claimed", label).isEqualTo(claimed);
        assertThat(row.drained()).as("%s drained", label).isEqualTo(drained);
        assertThat(row.available()).as("%s available", label).isEqualTo(available);
    }

    @Test
    void memoryTable() {
        // TOTAL 43.8% (3.5/8.0; 43.75 rounds half-even), 48GB 37.5% (1.5/4.0), 80GB 25.0% (0.5/2.0),
        // >80GB 75.0% (1.5/2.0, drained included).
        assertThat(labels(report.memoryTable())).containsExactly("TOTAL", "48GB", "80GB", ">80GB");
        assertThat(row(report.memoryTable(), "TOTAL").allocatedPercent()).isEqualTo(43.75);
        assertThat(ratioCell(row(report.memoryTable(), "TOTAL"))).isEqualTo("43.8% (3.5/8.0)");
        assertThat(ratioCell(row(report.memoryTable(), "48GB"))).isEqualTo("37.5% (1.5/4.0)");
        assertThat(ratioCell(row(report.memoryTable(), "80GB"))).isEqualTo("25.0% (0.5/2.0)");
        assertThat(ratioCell(row(report.memoryTable(), ">80GB"))).isEqualTo("75.0% (1.5/2.0)");
        assertThat(row(report.memoryTable(), ">80GB").allocated()).isEqualTo(1.5);

        // Raw memory stats, n_m = 2 for each.
        assertThat(report.memoryStats().keySet()).containsExactly("48GB", "80GB", ">80GB");
        assertThat(report.memoryStats().get("48GB")).isEqualTo(new MemoryStat(1.5, 0.0, 4.0, 37.5, 0.0, 2));
        assertThat(report.memoryStats().get("80GB")).isEqualTo(new MemoryStat(0.5, 0.0, 2.0, 25.0, 0.0, 2));
        assertThat(report.memoryStats().get(">80GB")).isEqualTo(new MemoryStat(1.0, 0.5, 2.0, 50.0, 25.0, 2));
    }

    @Test
    void deviceTables() {
        assertThat(report.deviceTables()).extracting(DeviceTable::classId).containsExactly(
                "Priority-ResearcherOwned", "Priority-CHTCOwned", "Shared", "Backfill-ResearcherOwned",
                "Backfill-CHTCOwned");
        assertThat(report.deviceTables()).extracting(DeviceTable::title).containsExactly(
                "Researcher-Owned Hardware", "Researcher-Reserved Capacity", "Open Capacity",
                "Researcher-Owned Hardware (secondary)", "Researcher-Reserved Capacity (secondary)");

        assertDeviceTable(GpuClass.PRO, "L40S", "37.5% (1.5/4.0)");
        assertDeviceTable(GpuClass.PCO, "H100 80GB", "25.0% (0.5/2.0)");
        // Open Capacity H200 is 75.0% (1.5/2.0): device tables count claimed + drained.
        assertDeviceTable(GpuClass.SHARED, "H200", "75.0% (1.5/2.0)");
        assertDeviceTable(GpuClass.BRO, "L40S", "40.0% (1.0/2.5)");
        assertDeviceTable(GpuClass.BCO, "H100 80GB", "0.0% (0.0/1.5)");
    }

    private void assertDeviceTable(GpuClass gpuClass, String shortName, String cell) {
        DeviceTable table = deviceTable(report, gpuClass);
        // TOTAL first, then the single device; each TOTAL equals its single row.
        assertThat(labels(table.rows())).containsExactly("TOTAL", shortName);
        assertThat(ratioCell(table.rows().get(1))).isEqualTo(cell);
        assertThat(ratioCell(table.rows().get(0))).isEqualTo(cell);
        assertThat(table.rows().get(0).allocated()).isEqualTo(table.rows().get(1).allocated());
        assertThat(table.rows().get(0).available()).isEqualTo(table.rows().get(1).available());
    }

    @Test
    void h200UserTable() {
        // N = 2; dave holds s1 in both buckets, so S = 2 and 2/2 × 1 = 1.0.
        UserTable h200 = report.h200UserStats();
        assertThat(h200.numBuckets()).isEqualTo(2);
        assertThat(h200.groups()).hasSize(1);
        UserTable.ClassGroup openCapacity = group(h200, GpuClass.SHARED);
        // "Open Capacity (1 users)" 1.0 (100.0%), dave 1.0.
        assertThat(openCapacity.label()).isEqualTo("Open Capacity");
        assertThat(openCapacity.users()).hasSize(1);
        assertThat(openCapacity.slotTotal()).isEqualTo(1.0);
        assertThat(openCapacity.percentOfTotal()).isEqualTo(100.0);
        assertThat(openCapacity.users()).containsExactly(new UserTable.UserLine(A.DAVE, 1.0, 100.0));
        assertThat(h200.users()).containsOnlyKeys(A.DAVE);
        assertThat(h200.users().get(A.DAVE).totalGpuHours()).isEqualTo(1.0);
        assertThat(h200.users().get(A.DAVE).slotBreakdown()).containsOnlyKeys("Shared");
        assertThat(h200.users().get(A.DAVE).slotBreakdown().get("Shared").gpuHours()).isEqualTo(1.0);
        assertThat(h200.users().get(A.DAVE).slotBreakdown().get("Shared").percentage()).isEqualTo(100.0);
    }

    @Test
    void backfillUserTable() {
        // N = 2; "Researcher-Owned Hardware (1 users)" 1.0, carol 1.0.
        UserTable backfill = report.backfillUserStats();
        assertThat(backfill.numBuckets()).isEqualTo(2);
        assertThat(backfill.groups()).hasSize(1);
        UserTable.ClassGroup bro = group(backfill, GpuClass.BRO);
        assertThat(bro.label()).isEqualTo("Researcher-Owned Hardware");
        assertThat(bro.slotTotal()).isEqualTo(1.0);
        assertThat(bro.percentOfTotal()).isEqualTo(100.0);
        assertThat(bro.users()).containsExactly(new UserTable.UserLine(A.CAROL, 1.0, 100.0));
        assertThat(backfill.users()).containsOnlyKeys(A.CAROL);
    }

    @Test
    void hoursBack24MultipliesByTheRequestedLength() {
        // "With hours-back 24 on the same data: dave 24.0 (and carol 24.0 in the backfill-user table, not here)."
        AllocationReport day = allocation(harness, example, SpecExamples.exampleAHours24Query());
        assertThat(day.metadata().numIntervals()).isEqualTo(2);
        assertThat(day.h200UserStats().numBuckets()).isEqualTo(2);
        assertThat(day.h200UserStats().users()).containsOnlyKeys(A.DAVE);
        assertThat(day.h200UserStats().users().get(A.DAVE).totalGpuHours()).isEqualTo(24.0);
        assertThat(day.backfillUserStats().users()).containsOnlyKeys(A.CAROL);
        assertThat(day.backfillUserStats().users().get(A.CAROL).totalGpuHours()).isEqualTo(24.0);
    }

    @Test
    void drainingZeroActiveAndPreventJobs() {
        // s1 is dropped (Claimed at the same timestamp); s2 is a single point: 1 host, 1 GPU, 1 interval, 0.25 h.
        DrainingStats draining = report.drainingStats();
        assertThat(draining.hasDraining()).isTrue();
        assertThat(draining.numHosts()).isEqualTo(1);
        assertThat(draining.numUniqueGpus()).isEqualTo(1);
        assertThat(draining.numIntervals()).isEqualTo(1);
        assertThat(draining.totalHours()).isEqualTo(0.25);
        assertThat(twoDecimals(draining.totalHours())).isEqualTo("0.25");
        assertThat(draining.perHost()).containsOnlyKeys(A.S);
        assertThat(draining.perHost().get(A.S)).isEqualTo(new DrainingStats.HostDraining(1, 1, 0.25));
        assertThat(draining.intervals()).containsExactly(new DrainingStats.Interval(A.S, A.S2, A.T2, A.T2, 0.25));

        // Zero-active: none. PreventJobsReason: empty.
        assertThat(report.zeroActiveMachines().totalMachines()).isZero();
        assertThat(report.zeroActiveMachines().totalGpusIdle()).isZero();
        assertThat(report.zeroActiveMachines().machines()).isEmpty();
        assertThat(report.preventJobsStats().hasPreventJobs()).isFalse();
        assertThat(report.preventJobsStats().numHosts()).isZero();
        assertThat(report.preventJobsStats().numUniqueGpus()).isZero();
        assertThat(report.preventJobsStats().perHost()).isEmpty();
        assertThat(report.preventJobsStats().byReason()).isEmpty();
        assertThat(report.preventJobsStats().pjBuckets()).isZero();
    }

    @Test
    void subjectPercentages() {
        // (37.5% | 25.0% | 50.0% | 25.0%); the last part is (1.0 + 0.0)/(2.5 + 1.5).
        assertThat(report.subjectPercentages()).containsExactly(37.5, 25.0, 50.0, 25.0);
        assertThat(subject(report)).isEqualTo("(37.5% | 25.0% | 50.0% | 25.0%)");
    }

    @Test
    void timeSeries15Minutes() {
        TimeSeriesReport series = timeSeries(harness, example);
        // 10:00 Priority 2/6, Shared 1/2, Backfill 1/5; 10:15 Priority 2/6, Shared 1/1 (the Drained s2 is in
        // neither set), Backfill 1/4.
        assertThat(seriesRows(series)).containsExactly(
                "10:00 P 2/6 S 1/2 B 1/5",
                "10:15 P 2/6 S 1/1 B 1/4");
        assertThat(series.rows()).extracting(TimeSeriesReport.Row::timestamp)
                .containsExactly("2025-11-03 10:00:00", "2025-11-03 10:15:00");
        TimeSeriesReport.Row first = series.rows().get(0);
        TimeSeriesReport.Row second = series.rows().get(1);
        assertThat(first.priorityUsagePercent()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(first.sharedUsagePercent()).isEqualTo(50.0);
        assertThat(first.backfillUsagePercent()).isEqualTo(20.0);
        assertThat(second.priorityUsagePercent()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(second.sharedUsagePercent()).isEqualTo(100.0);
        assertThat(second.backfillUsagePercent()).isEqualTo(25.0);

        // Text means: Priority 33.3% (2.0/6.0), Shared 75.0% (1.0/1.5), Backfill 22.5% (1.0/4.5).
        assertThat(SpecReports.priorityMean(series)).isEqualTo("33.3% (2.0/6.0)");
        assertThat(SpecReports.sharedMean(series)).isEqualTo("75.0% (1.0/1.5)");
        assertThat(SpecReports.backfillMean(series)).isEqualTo("22.5% (1.0/4.5)");
        assertThat(series.metadata().numIntervals()).isEqualTo(2);
    }

    @Test
    void noBackfillOpenCapacityOutsideTheRawOutput() {
        // BOC only in device_stats: never in a summary table, total, subject or user table (rules §2.5).
        assertThat(report.deviceTables()).extracting(DeviceTable::classId).doesNotContain("Backfill-OpenCapacity");
        assertThat(report.h200UserStats().groups()).extracting(UserTable.ClassGroup::classId)
                .doesNotContain("Backfill-OpenCapacity");
        assertThat(report.backfillUserStats().groups()).extracting(UserTable.ClassGroup::classId)
                .doesNotContain("Backfill-OpenCapacity");
        assertThat(report.preventJobsStats().perClassAvg()).doesNotContainKey("Backfill-OpenCapacity");
        assertThat(List.copyOf(report.subjectPercentages())).hasSize(4);
    }
}
