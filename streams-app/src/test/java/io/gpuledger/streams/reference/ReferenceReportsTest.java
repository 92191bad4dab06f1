package io.gpuledger.streams.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.window.QueryConfig;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference checked against numbers rules §7 states, so that a bug in the reference cannot hide the same bug in the
 * engine.
 */
class ReferenceReportsTest {

    private static final double EPS = 1e-12;

    private static QueryConfig config(ExampleQuery query) {
        return new QueryConfig(query.chtcOwned(), query.exclusions(), query.hostFilter(), query.allDevices());
    }

    private static AllocationReport allocation(SpecExample example) {
        return allocation(example, example.query());
    }

    private static AllocationReport allocation(SpecExample example, ExampleQuery query) {
        ReferenceReports reference = ReferenceReports.of(example.snapshots());
        LocalDateTime end = query.endTime() != null ? query.endTime() : reference.latestTimestamp();
        return reference.allocation(end, query.hoursBack(), config(query));
    }

    private static TimeSeriesReport timeSeries(SpecExample example) {
        ReferenceReports reference = ReferenceReports.of(example.snapshots());
        ExampleQuery query = example.query();
        LocalDateTime end = query.endTime() != null ? query.endTime() : reference.latestTimestamp();
        return reference.timeSeries(end, query.hoursBack(), config(query), 15);
    }

    private static RealSlotsRow row(AllocationReport report, String label) {
        return report.realSlots().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no Real Slots row " + label + " in " + report.realSlots()));
    }

    private static void assertRow(RealSlotsRow row, double claimed, double available, double drained) {
        assertThat(row.claimed()).as(row.label() + " claimed").isCloseTo(claimed, within(EPS));
        assertThat(row.available()).as(row.label() + " available").isCloseTo(available, within(EPS));
        assertThat(row.drained()).as(row.label() + " drained").isCloseTo(drained, within(EPS));
        assertThat(row.allocatedPercent()).as(row.label() + " %")
                .isCloseTo(available == 0 ? 0.0 : claimed / available * 100, within(1e-9));
    }

    private static DeviceStat stat(AllocationReport report, String classId, String device) {
        return report.deviceStats().get(classId).get(device);
    }

    private static double hours(UserTable table, String user) {
        return table.users().get(user).totalGpuHours();
    }

    // --- 7.1 Example A ---

    @Test
    void exampleA_realSlotsDeviceStatsAndMemory() {
        AllocationReport a = allocation(SpecExamples.exampleA());
        ReportMetadata metadata = a.metadata();
        assertThat(metadata.numIntervals()).isEqualTo(2);
        assertThat(metadata.totalRecords()).isEqualTo(31);
        assertThat(metadata.windowStart()).isEqualTo("2025-11-03 09:15:04.987654");

        assertThat(a.realSlots()).extracting(RealSlotsRow::label).containsExactly(
                "TOTAL (primary + secondary)", "Prioritized (TOTAL)", "Primary", "Researcher-Owned Hardware",
                "Researcher-Reserved Capacity", "Secondary (Backfill)", "Researcher-Owned Hardware (secondary)",
                "Researcher-Reserved Capacity (secondary)", "Open Capacity (TOTAL)", "Open Capacity (Flagship)");
        assertRow(row(a, "TOTAL (primary + secondary)"), 4.0, 8.0, 0.5);
        assertRow(row(a, "Prioritized (TOTAL)"), 3.0, 6.0, 0.0);
        assertRow(row(a, "Primary"), 2.0, 6.0, 0.0);
        assertRow(row(a, "Researcher-Owned Hardware"), 1.5, 4.0, 0.0);
        assertRow(row(a, "Researcher-Reserved Capacity"), 0.5, 2.0, 0.0);
        assertRow(row(a, "Secondary (Backfill)"), 1.0, 4.0, 0.0);
        assertRow(row(a, "Researcher-Owned Hardware (secondary)"), 1.0, 2.5, 0.0);
        assertRow(row(a, "Researcher-Reserved Capacity (secondary)"), 0.0, 1.5, 0.0);
        assertRow(row(a, "Open Capacity (TOTAL)"), 1.0, 2.0, 0.5);

        assertThat(stat(a, "Backfill-ResearcherOwned", "NVIDIA L40S").allocationUsagePercent())
                .isCloseTo(125.0 / 3, within(1e-12)); // 41.666…: mean of 1/3 and 1/2
        assertThat(stat(a, "Priority-ResearcherOwned", "NVIDIA L40S").allocationUsagePercent()).isEqualTo(37.5);
        assertThat(stat(a, "Shared", "NVIDIA H200").drainedPercent()).isEqualTo(25.0);
        DeviceStat boc = stat(a, "Backfill-OpenCapacity", "NVIDIA H200");
        assertThat(boc.avgTotalAvailable()).isEqualTo(0.5);
        assertThat(boc.allocationUsagePercent()).isEqualTo(0.0);
        assertThat(a.deviceStats().keySet()).containsExactly("Priority-ResearcherOwned", "Priority-CHTCOwned",
                "Shared", "Backfill-ResearcherOwned", "Backfill-CHTCOwned", "Backfill-OpenCapacity");

        assertThat(a.memoryTable()).extracting(RatioRow::label).containsExactly("TOTAL", "48GB", "80GB", ">80GB");
        RatioRow memoryTotal = a.memoryTable().get(0);
        assertThat(memoryTotal.allocatedPercent()).isEqualTo(43.75);
        assertThat(memoryTotal.allocated()).isEqualTo(3.5);
        assertThat(memoryTotal.available()).isEqualTo(8.0);
        assertThat(a.memoryStats().get(">80GB").numIntervals()).isEqualTo(2);
        assertThat(a.memoryTable().get(3).allocatedPercent()).isEqualTo(75.0);

        RatioRow openCapacityH200 = a.deviceTables().get(2).rows().get(1);
        assertThat(a.deviceTables().get(2).title()).isEqualTo("Open Capacity");
        assertThat(openCapacityH200.label()).isEqualTo("H200");
        assertThat(openCapacityH200.allocatedPercent()).isEqualTo(75.0);
        assertThat(a.subjectPercentages()).containsExactly(37.5, 25.0, 50.0, 25.0);
    }

    @Test
    void exampleA_usersDrainingAndTimeSeries() {
        AllocationReport a = allocation(SpecExamples.exampleA());
        assertThat(a.h200UserStats().numBuckets()).isEqualTo(2);
        assertThat(a.h200UserStats().users()).containsOnlyKeys("dave@chtc.wisc.edu");
        assertThat(hours(a.h200UserStats(), "dave@chtc.wisc.edu")).isEqualTo(1.0);
        assertThat(a.h200UserStats().groups()).singleElement()
                .satisfies(g -> assertThat(g.label()).isEqualTo("Open Capacity"));
        assertThat(a.backfillUserStats().groups()).singleElement()
                .satisfies(g -> assertThat(g.label()).isEqualTo("Researcher-Owned Hardware"));
        assertThat(hours(a.backfillUserStats(), "carol@chtc.wisc.edu")).isEqualTo(1.0);

        AllocationReport a24 = allocation(SpecExamples.exampleA(), SpecExamples.exampleAHours24Query());
        assertThat(hours(a24.h200UserStats(), "dave@chtc.wisc.edu")).isEqualTo(24.0);
        assertThat(hours(a24.backfillUserStats(), "carol@chtc.wisc.edu")).isEqualTo(24.0);

        assertThat(a.drainingStats().numHosts()).isEqualTo(1);
        assertThat(a.drainingStats().numUniqueGpus()).isEqualTo(1);
        assertThat(a.drainingStats().numIntervals()).isEqualTo(1);
        assertThat(a.drainingStats().totalHours()).isEqualTo(0.25);
        assertThat(a.zeroActiveMachines().totalMachines()).isZero();
        assertThat(a.preventJobsStats().hasPreventJobs()).isFalse();

        List<TimeSeriesReport.Row> rows = timeSeries(SpecExamples.exampleA()).rows();
        assertThat(rows).hasSize(2);
        assertCounts(rows.get(0), 2, 6, 1, 2, 1, 5);
        assertCounts(rows.get(1), 2, 6, 1, 1, 1, 4);
    }

    private static void assertCounts(TimeSeriesReport.Row row, int pc, int pt, int sc, int st, int bc, int bt) {
        assertThat(new int[] {row.priorityClaimed(), row.priorityTotal(), row.sharedClaimed(), row.sharedTotal(),
                row.backfillClaimed(), row.backfillTotal()}).as(row.timestamp())
                .containsExactly(pc, pt, sc, st, bc, bt);
    }

    // --- 7.2 Example B ---

    @Test
    void exampleB_splitBucketsAndOutage() {
        SpecExample b = SpecExamples.exampleB();
        AllocationReport report = allocation(b);
        assertThat(report.metadata().numIntervals()).isEqualTo(3);
        DeviceStat h200 = stat(report, "Shared", "NVIDIA H200");
        assertThat(h200.avgClaimed()).isEqualTo(1.0 / 3);
        assertThat(h200.avgDrained()).isEqualTo(1.0 / 3);
        assertThat(h200.avgTotalAvailable()).isEqualTo(1.0);
        assertThat(h200.allocationUsagePercent()).isCloseTo(100.0 / 3, within(EPS));
        assertThat(h200.drainedPercent()).isCloseTo(100.0 / 3, within(EPS));
        assertThat(report.deviceTables().get(0).rows().get(1).allocatedPercent()).isCloseTo(200.0 / 3, within(EPS));
        assertThat(report.memoryStats().get(">80GB").numIntervals()).isEqualTo(3);
        assertThat(report.h200UserStats().numBuckets()).isEqualTo(3);
        assertThat(hours(report.h200UserStats(), "u@x")).isEqualTo(1.0 / 3);
        assertThat(report.drainingStats().intervals()).singleElement()
                .satisfies(i -> assertThat(i.hours()).isCloseTo(1.0 / 6, within(EPS)));
        assertThat(report.metadata().gaps()).extracting(ReportMetadata.Gap::start).contains("2025-11-03 10:30:00");

        List<TimeSeriesReport.Row> rows = timeSeries(b).rows();
        assertThat(rows).extracting(TimeSeriesReport.Row::timestamp)
                .containsExactly("2025-11-03 10:00:00", "2025-11-03 10:15:00", "2025-11-03 10:45:00");
        assertCounts(rows.get(0), 0, 0, 1, 2, 0, 0);
        assertCounts(rows.get(1), 0, 0, 0, 0, 0, 0);
        assertCounts(rows.get(2), 0, 0, 0, 1, 0, 0);
    }

    // --- 7.3 Example C ---

    @Test
    void exampleC_realSlotsUsersAndTimeSeries() {
        AllocationReport c = allocation(SpecExamples.exampleC());
        assertRow(row(c, "TOTAL (primary + secondary)"), 2.0, 3.5, 0.0);
        assertThat(row(c, "TOTAL (primary + secondary)").allocatedPercent()).isCloseTo(57.142857142857, within(1e-9));
        assertRow(row(c, "Prioritized (TOTAL)"), 1.0, 1.5, 0.0);
        assertRow(row(c, "Researcher-Owned Hardware"), 0.5, 1.5, 0.0);
        assertRow(row(c, "Secondary (Backfill)"), 0.5, 1.0, 0.0);
        assertRow(row(c, "Open Capacity (TOTAL)"), 1.0, 2.0, 0.0);
        assertRow(row(c, "Open Capacity (Standard)"), 1.0, 2.0, 0.0);
        assertThat(c.realSlots()).extracting(RealSlotsRow::label).doesNotContain("Researcher-Reserved Capacity");
        assertThat(stat(c, "Priority-ResearcherOwned", "Tesla V100-SXM2-32GB").allocationUsagePercent())
                .isEqualTo(25.0);
        assertThat(c.memoryTable().get(0).allocated()).isEqualTo(1.5);
        assertThat(c.memoryTable().get(0).available()).isEqualTo(3.5);
        assertThat(c.backfillUserStats().numBuckets()).isEqualTo(2);
        assertThat(hours(c.backfillUserStats(), "user3@domain.com")).isEqualTo(0.5);
        assertThat(c.h200UserStats().isEmpty()).isTrue();
        assertThat(c.subjectPercentages()).hasSize(3);
        assertThat(c.subjectPercentages().get(0)).isCloseTo(100.0 / 3, within(EPS));
        assertThat(c.subjectPercentages().subList(1, 3)).containsExactly(50.0, 50.0);

        List<TimeSeriesReport.Row> rows = timeSeries(SpecExamples.exampleC()).rows();
        assertCounts(rows.get(0), 1, 2, 1, 3, 1, 2);
        assertCounts(rows.get(1), 0, 1, 1, 2, 0, 0);

        AllocationReport early = allocation(SpecExamples.exampleC(), SpecExamples.exampleCEarlyEndQuery());
        assertThat(early.metadata().totalRecords()).isEqualTo(6);
        assertThat(early.metadata().numIntervals()).isEqualTo(1);
        AllocationReport host1 = allocation(SpecExamples.exampleC(), SpecExamples.exampleCHost1Query());
        assertThat(host1.deviceStats()).containsOnlyKeys("Priority-ResearcherOwned", "Backfill-ResearcherOwned");

        AllocationReport pair = allocation(SpecExamples.exampleCWithDedupPair());
        // the primary row of the pair is the representative (6 > 3): one more PRO GPU in bucket 10:00
        assertThat(stat(pair, "Priority-ResearcherOwned", "Tesla V100-SXM2-32GB").avgClaimed()).isEqualTo(1.0);
    }

    // --- 7.4 Example D ---

    @Test
    void exampleD_allDevicesPreventedAndFiltered() {
        SpecExample d = SpecExamples.exampleD();
        AllocationReport all = allocation(d, SpecExamples.exampleDAllDevicesQuery());
        assertThat(stat(all, "Shared", "Tesla P100-PCIE-16GB").avgPrevented()).isEqualTo(1.0);
        assertThat(stat(all, "Shared", "Tesla P100-PCIE-16GB").avgTotalAvailable()).isEqualTo(2.0);
        DeviceStat pro = stat(all, "Priority-ResearcherOwned", "NVIDIA A100-SXM4-40GB");
        assertThat(new double[] {pro.avgClaimed(), pro.avgDrained(), pro.avgTotalAvailable(),
                pro.allocationUsagePercent(), pro.drainedPercent()}).containsExactly(1.0, 0.5, 2.0, 50.0, 25.0);
        assertRow(row(all, "TOTAL (primary + secondary)"), 3.0, 5.0, 0.5);
        assertThat(row(all, "TOTAL (primary + secondary)").prevented()).isEqualTo(1.0);
        assertThat(row(all, "Open Capacity (TOTAL)").prevented()).isEqualTo(1.0);
        assertRow(row(all, "Primary"), 2.0, 3.0, 0.5);
        assertThat(all.memoryTable().get(0).allocated()).isEqualTo(2.5);
        assertThat(all.memoryTable().get(0).available()).isEqualTo(5.0);
        assertThat(all.memoryStats().get("<48GB").allocationUsagePercent()).isEqualTo(25.0);
        assertThat(all.subjectPercentages()).containsExactly(50.0, 100.0, 0.0, 50.0);
        assertThat(all.zeroActiveMachines().machines()).singleElement().satisfies(m -> {
            assertThat(m.machine()).isEqualTo("gpu3.chtc.wisc.edu");
            assertThat(m.allGpus()).isEqualTo(2);
            assertThat(m.observations()).isEqualTo(4);
            assertThat(m.prioritizedProjects()).isEmpty();
            assertThat(m.avgBackfillClaimed()).isEqualTo(0.0);
        });

        AllocationReport filtered = allocation(d);
        assertRow(row(filtered, "TOTAL (primary + secondary)"), 3.0, 3.0, 0.5);
        assertThat(filtered.deviceStats()).doesNotContainKey("Shared");
        assertThat(filtered.memoryStats().get("<48GB").allocationUsagePercent()).isEqualTo(50.0);
        assertThat(filtered.subjectPercentages()).containsExactly(50.0, 100.0, 50.0);
        assertThat(filtered.zeroActiveMachines().totalMachines()).isZero();
        assertThat(hours(filtered.h200UserStats(), "bob@chtc.wisc.edu")).isEqualTo(1.0);
        assertThat(hours(filtered.h200UserStats(), "dave@chtc.wisc.edu")).isEqualTo(0.5);
        assertThat(filtered.h200UserStats().users().get("dave@chtc.wisc.edu").slotBreakdown())
                .containsOnlyKeys("Backfill-CHTCOwned");
        assertThat(hours(filtered.backfillUserStats(), "carol@chtc.wisc.edu")).isEqualTo(0.5);
        assertThat(filtered.preventJobsStats().numHosts()).isEqualTo(1);
        assertThat(filtered.preventJobsStats().perHost().get("gpu3.chtc.wisc.edu")).satisfies(h -> {
            assertThat(h.lastSeen()).isEqualTo("2026-05-15 10:15");
            assertThat(h.active()).isTrue();
        });
        assertThat(filtered.preventJobsStats().pjBuckets()).isEqualTo(2);
        assertThat(filtered.drainingStats().totalHours()).isEqualTo(0.25);
    }

    @Test
    void exampleD_monthly() {
        SpecExample d = SpecExamples.exampleD();
        MonthlyReport may = ReferenceReports.of(d.snapshots()).monthly(YearMonth.of(2026, 5), config(d.query()));
        assertThat(may.month()).isEqualTo("May 2026");
        assertThat(may.startDate()).isEqualTo("2026-05-01 00:00:00");
        assertThat(may.endDate()).isEqualTo("2026-05-31 23:59:59");
        assertThat(may.totalHours()).isEqualTo(744);
        assertThat(may.dataCoverage().totalRecords()).isEqualTo(14);
        assertThat(may.dataCoverage().uniqueIntervals()).isEqualTo(2);
        assertThat(hours(may.h200UserStats(), "bob@chtc.wisc.edu")).isEqualTo(744.0);
        assertThat(hours(may.h200UserStats(), "dave@chtc.wisc.edu")).isEqualTo(372.0);
        assertThatThrownBy(() -> ReferenceReports.of(d.snapshots()).monthly(YearMonth.of(2026, 4), config(d.query())))
                .isInstanceOf(NoDataException.class).hasMessage("No data found for April 2026");
    }

    // --- 7.5 Example E and 7.6 rules ---

    @Test
    void exampleE_prevented() {
        AllocationReport e2 = allocation(SpecExamples.exampleE2());
        assertThat(stat(e2, "Shared", "NVIDIA L40S").avgPrevented()).isEqualTo(1.5);
        assertRow(row(e2, "Open Capacity (TOTAL)"), 0.5, 2.0, 0.0);
        assertThat(e2.preventJobsStats().perHost().get("hostA.chtc.wisc.edu").active()).isFalse();
        assertThat(e2.preventJobsStats().perHost().get("hostA.chtc.wisc.edu").lastSeen()).isEqualTo("2026-07-02 12:00");
        assertThat(e2.preventJobsStats().perHost().get("hostB.chtc.wisc.edu").active()).isTrue();

        AllocationReport e2c = allocation(SpecExamples.exampleE2c());
        assertRow(row(e2c, "Researcher-Reserved Capacity"), 0.5, 2.0, 0.0);
        assertThat(row(e2c, "Prioritized (TOTAL)").prevented()).isEqualTo(1.5);

        AllocationReport e3 = allocation(SpecExamples.exampleE3());
        assertThat(stat(e3, "Shared", "NVIDIA L40S").avgPrevented()).isEqualTo(1.0);
        assertThat(e3.preventJobsStats().numUniqueGpus()).isEqualTo(3);
        assertRow(row(e3, "Open Capacity (TOTAL)"), 1.0, 2.0, 0.0);

        assertThat(stat(allocation(SpecExamples.exampleE4()), "Shared", "NVIDIA L40S").avgPrevented()).isEqualTo(1.0);
        assertThat(allocation(SpecExamples.exampleE6()).preventJobsStats().hasPreventJobs()).isFalse();
        AllocationReport e7 = allocation(SpecExamples.exampleE7());
        assertThat(e7.preventJobsStats().pjBuckets()).isEqualTo(1);
        assertThat(e7.preventJobsStats().totalBuckets()).isEqualTo(5);
    }

    @Test
    void ruleDataSets() {
        assertThat(allocation(SpecExamples.ruleDstFallBack()).metadata().numIntervals()).isEqualTo(1);
        AllocationReport edges = allocation(SpecExamples.ruleWindowEdges());
        assertThat(edges.metadata().totalRecords()).isEqualTo(2); // 09:15:00 and 10:15:00, both ends inclusive
        assertThat(allocation(SpecExamples.ruleCrossMonth()).metadata().totalRecords()).isEqualTo(2);
        assertThat(allocation(SpecExamples.ruleDrainingAcrossMonths()).drainingStats().numIntervals()).isEqualTo(1);
        assertThat(allocation(SpecExamples.ruleDrainingVsClaimed()).drainingStats().perHost())
                .containsOnlyKeys("hostA.chtc.wisc.edu");
        AllocationReport emptyId = allocation(SpecExamples.ruleEmptyId());
        assertThat(emptyId.metadata().numIntervals()).isEqualTo(2);
        assertThat(stat(emptyId, "Shared", "NVIDIA L40S").avgTotalAvailable()).isEqualTo(0.5);
        AllocationReport rankTie = allocation(SpecExamples.ruleRankTie());
        assertThat(rankTie.deviceStats()).containsOnlyKeys("Shared"); // slot1@h ("" PP) wins the tie
        AllocationReport nullPp = allocation(SpecExamples.ruleNullPp());
        assertThat(nullPp.deviceStats()).containsOnlyKeys("Priority-ResearcherOwned", "Backfill-OpenCapacity");
        AllocationReport chtcEmptyPp = allocation(SpecExamples.ruleChtcWithEmptyPp());
        assertThat(chtcEmptyPp.deviceStats()).containsOnlyKeys("Shared", "Backfill-CHTCOwned");
        AllocationReport idNormalised = allocation(SpecExamples.ruleIdNormalisation());
        assertThat(stat(idNormalised, "Shared", "NVIDIA L40S").avgClaimed()).isEqualTo(0.0); // primary Unclaimed wins
    }

    @Test
    void emptyWindowAndHostFilterFolding() {
        SpecExample c = SpecExamples.exampleC();
        ReferenceReports reference = ReferenceReports.of(c.snapshots());
        assertThatThrownBy(() -> reference.allocation(LocalDateTime.of(2024, 1, 1, 0, 0), 24, config(c.query())))
                .isInstanceOf(NoDataException.class).hasMessage("No data found in the specified time range.");
        QueryConfig upper = config(c.query()).withHostFilter(new HostFilter("HOST1"));
        assertThat(reference.allocation(reference.latestTimestamp(), 1, upper).deviceStats())
                .containsOnlyKeys("Priority-ResearcherOwned", "Backfill-ResearcherOwned");
    }

    @Test
    void rowIdentityKeepsTheContentMaximumWhateverTheOrder() {
        SpecExample a = SpecExamples.exampleA();
        List<ReferenceReports.Row> rows = new java.util.ArrayList<>();
        a.snapshots().forEach(s -> s.rows().forEach(r -> rows.add(new ReferenceReports.Row(s.machine(), s.timestamp(), r))));
        List<ReferenceReports.Row> twice = new java.util.ArrayList<>(rows);
        twice.addAll(rows);
        java.util.Collections.reverse(twice);
        ReferenceReports once = new ReferenceReports(rows);
        ReferenceReports doubled = new ReferenceReports(twice);
        assertThat(doubled.size()).isEqualTo(31);
        LocalDateTime end = once.latestTimestamp();
        assertThat(io.gpuledger.streams.report.ReportJson.toJson(doubled.allocation(end, 1, config(a.query()))))
                .isEqualTo(io.gpuledger.streams.report.ReportJson.toJson(once.allocation(end, 1, config(a.query()))));
    }

    @Test
    void meanPercentIsOrderFree() {
        List<int[]> pairs = List.of(new int[] {1, 3}, new int[] {1, 2}, new int[] {0, 0}, new int[] {2, 3});
        List<int[]> reversed = new java.util.ArrayList<>(pairs);
        java.util.Collections.reverse(reversed);
        assertThat(ReferenceReports.meanPercent(pairs)).isEqualTo(ReferenceReports.meanPercent(reversed))
                .isCloseTo((100.0 / 3 + 50.0 + 200.0 / 3) / 3, within(1e-12));
        assertThat(ReferenceReports.meanPercent(List.of(new int[] {0, 0}))).isEqualTo(0.0);
    }
}
