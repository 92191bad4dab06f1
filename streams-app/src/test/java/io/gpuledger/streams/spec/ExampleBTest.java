package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.allocation;
import static io.gpuledger.streams.spec.SpecReports.bucket;
import static io.gpuledger.streams.spec.SpecReports.deviceStat;
import static io.gpuledger.streams.spec.SpecReports.deviceTable;
import static io.gpuledger.streams.spec.SpecReports.group;
import static io.gpuledger.streams.spec.SpecReports.labels;
import static io.gpuledger.streams.spec.SpecReports.oneDecimal;
import static io.gpuledger.streams.spec.SpecReports.ratioCell;
import static io.gpuledger.streams.spec.SpecReports.realSlotsLabels;
import static io.gpuledger.streams.spec.SpecReports.realSlotsRow;
import static io.gpuledger.streams.spec.SpecReports.row;
import static io.gpuledger.streams.spec.SpecReports.seriesRows;
import static io.gpuledger.streams.spec.SpecReports.timeSeries;
import static io.gpuledger.streams.spec.SpecReports.twoDecimals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples.B;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.MemoryStat;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.topology.TopologyHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * rules §7.2, Example B: one open-capacity H200 at a 5-minute cadence, buckets split across snapshots, and an outage
 * (no 10:30 bucket). Query {@code hours-back 1}, end 10:45:10.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleBTest {

    private static final String H200 = SpecExamples.H200;
    private static final double THIRD = 1.0 / 3;

    private final SpecExample example = SpecExamples.exampleB();
    private TopologyHarness harness;
    private AllocationReport report;

    @BeforeAll
    void pipeExampleB() {
        harness = new TopologyHarness();
        harness.pipe(example.snapshots());
        report = allocation(harness, example);
    }

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void bucketsAreTheOnesHoldingRows() {
        // Buckets 10:00, 10:15 and 10:45, so |B| = 3; 10:30 has no row and does not exist.
        assertThat(report.metadata().numIntervals()).isEqualTo(3);
        assertThat(report.metadata().windowEnd()).isEqualTo("2025-11-03 10:45:10.000000");
        assertThat(report.metadata().startTime()).isEqualTo("2025-11-03 10:00:10.000000");
        assertThat(report.metadata().endTime()).isEqualTo("2025-11-03 10:45:10.000000");
        assertThat(report.metadata().totalRecords()).isEqualTo(example.size());
        assertThat(timeSeries(harness, example).rows()).extracting(TimeSeriesReport.Row::timestamp)
                .containsExactly("2025-11-03 10:00:00", "2025-11-03 10:15:00", "2025-11-03 10:45:00");
        // The outage shows as a gap (rules §4.14) and adds nothing to any denominator.
        assertThat(report.metadata().gaps()).contains(
                new ReportMetadata.Gap("2025-11-03 10:30:00", "2025-11-03 10:45:00", 15));
    }

    @Test
    void sharedH200PerBucket() {
        // 10:00 T 1, C 1 (claimed in one of three snapshots), D 0 (Claimed beats Drained);
        // 10:15 T 1, C 0, D 1; 10:45 T 1, C 0, D 0.
        assertThat(counts(bucket(harness, example, "2025-11-03 10:00:00"))).isEqualTo("T 1 C 1 D 0");
        assertThat(counts(bucket(harness, example, "2025-11-03 10:15:00"))).isEqualTo("T 1 C 0 D 1");
        assertThat(counts(bucket(harness, example, "2025-11-03 10:45:00"))).isEqualTo("T 1 C 0 D 0");
    }

    private static String counts(AllocationReport oneBucket) {
        DeviceStat stat = deviceStat(oneBucket, GpuClass.SHARED, H200);
        return "T " + (int) stat.avgTotalAvailable() + " C " + (int) stat.avgClaimed() + " D " + (int) stat.avgDrained();
    }

    @Test
    void sharedH200Averages() {
        // avg_claimed 0.333…, avg_drained 0.333…, avg_total 1.0; raw allocation % 33.3, drained % 33.3.
        assertThat(report.deviceStats()).containsOnlyKeys("Shared");
        DeviceStat shared = deviceStat(report, GpuClass.SHARED, H200);
        assertThat(shared.avgClaimed()).isCloseTo(THIRD, within(1e-9));
        assertThat(shared.avgDrained()).isCloseTo(THIRD, within(1e-9));
        assertThat(shared.avgTotalAvailable()).isEqualTo(1.0);
        assertThat(shared.avgPrevented()).isEqualTo(0.0);
        assertThat(shared.allocationUsagePercent()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(shared.drainedPercent()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(oneDecimal(shared.allocationUsagePercent())).isEqualTo("33.3");
        assertThat(oneDecimal(shared.drainedPercent())).isEqualTo("33.3");
        assertThat(shared.numIntervals()).isEqualTo(3);
    }

    @Test
    void realSlots() {
        assertThat(realSlotsLabels(report)).containsExactly(
                "TOTAL (primary + secondary) @0",
                "Prioritized (TOTAL) @0",
                "Primary @1",
                "Open Capacity (TOTAL) @0",
                "Open Capacity (Flagship) @1");
        // TOTAL (primary + secondary) 33.3% (0.3/1.0), drained 0.3.
        for (String label : new String[] {"TOTAL (primary + secondary)", "Open Capacity (TOTAL)",
                "Open Capacity (Flagship)"}) {
            RealSlotsRow row = realSlotsRow(report, label);
            assertThat(row.allocatedPercent()).as(label).isCloseTo(100.0 / 3, within(1e-9));
            assertThat(row.claimed()).as(label).isCloseTo(THIRD, within(1e-9));
            assertThat(row.drained()).as(label).isCloseTo(THIRD, within(1e-9));
            assertThat(row.available()).as(label).isEqualTo(1.0);
            assertThat(ratioCell(row)).as(label).isEqualTo("33.3% (0.3/1.0)");
            assertThat(oneDecimal(row.drained())).as(label).isEqualTo("0.3");
        }
        // Prioritized (TOTAL) and Primary 0.0% (0.0/0.0): shown although nothing qualifies.
        for (String label : new String[] {"Prioritized (TOTAL)", "Primary"}) {
            RealSlotsRow row = realSlotsRow(report, label);
            assertThat(row).isEqualTo(new RealSlotsRow(label, row.level(), 0.0, 0.0, 0.0, 0.0, 0.0));
            assertThat(ratioCell(row)).isEqualTo("0.0% (0.0/0.0)");
        }
    }

    @Test
    void deviceAndMemoryTablesIncludeDrained() {
        // Device table: H200 66.7% (0.7/1.0).
        assertThat(ratioCell(deviceTable(report, GpuClass.SHARED).rows().get(1))).isEqualTo("66.7% (0.7/1.0)");
        assertThat(deviceTable(report, GpuClass.SHARED).rows().get(1).label()).isEqualTo("H200");
        assertThat(deviceTable(report, GpuClass.SHARED).rows().get(1).allocated()).isCloseTo(2.0 / 3, within(1e-9));
        // Memory: >80GB 66.7% (0.7/1.0) with n_m = 3.
        assertThat(labels(report.memoryTable())).containsExactly("TOTAL", ">80GB");
        assertThat(ratioCell(row(report.memoryTable(), ">80GB"))).isEqualTo("66.7% (0.7/1.0)");
        assertThat(ratioCell(row(report.memoryTable(), "TOTAL"))).isEqualTo("66.7% (0.7/1.0)");
        MemoryStat memory = report.memoryStats().get(">80GB");
        assertThat(memory.numIntervals()).isEqualTo(3);
        assertThat(memory.avgClaimed()).isCloseTo(THIRD, within(1e-9));
        assertThat(memory.avgDrained()).isCloseTo(THIRD, within(1e-9));
        assertThat(memory.avgTotalAvailable()).isEqualTo(1.0);
    }

    @Test
    void h200UserTable() {
        // N = 3; u@x 1/3 × 1 → 0.3 h.
        UserTable h200 = report.h200UserStats();
        assertThat(h200.numBuckets()).isEqualTo(3);
        assertThat(h200.users()).containsOnlyKeys(B.OWNER);
        double hours = h200.users().get(B.OWNER).totalGpuHours();
        assertThat(hours).isCloseTo(THIRD, within(1e-9));
        assertThat(oneDecimal(hours)).isEqualTo("0.3");
        UserTable.ClassGroup shared = group(h200, GpuClass.SHARED);
        assertThat(shared.label()).isEqualTo("Open Capacity");
        assertThat(shared.users()).hasSize(1);
        assertThat(shared.users().get(0).user()).isEqualTo(B.OWNER);
        // No backfill rows: the backfill-user table is empty (its N still counts the buckets).
        assertThat(report.backfillUserStats().isEmpty()).isTrue();
    }

    @Test
    void drainingBridgesFiveMinuteGaps() {
        // 10:10:10 → 10:20:10 with 5-minute gaps is one interval of 600 s = 0.1666… h, shown 0.17.
        DrainingStats draining = report.drainingStats();
        assertThat(draining.numHosts()).isEqualTo(1);
        assertThat(draining.numUniqueGpus()).isEqualTo(1);
        assertThat(draining.numIntervals()).isEqualTo(1);
        assertThat(draining.intervals()).hasSize(1);
        DrainingStats.Interval interval = draining.intervals().get(0);
        assertThat(interval.machine()).isEqualTo(B.S);
        assertThat(interval.gpu()).isEqualTo(B.S1);
        assertThat(interval.start()).isEqualTo("2025-11-03 10:10:10.000000");
        assertThat(interval.end()).isEqualTo("2025-11-03 10:20:10.000000");
        assertThat(interval.hours()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(draining.totalHours()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(twoDecimals(draining.totalHours())).isEqualTo("0.17");
        assertThat(twoDecimals(draining.perHost().get(B.S).totalHours())).isEqualTo("0.17");
    }

    @Test
    void timeSeriesCountsClaimedAndUnclaimedSnapshotsTwice() {
        TimeSeriesReport series = timeSeries(harness, example);
        // 10:00 Shared 1/2 (claimed and unclaimed in different snapshots, so counted twice); 10:15 0/0; 10:45 0/1.
        assertThat(seriesRows(series)).containsExactly(
                "10:00 P 0/0 S 1/2 B 0/0",
                "10:15 P 0/0 S 0/0 B 0/0",
                "10:45 P 0/0 S 0/1 B 0/0");
        assertThat(series.rows().get(0).sharedUsagePercent()).isEqualTo(50.0);
        assertThat(series.rows().get(1).sharedUsagePercent()).isEqualTo(0.0);
        assertThat(series.rows().get(2).sharedUsagePercent()).isEqualTo(0.0);
        // Text mean: Shared 16.7% (0.3/1.0).
        assertThat(SpecReports.sharedMean(series)).isEqualTo("16.7% (0.3/1.0)");
    }

    @Test
    void subject() {
        assertThat(report.subjectPercentages()).hasSize(1);
        assertThat(report.subjectPercentages().get(0)).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(SpecReports.subject(report)).isEqualTo("(33.3%)");
    }
}
