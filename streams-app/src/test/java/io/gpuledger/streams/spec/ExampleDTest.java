package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.allocation;
import static io.gpuledger.streams.spec.SpecReports.config;
import static io.gpuledger.streams.spec.SpecReports.deviceStat;
import static io.gpuledger.streams.spec.SpecReports.group;
import static io.gpuledger.streams.spec.SpecReports.labels;
import static io.gpuledger.streams.spec.SpecReports.preventedCell;
import static io.gpuledger.streams.spec.SpecReports.ratioCell;
import static io.gpuledger.streams.spec.SpecReports.realSlotsLabels;
import static io.gpuledger.streams.spec.SpecReports.realSlotsRow;
import static io.gpuledger.streams.spec.SpecReports.row;
import static io.gpuledger.streams.spec.SpecReports.twoDecimals;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples.D;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.MemoryStat;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.PreventJobsStats;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.report.ZeroActiveMachines;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryWindow;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * rules §7.4, Example D: a CHTC machine (gpu2), a drained GPU, a prevented GPU on an old device (P100) and the
 * {@code all-devices} switch; {@code chtc_owned} = {gpu2}, end-time 10:30, {@code hours-back 1}; plus its monthly
 * summary for May 2026.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleDTest {

    private static final String A100_40 = D.A100_40;
    private static final String H200 = SpecExamples.H200;
    private static final String P100 = D.P100;
    private static final String R = SpecExamples.GPU_UNHEALTHY;

    private final SpecExample example = SpecExamples.exampleD();
    private TopologyHarness harness;
    /** Default: old devices filtered. */
    private AllocationReport filtered;
    private AllocationReport allDevices;

    @BeforeAll
    void pipeExampleD() {
        harness = new TopologyHarness();
        harness.pipe(example.snapshots());
        filtered = allocation(harness, example);
        allDevices = allocation(harness, example, SpecExamples.exampleDAllDevicesQuery());
    }

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void window() {
        // end-time 2026-05-15 10:30:00, hours-back 1, so |B| = 2 (b1 10:00, b2 10:15); 14 rows.
        for (AllocationReport report : List.of(filtered, allDevices)) {
            assertThat(report.metadata().numIntervals()).isEqualTo(2);
            assertThat(report.metadata().totalRecords()).isEqualTo(14);
            assertThat(report.metadata().windowStart()).startsWith("2026-05-15 09:30:00");
            assertThat(report.metadata().windowEnd()).startsWith("2026-05-15 10:30:00");
            assertThat(report.metadata().startTime()).startsWith(D.B1);
            assertThat(report.metadata().endTime()).startsWith(D.B2);
        }
        assertThat(filtered.metadata().allDevices()).isFalse();
        assertThat(allDevices.metadata().allDevices()).isTrue();
    }

    @Test
    void deviceStats() {
        for (AllocationReport report : List.of(filtered, allDevices)) {
            // PRO A100 40GB 1.0 claimed, 0.5 drained, 2.0 total (mean P_b 50.0, drained % 25.0).
            assertThat(deviceStat(report, GpuClass.PRO, A100_40))
                    .isEqualTo(new DeviceStat(1.0, 0.5, 2.0, 0.0, 50.0, 25.0, 2));
            // PCO H200 1.0/1.0.
            DeviceStat pco = deviceStat(report, GpuClass.PCO, H200);
            assertThat(pco.avgClaimed()).isEqualTo(1.0);
            assertThat(pco.avgTotalAvailable()).isEqualTo(1.0);
            // BRO A100 40GB 0.5/1.0; BCO H200 0.5/1.0.
            assertThat(deviceStat(report, GpuClass.BRO, A100_40).avgClaimed()).isEqualTo(0.5);
            assertThat(deviceStat(report, GpuClass.BRO, A100_40).avgTotalAvailable()).isEqualTo(1.0);
            assertThat(deviceStat(report, GpuClass.BCO, H200).avgClaimed()).isEqualTo(0.5);
            assertThat(deviceStat(report, GpuClass.BCO, H200).avgTotalAvailable()).isEqualTo(1.0);
        }
        // Shared P100 0.0/2.0 with avg_prevented 1.0 (GPU-3A's representative has rank 2). Shared exists only with
        // all-devices.
        assertThat(deviceStat(allDevices, GpuClass.SHARED, P100))
                .isEqualTo(new DeviceStat(0.0, 0.0, 2.0, 1.0, 0.0, 0.0, 2));
        assertThat(filtered.deviceStats()).doesNotContainKey("Shared");
        assertThat(filtered.deviceStats().keySet()).containsExactly("Priority-ResearcherOwned", "Priority-CHTCOwned",
                "Backfill-ResearcherOwned", "Backfill-CHTCOwned");
        assertThat(allDevices.deviceStats().keySet()).containsExactly("Priority-ResearcherOwned",
                "Priority-CHTCOwned", "Shared", "Backfill-ResearcherOwned", "Backfill-CHTCOwned");
    }

    @Test
    void realSlotsAllDevices() {
        assertThat(realSlotsLabels(allDevices)).containsExactly(
                "TOTAL (primary + secondary) @0",
                "Prioritized (TOTAL) @0",
                "Primary @1",
                "Researcher-Owned Hardware @2",
                "Researcher-Reserved Capacity @2",
                "Secondary (Backfill) @1",
                "Researcher-Owned Hardware (secondary) @2",
                "Researcher-Reserved Capacity (secondary) @2",
                "Open Capacity (TOTAL) @0",
                "Open Capacity (Standard) @1");
        // TOTAL 60.0% (3.0/5.0), drained 0.5, prevented 1.0.
        assertRow(allDevices, "TOTAL (primary + secondary)", 60.0, 3.0, 0.5, 5.0, "1.0");
        assertCommonRows(allDevices);
        // Open Capacity (TOTAL) / (Standard) 0.0% (0.0/2.0), prevented 1.0.
        assertRow(allDevices, "Open Capacity (TOTAL)", 0.0, 0.0, 0.0, 2.0, "1.0");
        assertRow(allDevices, "Open Capacity (Standard)", 0.0, 0.0, 0.0, 2.0, "1.0");
    }

    @Test
    void realSlotsFiltered() {
        assertThat(realSlotsLabels(filtered)).containsExactly(
                "TOTAL (primary + secondary) @0",
                "Prioritized (TOTAL) @0",
                "Primary @1",
                "Researcher-Owned Hardware @2",
                "Researcher-Reserved Capacity @2",
                "Secondary (Backfill) @1",
                "Researcher-Owned Hardware (secondary) @2",
                "Researcher-Reserved Capacity (secondary) @2");
        // TOTAL 100.0% (3.0/3.0), drained 0.5, prevented —; the rest as with all-devices; Open Capacity not shown.
        assertRow(filtered, "TOTAL (primary + secondary)", 100.0, 3.0, 0.5, 3.0, "—");
        assertCommonRows(filtered);
    }

    /** The rows both columns of rules §7.4's Real Slots table share ("same"). */
    private static void assertCommonRows(AllocationReport report) {
        // Prioritized (TOTAL) 100.0% (3.0/3.0), drained 0.5, —.
        assertRow(report, "Prioritized (TOTAL)", 100.0, 3.0, 0.5, 3.0, "—");
        // Primary 66.7% (2.0/3.0), drained 0.5.
        RealSlotsRow primary = realSlotsRow(report, "Primary");
        assertThat(ratioCell(primary)).isEqualTo("66.7% (2.0/3.0)");
        assertThat(primary.drained()).isEqualTo(0.5);
        assertThat(preventedCell(primary)).isEqualTo("—");
        // Researcher-Owned Hardware 50.0% (1.0/2.0), drained 0.5 / Researcher-Reserved Capacity 100.0% (1.0/1.0).
        assertRow(report, "Researcher-Owned Hardware", 50.0, 1.0, 0.5, 2.0, "—");
        assertRow(report, "Researcher-Reserved Capacity", 100.0, 1.0, 0.0, 1.0, "—");
        // Secondary (Backfill) 50.0% (1.0/2.0); the (secondary) rows 50.0% (0.5/1.0) each.
        assertRow(report, "Secondary (Backfill)", 50.0, 1.0, 0.0, 2.0, "—");
        assertRow(report, "Researcher-Owned Hardware (secondary)", 50.0, 0.5, 0.0, 1.0, "—");
        assertRow(report, "Researcher-Reserved Capacity (secondary)", 50.0, 0.5, 0.0, 1.0, "—");
    }

    private static void assertRow(AllocationReport report, String label, double percent, double claimed,
                                  double drained, double available, String prevented) {
        RealSlotsRow row = realSlotsRow(report, label);
        assertThat(row.allocatedPercent()).as("%s %%", label).isEqualTo(percent);
        assertThat(row.claimed()).as("%s claimed", label).isEqualTo(claimed);
        assertThat(row.drained()).as("%s drained", label).isEqualTo(drained);
        assertThat(row.available()).as("%s available", label).isEqualTo(available);
        assertThat(preventedCell(row)).as("%s prevented", label).isEqualTo(prevented);
    }

    @Test
    void memoryTable() {
        // all-devices: TOTAL 50.0% (2.5/5.0); <48GB 37.5% (1.5/4.0) [stored mean P_b 25.0]; >80GB 100.0% (1.0/1.0).
        assertThat(labels(allDevices.memoryTable())).containsExactly("TOTAL", "<48GB", ">80GB");
        assertThat(ratioCell(row(allDevices.memoryTable(), "TOTAL"))).isEqualTo("50.0% (2.5/5.0)");
        assertThat(ratioCell(row(allDevices.memoryTable(), "<48GB"))).isEqualTo("37.5% (1.5/4.0)");
        assertThat(ratioCell(row(allDevices.memoryTable(), ">80GB"))).isEqualTo("100.0% (1.0/1.0)");
        assertThat(row(allDevices.memoryTable(), "TOTAL").allocatedPercent()).isEqualTo(50.0);
        assertThat(row(allDevices.memoryTable(), "<48GB").allocatedPercent()).isEqualTo(37.5);
        assertThat(allDevices.memoryStats().get("<48GB")).isEqualTo(new MemoryStat(1.0, 0.5, 4.0, 25.0, 12.5, 2));
        assertThat(allDevices.memoryStats().get(">80GB")).isEqualTo(new MemoryStat(1.0, 0.0, 1.0, 100.0, 0.0, 2));

        // filtered: TOTAL 83.3% (2.5/3.0); <48GB 75.0% (1.5/2.0) [50.0]; >80GB 100.0% (1.0/1.0).
        assertThat(labels(filtered.memoryTable())).containsExactly("TOTAL", "<48GB", ">80GB");
        assertThat(ratioCell(row(filtered.memoryTable(), "TOTAL"))).isEqualTo("83.3% (2.5/3.0)");
        assertThat(ratioCell(row(filtered.memoryTable(), "<48GB"))).isEqualTo("75.0% (1.5/2.0)");
        assertThat(ratioCell(row(filtered.memoryTable(), ">80GB"))).isEqualTo("100.0% (1.0/1.0)");
        assertThat(row(filtered.memoryTable(), "<48GB").allocatedPercent()).isEqualTo(75.0);
        assertThat(filtered.memoryStats().get("<48GB")).isEqualTo(new MemoryStat(1.0, 0.5, 2.0, 50.0, 25.0, 2));
        assertThat(filtered.memoryStats().get(">80GB")).isEqualTo(new MemoryStat(1.0, 0.0, 1.0, 100.0, 0.0, 2));
    }

    @Test
    void h200UserTable() {
        // N = 2: bob 1.0 h (Researcher-Reserved Capacity); dave 0.5 h (Researcher-Reserved Capacity (secondary)).
        for (AllocationReport report : List.of(filtered, allDevices)) {
            UserTable h200 = report.h200UserStats();
            assertThat(h200.numBuckets()).isEqualTo(2);
            assertThat(h200.groups()).extracting(UserTable.ClassGroup::label)
                    .containsExactly("Researcher-Reserved Capacity", "Researcher-Reserved Capacity (secondary)");
            assertThat(group(h200, GpuClass.PCO).users()).extracting(UserTable.UserLine::user, UserTable.UserLine::gpuHours)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(D.BOB, 1.0));
            assertThat(group(h200, GpuClass.BCO).users()).extracting(UserTable.UserLine::user, UserTable.UserLine::gpuHours)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(D.DAVE, 0.5));
            assertThat(h200.users().keySet()).containsExactly(D.BOB, D.DAVE);
        }
    }

    @Test
    void backfillUserTable() {
        // N = 2: carol 0.5 (Researcher-Owned Hardware); dave 0.5 (Researcher-Reserved Capacity).
        for (AllocationReport report : List.of(filtered, allDevices)) {
            UserTable backfill = report.backfillUserStats();
            assertThat(backfill.numBuckets()).isEqualTo(2);
            assertThat(backfill.groups()).extracting(UserTable.ClassGroup::label)
                    .containsExactly("Researcher-Owned Hardware", "Researcher-Reserved Capacity");
            assertThat(group(backfill, GpuClass.BRO).users()).containsExactly(new UserTable.UserLine(D.CAROL, 0.5, 50.0));
            assertThat(group(backfill, GpuClass.BCO).users()).containsExactly(new UserTable.UserLine(D.DAVE, 0.5, 50.0));
        }
    }

    @Test
    void zeroActiveMachines() {
        // all-devices: gpu3.chtc.wisc.edu, Tesla P100-PCIE-16GB, 2 GPUs, 4 observations, projects ∅ (shown Open
        // Capacity), avg backfill 0.0.
        ZeroActiveMachines all = allDevices.zeroActiveMachines();
        assertThat(all.totalMachines()).isEqualTo(1);
        assertThat(all.totalGpusIdle()).isEqualTo(2);
        assertThat(all.machines()).containsExactly(new ZeroActiveMachines.Machine(D.GPU3, P100, "Tesla P100 16GB",
                2, 0, 4, List.of(), 0.0));
        // Filtered: none (P100 is old).
        assertThat(filtered.zeroActiveMachines().totalMachines()).isZero();
        assertThat(filtered.zeroActiveMachines().totalGpusIdle()).isZero();
        assertThat(filtered.zeroActiveMachines().machines()).isEmpty();
    }

    @Test
    void preventJobsInBothModes() {
        // 1 host, 1 GPU; gpu3 last seen 2026-05-15 10:15, Active; pj_buckets 2, total_buckets 2, so no sparse note.
        for (AllocationReport report : List.of(filtered, allDevices)) {
            PreventJobsStats prevent = report.preventJobsStats();
            assertThat(prevent.hasPreventJobs()).isTrue();
            assertThat(prevent.numHosts()).isEqualTo(1);
            assertThat(prevent.numUniqueGpus()).isEqualTo(1);
            assertThat(prevent.perHost()).containsOnlyKeys(D.GPU3);
            assertThat(prevent.perHost().get(D.GPU3))
                    .isEqualTo(new PreventJobsStats.HostPrevent(1, List.of(R), "2026-05-15 10:15", true));
            assertThat(prevent.byReason()).containsOnlyKeys(R);
            assertThat(prevent.byReason().get(R)).isEqualTo(new PreventJobsStats.ReasonCount(1, 1));
            assertThat(prevent.pjBuckets()).isEqualTo(2);
            assertThat(prevent.totalBuckets()).isEqualTo(2);
            assertThat(prevent.sparse()).isFalse();
        }
        // The per-class prevented figures are those Real Slots shows: Shared 1.0 only with all-devices.
        assertThat(allDevices.preventJobsStats().perClassAvg()).containsEntry("Shared", 1.0);
        assertThat(allDevices.preventJobsStats().perDeviceAvg().get("Shared")).containsEntry(P100, 1.0);
        assertThat(filtered.preventJobsStats().perClassAvg()).doesNotContainKey("Shared");
        assertThat(filtered.preventJobsStats().perClassAvg().values()).containsOnly(0.0);
    }

    @Test
    void draining() {
        // GPU-1B at b2 gives 1 host, 1 GPU, 1 interval, 0.25 h (both modes: no device filter).
        for (AllocationReport report : List.of(filtered, allDevices)) {
            DrainingStats draining = report.drainingStats();
            assertThat(draining.numHosts()).isEqualTo(1);
            assertThat(draining.numUniqueGpus()).isEqualTo(1);
            assertThat(draining.numIntervals()).isEqualTo(1);
            assertThat(draining.totalHours()).isEqualTo(0.25);
            assertThat(twoDecimals(draining.totalHours())).isEqualTo("0.25");
            assertThat(draining.intervals()).extracting(DrainingStats.Interval::machine, DrainingStats.Interval::gpu)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(D.GPU1, "GPU-1B"));
            assertThat(draining.intervals().get(0).start()).startsWith(D.B2);
        }
    }

    @Test
    void subject() {
        // all-devices (50.0% | 100.0% | 0.0% | 50.0%); filtered (50.0% | 100.0% | 50.0%).
        assertThat(allDevices.subjectPercentages()).containsExactly(50.0, 100.0, 0.0, 50.0);
        assertThat(filtered.subjectPercentages()).containsExactly(50.0, 100.0, 50.0);
        assertThat(SpecReports.subject(allDevices)).isEqualTo("(50.0% | 100.0% | 0.0% | 50.0%)");
        assertThat(SpecReports.subject(filtered)).isEqualTo("(50.0% | 100.0% | 50.0%)");
    }

    @Test
    void monthlyMay2026() {
        // Monthly, end-time 2026-06-01 00:00:00 → May 2026 (the calendar month before end's month, rules §4.11).
        ExampleQuery monthlyQuery = SpecExamples.exampleDMonthlyQuery();
        YearMonth month = YearMonth.from(monthlyQuery.endTime()).minusMonths(1);
        assertThat(month).isEqualTo(YearMonth.of(2026, 5));
        QueryWindow window = ReportEngine.monthWindow(month);
        MonthlyReport monthly = ReportEngine.monthly(harness.source(window), month, config(monthlyQuery));

        // Window [2026-05-01 00:00:00, 2026-06-01 00:00:00].
        assertThat(window.start()).isEqualTo(SnapshotTime.parse("2026-05-01 00:00:00"));
        assertThat(window.end()).isEqualTo(SnapshotTime.parse("2026-06-01 00:00:00"));
        assertThat(SnapshotTime.parse(monthly.metadata().windowStart())).isEqualTo(window.start());
        assertThat(SnapshotTime.parse(monthly.metadata().windowEnd())).isEqualTo(window.end());
        assertThat(monthly.month()).isEqualTo("May 2026");
        assertThat(monthly.startDate()).isEqualTo("2026-05-01 00:00:00");
        assertThat(monthly.endDate()).isEqualTo("2026-05-31 23:59:59");
        // 14 rows, unique_intervals 2, total_hours 744.
        assertThat(monthly.dataCoverage().totalRecords()).isEqualTo(14);
        assertThat(monthly.dataCoverage().uniqueIntervals()).isEqualTo(2);
        assertThat(monthly.totalHours()).isEqualTo(744);
        assertThat(monthly.metadata().hoursBack()).isEqualTo(744);
        // Device and memory numbers as above (filtered: all-devices is off).
        assertThat(monthly.deviceStats()).isEqualTo(filtered.deviceStats());
        assertThat(monthly.memoryStats()).isEqualTo(filtered.memoryStats());
        assertThat(monthly.realSlots()).isEqualTo(filtered.realSlots());
        // H200 bob 2/2 × 744 = 744.0 h, dave 372.0 h.
        assertThat(monthly.h200UserStats().numBuckets()).isEqualTo(2);
        assertThat(monthly.h200UserStats().users().get(D.BOB).totalGpuHours()).isEqualTo(744.0);
        assertThat(monthly.h200UserStats().users().get(D.DAVE).totalGpuHours()).isEqualTo(372.0);
        assertThat(monthly.h200UserStats().users()).containsOnlyKeys(D.BOB, D.DAVE);
        // Draining and PreventJobsReason over the month.
        assertThat(monthly.drainingStats()).isEqualTo(filtered.drainingStats());
        assertThat(monthly.preventJobsStats().perHost()).isEqualTo(filtered.preventJobsStats().perHost());
    }
}
