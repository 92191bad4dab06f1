package io.gpuledger.streams.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Small helpers for the rules §7 tests: run a report of an example through the topology (as the service does: edge
 * buckets from host-buckets, inner buckets from rollups), and look up the cells the rules talks about.
 */
final class SpecReports {

    private SpecReports() {
    }

    // --------------------------------------------------------------------------------------------------------------
    // Running reports

    static QueryConfig config(ExampleQuery query) {
        return new QueryConfig(query.chtcOwned(), query.exclusions(), query.hostFilter(), query.allDevices());
    }

    /** {@code [end − hours_back, end]} with the example's end (its {@code end-time}, else its latest snapshot). */
    static QueryWindow window(SpecExample example) {
        return QueryWindow.endingAt(example.end(), example.query().hoursBack());
    }

    static AllocationReport allocation(TopologyHarness harness, SpecExample example) {
        QueryWindow window = window(example);
        return ReportEngine.allocation(harness.source(window), window, config(example.query()));
    }

    /** The same piped rows under another query (a variant the rules also evaluates). */
    static AllocationReport allocation(TopologyHarness harness, SpecExample example, ExampleQuery query) {
        return allocation(harness, example.withQuery(query));
    }

    static TimeSeriesReport timeSeries(TopologyHarness harness, SpecExample example) {
        QueryWindow window = window(example);
        return ReportEngine.timeSeries(harness.source(window), window, config(example.query()), 15);
    }

    /** A window holding exactly one 15-minute bucket, so every average of it is that bucket's count. */
    static QueryWindow bucketWindow(String bucketStart) {
        LocalDateTime start = SnapshotTime.parse(bucketStart);
        return QueryWindow.between(start, start.plusMinutes(15).minusNanos(1000), 1);
    }

    /** The allocation report of one bucket of the example (its {@code T_b}, {@code C_b}, {@code D_b} as averages). */
    static AllocationReport bucket(TopologyHarness harness, SpecExample example, String bucketStart) {
        QueryWindow window = bucketWindow(bucketStart);
        return ReportEngine.allocation(harness.source(window), window, config(example.query()));
    }

    static long micros(String timestamp) {
        return SnapshotTime.toMicros(SnapshotTime.parse(timestamp));
    }

    // --------------------------------------------------------------------------------------------------------------
    // Lookups

    static DeviceStat deviceStat(AllocationReport report, GpuClass gpuClass, String rawDevice) {
        Map<String, DeviceStat> devices = report.deviceStats().get(gpuClass.id());
        assertThat(devices).as("device_stats of %s", gpuClass.id()).isNotNull().containsKey(rawDevice);
        return devices.get(rawDevice);
    }

    static RealSlotsRow realSlotsRow(AllocationReport report, String label) {
        return realSlotsRow(report.realSlots(), label);
    }

    static RealSlotsRow realSlotsRow(List<RealSlotsRow> rows, String label) {
        return rows.stream().filter(row -> row.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no Real Slots row '" + label + "' in "
                        + rows.stream().map(RealSlotsRow::label).toList()));
    }

    static List<String> realSlotsLabels(AllocationReport report) {
        return report.realSlots().stream().map(row -> row.label() + " @" + row.level()).toList();
    }

    static RatioRow row(List<RatioRow> rows, String label) {
        return rows.stream().filter(row -> row.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + label + "' in "
                        + rows.stream().map(RatioRow::label).toList()));
    }

    static List<String> labels(List<RatioRow> rows) {
        return rows.stream().map(RatioRow::label).toList();
    }

    static DeviceTable deviceTable(AllocationReport report, GpuClass gpuClass) {
        return report.deviceTables().stream().filter(table -> table.classId().equals(gpuClass.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no device table for " + gpuClass.id()));
    }

    static UserTable.ClassGroup group(UserTable table, GpuClass gpuClass) {
        return table.groups().stream().filter(group -> group.classId().equals(gpuClass.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + gpuClass.id() + " in " + table.groups()));
    }

    // --------------------------------------------------------------------------------------------------------------
    // Display rounding (rules §3.8): one decimal, HALF_EVEN on the exact binary value; draining hours two decimals.

    static String oneDecimal(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String twoDecimals(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * The text form the rules use for a ratio cell: {@code 33.3% (0.5/1.5)}, from the unrounded percentage and the two
     * unrounded averages.
     */
    static String ratioCell(double percent, double allocated, double available) {
        return oneDecimal(percent) + "% (" + oneDecimal(allocated) + "/" + oneDecimal(available) + ")";
    }

    static String ratioCell(RealSlotsRow row) {
        return ratioCell(row.allocatedPercent(), row.claimed(), row.available());
    }

    static String ratioCell(RatioRow row) {
        return ratioCell(row.allocatedPercent(), row.allocated(), row.available());
    }

    /** The Prevented column (rules §4.2): {@code —} below 0.05, else one decimal. */
    static String preventedCell(RealSlotsRow row) {
        return row.prevented() < 0.05 ? "—" : oneDecimal(row.prevented());
    }

    // --------------------------------------------------------------------------------------------------------------
    // Time series text means (rules §4.13): means of the columns over all rows, zero rows included.

    /** {@code p% (c/t)} of one legacy class, each the mean of its column. */
    static String meanCell(TimeSeriesReport report, ToIntFunction<TimeSeriesReport.Row> claimed,
                           ToIntFunction<TimeSeriesReport.Row> total, ToDoubleFunction<TimeSeriesReport.Row> percent) {
        List<TimeSeriesReport.Row> rows = report.rows();
        double c = rows.stream().mapToInt(claimed).sum() / (double) rows.size();
        double t = rows.stream().mapToInt(total).sum() / (double) rows.size();
        double p = rows.stream().mapToDouble(percent).sum() / rows.size();
        return oneDecimal(p) + "% (" + oneDecimal(c) + "/" + oneDecimal(t) + ")";
    }

    static String priorityMean(TimeSeriesReport report) {
        return meanCell(report, TimeSeriesReport.Row::priorityClaimed, TimeSeriesReport.Row::priorityTotal,
                TimeSeriesReport.Row::priorityUsagePercent);
    }

    static String sharedMean(TimeSeriesReport report) {
        return meanCell(report, TimeSeriesReport.Row::sharedClaimed, TimeSeriesReport.Row::sharedTotal,
                TimeSeriesReport.Row::sharedUsagePercent);
    }

    static String backfillMean(TimeSeriesReport report) {
        return meanCell(report, TimeSeriesReport.Row::backfillClaimed, TimeSeriesReport.Row::backfillTotal,
                TimeSeriesReport.Row::backfillUsagePercent);
    }

    /** One time-series row as {@code HH:MM P c/t S c/t B c/t}, for compact table assertions. */
    static String seriesRow(TimeSeriesReport.Row row) {
        return row.timestamp().substring(11, 16)
                + " P " + row.priorityClaimed() + "/" + row.priorityTotal()
                + " S " + row.sharedClaimed() + "/" + row.sharedTotal()
                + " B " + row.backfillClaimed() + "/" + row.backfillTotal();
    }

    static List<String> seriesRows(TimeSeriesReport report) {
        return report.rows().stream().map(SpecReports::seriesRow).toList();
    }

    /** Subject percentage parts as rules §6.1 shows them, e.g. {@code (37.5% | 25.0% | 50.0% | 25.0%)}. */
    static String subject(AllocationReport report) {
        return "(" + String.join(" | ", report.subjectPercentages().stream().map(p -> oneDecimal(p) + "%").toList())
                + ")";
    }
}
