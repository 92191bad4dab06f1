package io.gpuledger.streams.render;

import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.util.List;
import java.util.Map;

/**
 * CSV for spreadsheets and scripts (rules §5.1): a header row, RFC 4180 quoting, CRLF line ends (after the last row
 * too), and numbers unrounded ({@link Double#toString}) so a CSV carries the same values as the JSON.
 *
 * <pre>{@code
 * String csv = CsvRenderer.allocation(report);
 * }</pre>
 */
public final class CsvRenderer {

    public static final List<String> DEVICE_STATS_HEADER = List.of("class", "device", "avg_claimed", "avg_drained",
            "avg_total_available", "avg_prevented", "allocation_usage_percent", "drained_percent", "num_intervals");

    public static final List<String> TIME_SERIES_HEADER = List.of("timestamp",
            "priority_claimed", "priority_total", "priority_usage_percent",
            "shared_claimed", "shared_total", "shared_usage_percent",
            "backfill_claimed", "backfill_total", "backfill_usage_percent");

    private static final String CRLF = "\r\n";

    private CsvRenderer() {
    }

    /** One row per {@code device_stats} cell, BOC included (rules §4.10), classes and devices in the JSON's order. */
    public static String allocation(AllocationReport report) {
        return deviceStats(report.deviceStats());
    }

    /** As {@link #allocation}, over the month. */
    public static String monthly(MonthlyReport report) {
        return deviceStats(report.deviceStats());
    }

    public static String deviceStats(Map<String, Map<String, DeviceStat>> deviceStats) {
        StringBuilder out = new StringBuilder();
        row(out, DEVICE_STATS_HEADER);
        deviceStats.forEach((gpuClass, devices) -> devices.forEach((device, stat) -> row(out, List.of(gpuClass, device,
                Double.toString(stat.avgClaimed()), Double.toString(stat.avgDrained()),
                Double.toString(stat.avgTotalAvailable()), Double.toString(stat.avgPrevented()),
                Double.toString(stat.allocationUsagePercent()), Double.toString(stat.drainedPercent()),
                Long.toString(stat.numIntervals())))));
        return out.toString();
    }

    /** One row per bucket, in time order. */
    public static String timeSeries(TimeSeriesReport report) {
        StringBuilder out = new StringBuilder();
        row(out, TIME_SERIES_HEADER);
        for (TimeSeriesReport.Row bucket : report.rows()) {
            row(out, List.of(bucket.timestamp(),
                    Integer.toString(bucket.priorityClaimed()), Integer.toString(bucket.priorityTotal()),
                    Double.toString(bucket.priorityUsagePercent()),
                    Integer.toString(bucket.sharedClaimed()), Integer.toString(bucket.sharedTotal()),
                    Double.toString(bucket.sharedUsagePercent()),
                    Integer.toString(bucket.backfillClaimed()), Integer.toString(bucket.backfillTotal()),
                    Double.toString(bucket.backfillUsagePercent())));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(CRLF);
    }

    /**
     * RFC 4180: quote a field holding a comma, a quote, CR or LF, and double the quotes inside. A text that a
     * spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return; user, machine and
     * device names come from the pool, not from us) gets a leading {@code '} first, as OWASP advises; numbers are left
     * as they are, so a negative number stays a number.
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value)) {
            value = "'" + value;
        }
        boolean needsQuotes = false;
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return !value.contains("N") && !value.contains("I");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
