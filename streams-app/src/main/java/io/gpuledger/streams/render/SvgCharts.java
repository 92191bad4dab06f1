package io.gpuledger.streams.render;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.Percent;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The two server-side charts of the report page and e-mail (issue 5): plain inline SVG with presentation attributes
 * (no CSS, no script), so the same markup works in a browser and in mail clients that render SVG. Mail clients that
 * strip SVG lose only the picture: every chart is followed by a table with its numbers.
 *
 * <p>For machines (a browser test comparing the page with the JSON), each chart carries its numbers unrounded
 * ({@link Double#toString}) in {@code data-*} attributes; for people, rounded per rules §3.8 in {@code <title>}
 * tooltips and labels.
 */
final class SvgCharts {

    static final String ALLOCATION_OVER_TIME_ID = "chart-allocation-over-time";
    static final String DEVICE_ALLOCATION_ID = "chart-device-allocation";

    /**
     * Above this many buckets the line chart drops its per-point markers (and their tooltips) to stay small; a 24 h
     * series at 15 minutes (96 or 97 buckets) keeps them. The numbers stay in the series' data attributes.
     */
    static final int MAX_MARKED_POINTS = 100;

    private static final String FONT = "-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif";
    private static final String AXIS_COLOUR = "#8c959f";
    private static final String GRID_COLOUR = "#e4e7eb";
    private static final String LABEL_COLOUR = "#57606a";
    private static final String AVAILABLE_COLOUR = "#d0d7de";
    private static final String ALLOCATED_COLOUR = "#0072B2";

    private SvgCharts() {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (a) Allocation % per legacy class over the window, from a time series (rules §4.13)

    /** One line of the chart; colours from the Okabe-Ito palette, dashes so the lines differ without colour too. */
    private record Series(String key, String label, String colour, String dash,
                          ToDoubleFunction<TimeSeriesReport.Row> percent,
                          ToIntFunction<TimeSeriesReport.Row> claimed,
                          ToIntFunction<TimeSeriesReport.Row> total) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("priority", "Priority", "#0072B2", null, TimeSeriesReport.Row::priorityUsagePercent,
                    TimeSeriesReport.Row::priorityClaimed, TimeSeriesReport.Row::priorityTotal),
            new Series("shared", "Shared", "#D55E00", "7 4", TimeSeriesReport.Row::sharedUsagePercent,
                    TimeSeriesReport.Row::sharedClaimed, TimeSeriesReport.Row::sharedTotal),
            new Series("backfill", "Backfill", "#009E73", "2 3", TimeSeriesReport.Row::backfillUsagePercent,
                    TimeSeriesReport.Row::backfillClaimed, TimeSeriesReport.Row::backfillTotal));

    /*
     * View boxes 600 units wide with 14-unit text, drawn at most 640 px wide and at least 420 px: on a laptop the
     * text is about 15 px, and a phone scrolls the chart sideways a little (as it does tables) instead of shrinking
     * its labels below 10 px.
     */
    private static final double VIEW_WIDTH = 600;
    private static final String SVG_STYLE = "display:block;width:100%;max-width:640px;min-width:420px;height:auto;";
    private static final String FONT_SIZE = "14";

    private static final double LINE_HEIGHT = 310;
    private static final double PLOT_LEFT = 46;
    private static final double PLOT_RIGHT = 584;
    private static final double PLOT_TOP = 14;
    private static final double PLOT_BOTTOM = 236;

    static void allocationOverTime(HtmlWriter html, TimeSeriesReport series) {
        List<TimeSeriesReport.Row> rows = series.rows();
        int n = rows.size();
        long[] minutes = new long[n];
        for (int i = 0; i < n; i++) {
            minutes[i] = SnapshotTime.toMicros(SnapshotTime.parse(rows.get(i).timestamp())) / 60_000_000L;
        }
        long first = minutes[0];
        long span = minutes[n - 1] - first;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = span == 0 ? (PLOT_LEFT + PLOT_RIGHT) / 2
                    : PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (minutes[i] - first) / span;
        }
        String firstTime = DisplayNumbers.minutes(rows.get(0).timestamp());
        String lastTime = DisplayNumbers.minutes(rows.get(n - 1).timestamp());
        List<String> means = new ArrayList<>();
        for (Series line : SERIES) {
            double sum = 0;
            for (TimeSeriesReport.Row row : rows) {
                sum += line.percent().applyAsDouble(row);
            }
            means.add(DisplayNumbers.percent(Percent.ratio(sum, n)));
        }

        String id = ALLOCATION_OVER_TIME_ID;
        html.raw("<svg xmlns=\"http://www.w3.org/2000/svg\"").attribute("id", id)
                .attribute("class", "gpuledger-chart line-chart")
                .attribute("viewBox", "0 0 " + num(VIEW_WIDTH) + " " + num(LINE_HEIGHT))
                .attribute("width", "100%")
                .attribute("role", "img")
                .attribute("aria-labelledby", id + "-title " + id + "-desc")
                .attribute("font-family", FONT).attribute("font-size", FONT_SIZE)
                .attribute("style", SVG_STYLE)
                .attribute("data-bucket-minutes", Integer.toString(series.bucketMinutes()))
                .attribute("data-points", Integer.toString(n))
                .attribute("data-timestamps", join(rows, TimeSeriesReport.Row::timestamp))
                .raw(">").newline();
        html.raw("<title").attribute("id", id + "-title").raw(">")
                .text("Allocation % per class, " + firstTime + " to " + lastTime).raw("</title>");
        html.raw("<desc").attribute("id", id + "-desc").raw(">")
                .text("Share of GPUs claimed (claimed / (claimed + idle)) per " + series.bucketMinutes()
                        + "-minute interval for the legacy classes Priority, Shared and Backfill. Means: Priority "
                        + means.get(0) + ", Shared " + means.get(1) + ", Backfill " + means.get(2) + ".")
                .raw("</desc>").newline();

        // Horizontal grid and the y axis, 0-100 %: a claimed share never exceeds 100 % (claimed ⊆ claimed + idle).
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = yOfPercent(percent);
            html.raw("<line x1=\"" + num(PLOT_LEFT) + "\" x2=\"" + num(PLOT_RIGHT) + "\" y1=\"" + num(y) + "\" y2=\""
                    + num(y) + "\" stroke=\"" + (percent == 0 ? AXIS_COLOUR : GRID_COLOUR) + "\"/>");
            html.raw("<text x=\"" + num(PLOT_LEFT - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\" fill=\""
                    + LABEL_COLOUR + "\">" + percent + "%</text>");
        }
        html.raw("<line x1=\"" + num(PLOT_LEFT) + "\" x2=\"" + num(PLOT_LEFT) + "\" y1=\"" + num(PLOT_TOP)
                + "\" y2=\"" + num(PLOT_BOTTOM) + "\" stroke=\"" + AXIS_COLOUR + "\"/>").newline();

        // X ticks at up to five buckets spread over the rows (a label is about 85 units wide, the plot 538), placed by
        // time so an outage shows as a gap.
        int ticks = Math.min(n, 5);
        int previous = -1;
        for (int t = 0; t < ticks; t++) {
            int index = ticks == 1 ? 0 : (int) Math.round((double) t * (n - 1) / (ticks - 1));
            if (index == previous) {
                continue;
            }
            previous = index;
            double x = xs[index];
            String anchor = x - PLOT_LEFT < 40 ? "start" : PLOT_RIGHT - x < 40 ? "end" : "middle";
            html.raw("<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(PLOT_BOTTOM) + "\" y2=\""
                    + num(PLOT_BOTTOM + 5) + "\" stroke=\"" + AXIS_COLOUR + "\"/>");
            html.raw("<text x=\"" + num(x) + "\" y=\"" + num(PLOT_BOTTOM + 21) + "\" text-anchor=\"" + anchor
                    + "\" fill=\"" + LABEL_COLOUR + "\">").text(DisplayNumbers.trendTime(rows.get(index).timestamp()))
                    .raw("</text>");
        }
        html.newline();

        boolean markers = n <= MAX_MARKED_POINTS;
        for (Series line : SERIES) {
            html.raw("<g class=\"series\" fill=\"" + line.colour() + "\"").attribute("data-series", line.key())
                    .attribute("data-label", line.label())
                    .attribute("data-usage-percent", joinDoubles(rows, line.percent()))
                    .attribute("data-claimed", joinInts(rows, line.claimed()))
                    .attribute("data-total", joinInts(rows, line.total()))
                    .raw(">");
            html.raw("<path fill=\"none\" stroke=\"" + line.colour() + "\" stroke-width=\"2\" stroke-linejoin=\"round\""
                    + " stroke-linecap=\"round\"" + (line.dash() == null ? "" : " stroke-dasharray=\"" + line.dash()
                    + "\"") + " d=\"" + path(rows, xs, minutes, series.bucketMinutes(), line) + "\"/>");
            if (markers) {
                for (int i = 0; i < n; i++) {
                    TimeSeriesReport.Row row = rows.get(i);
                    double percent = line.percent().applyAsDouble(row);
                    html.raw("<circle cx=\"" + num(xs[i]) + "\" cy=\"" + num(yOfPercent(percent))
                                    + "\" r=\"2.5\"><title>")
                            .text(DisplayNumbers.trendTime(row.timestamp()) + " " + line.label() + " "
                                    + TextRenderer.trendCell(percent, line.claimed().applyAsInt(row),
                                    line.total().applyAsInt(row)))
                            .raw("</title></circle>");
                }
            }
            html.raw("</g>").newline();
        }

        // Legend under the axis, with each class's mean (the figure the text report's analysis shows).
        double legendX = 8;
        double legendY = LINE_HEIGHT - 18;
        for (int i = 0; i < SERIES.size(); i++) {
            Series line = SERIES.get(i);
            html.raw("<g class=\"legend-item\"><line x1=\"" + num(legendX) + "\" x2=\"" + num(legendX + 26)
                    + "\" y1=\"" + num(legendY) + "\" y2=\"" + num(legendY) + "\" stroke=\"" + line.colour()
                    + "\" stroke-width=\"2.5\"" + (line.dash() == null ? "" : " stroke-dasharray=\"" + line.dash()
                    + "\"") + "/><text x=\"" + num(legendX + 32) + "\" y=\"" + num(legendY + 4) + "\">")
                    .text(line.label() + " (mean " + means.get(i) + ")").raw("</text></g>");
            legendX += 196;
        }
        html.raw("</svg>").newline();
    }

    private static double yOfPercent(double percent) {
        double clipped = Math.max(0, Math.min(100, percent));
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * clipped / 100.0;
    }

    /** Segments break where buckets are missing (an outage is not a bucket, rules §3.2), so no line bridges it. */
    private static String path(List<TimeSeriesReport.Row> rows, double[] xs, long[] minutes, int bucketMinutes,
                               Series line) {
        StringBuilder d = new StringBuilder();
        int segmentStart = 0;
        for (int i = 0; i < rows.size(); i++) {
            boolean startsSegment = i == 0 || minutes[i] - minutes[i - 1] > bucketMinutes;
            if (startsSegment && i > 0 && i - 1 == segmentStart) {
                // The previous segment was a single bucket: a zero-length stroke with round caps draws it as a dot.
                d.append(" l0.01 0");
            }
            if (startsSegment) {
                segmentStart = i;
            }
            d.append(startsSegment ? (i == 0 ? "M" : " M") : " L").append(num(xs[i])).append(' ')
                    .append(num(yOfPercent(line.percent().applyAsDouble(rows.get(i)))));
        }
        if (rows.size() - 1 == segmentStart) {
            d.append(" l0.01 0");
        }
        return d.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b) Available vs allocated per device, from the device tables (rules §4.4: allocated = claimed + drained)

    private static final double LABEL_RIGHT = 128;
    private static final double BAR_LEFT = 134;
    private static final double BAR_MAX_WIDTH = 280;
    private static final double ROW_HEIGHT = 24;
    /** Device labels longer than this are cut with an ellipsis; the bar's tooltip keeps the whole name. */
    private static final int LABEL_CHARS = 17;

    /** True when the tables hold a device row to draw. */
    static boolean hasDeviceRows(List<DeviceTable> tables) {
        for (DeviceTable table : tables) {
            for (RatioRow row : table.rows()) {
                if (!isTotal(row)) {
                    return true;
                }
            }
        }
        return false;
    }

    static void deviceAllocation(HtmlWriter html, List<DeviceTable> tables) {
        double largest = 0;
        int deviceRows = 0;
        for (DeviceTable table : tables) {
            for (RatioRow row : table.rows()) {
                if (!isTotal(row)) {
                    largest = Math.max(largest, Math.max(row.available(), row.allocated()));
                    deviceRows++;
                }
            }
        }
        BigDecimal step = niceStep(largest / 4);
        BigDecimal axisMax = largest <= 0 ? step
                : step.multiply(BigDecimal.valueOf((long) Math.ceil(largest / step.doubleValue())));
        double scale = BAR_MAX_WIDTH / axisMax.doubleValue();

        double top = 34;
        double height = top + tables.size() * ROW_HEIGHT + deviceRows * ROW_HEIGHT + 48;
        String id = DEVICE_ALLOCATION_ID;
        html.raw("<svg xmlns=\"http://www.w3.org/2000/svg\"").attribute("id", id)
                .attribute("class", "gpuledger-chart bar-chart")
                .attribute("viewBox", "0 0 " + num(VIEW_WIDTH) + " " + num(height))
                .attribute("width", "100%")
                .attribute("role", "img")
                .attribute("aria-labelledby", id + "-title " + id + "-desc")
                .attribute("font-family", FONT).attribute("font-size", FONT_SIZE)
                .attribute("style", SVG_STYLE)
                .attribute("data-axis-max", axisMax.stripTrailingZeros().toPlainString())
                .raw(">").newline();
        html.raw("<title").attribute("id", id + "-title").raw(">")
                .text("Allocated vs available GPUs per device (averages over the period)").raw("</title>");
        html.raw("<desc").attribute("id", id + "-desc").raw(">")
                .text("For each class and device: average GPUs available (light bar) and allocated, i.e. claimed "
                        + "plus drained (dark bar), with the allocated percentage.")
                .raw("</desc>").newline();

        // Legend.
        html.raw("<rect x=\"" + num(BAR_LEFT) + "\" y=\"5\" width=\"16\" height=\"14\" fill=\"" + AVAILABLE_COLOUR
                + "\"/><text x=\"" + num(BAR_LEFT + 22) + "\" y=\"17\">Available</text>");
        html.raw("<rect x=\"" + num(BAR_LEFT + 110) + "\" y=\"8\" width=\"16\" height=\"8\" fill=\"" + ALLOCATED_COLOUR
                + "\"/><text x=\"" + num(BAR_LEFT + 132) + "\" y=\"17\">Allocated (claimed + drained)</text>")
                .newline();

        double bottom = height - 42;
        // Vertical grid lines and the value axis under the bars.
        for (BigDecimal tick = BigDecimal.ZERO; tick.compareTo(axisMax) <= 0; tick = tick.add(step)) {
            double x = BAR_LEFT + tick.doubleValue() * scale;
            html.raw("<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(top) + "\" y2=\""
                    + num(bottom + 4) + "\" stroke=\"" + (tick.signum() == 0 ? AXIS_COLOUR : GRID_COLOUR) + "\"/>");
            html.raw("<text x=\"" + num(x) + "\" y=\"" + num(bottom + 18) + "\" text-anchor=\"middle\" fill=\""
                    + LABEL_COLOUR + "\">" + tick.stripTrailingZeros().toPlainString() + "</text>");
        }
        html.raw("<line x1=\"" + num(BAR_LEFT) + "\" x2=\"" + num(BAR_LEFT + BAR_MAX_WIDTH) + "\" y1=\"" + num(bottom)
                + "\" y2=\"" + num(bottom) + "\" stroke=\"" + AXIS_COLOUR + "\"/>");
        html.raw("<text x=\"" + num(BAR_LEFT + BAR_MAX_WIDTH / 2) + "\" y=\"" + num(bottom + 38)
                + "\" text-anchor=\"middle\" fill=\"" + LABEL_COLOUR + "\">GPUs (average over the period)</text>")
                .newline();

        double y = top;
        for (DeviceTable table : tables) {
            html.raw("<text class=\"class-label\" x=\"4\" y=\"" + num(y + 17) + "\" font-weight=\"600\">")
                    .text(table.title()).raw("</text>");
            y += ROW_HEIGHT;
            for (RatioRow row : table.rows()) {
                if (isTotal(row)) {
                    continue;
                }
                String figures = barFigures(row.allocatedPercent(), row.allocated(), row.available());
                html.raw("<g class=\"bar\"").attribute("data-class", table.classId())
                        .attribute("data-class-label", table.title())
                        .attribute("data-device", row.key()).attribute("data-device-label", row.label())
                        .attribute("data-allocated", Double.toString(row.allocated()))
                        .attribute("data-available", Double.toString(row.available()))
                        .attribute("data-allocated-percent", Double.toString(row.allocatedPercent()))
                        .raw("><title>").text(table.title() + ", " + row.label() + ": " + figures + " GPUs")
                        .raw("</title>");
                String label = barLabel(row.label());
                html.raw("<text x=\"" + num(LABEL_RIGHT) + "\" y=\"" + num(y + 16) + "\" text-anchor=\"end\">")
                        .text(label).raw("</text>");
                html.raw("<rect x=\"" + num(BAR_LEFT) + "\" y=\"" + num(y + 3) + "\" width=\""
                        + num(row.available() * scale) + "\" height=\"18\" fill=\"" + AVAILABLE_COLOUR + "\"/>");
                // Allocated is drawn thinner on top, so it stays visible when it exceeds available (rules §4.14).
                html.raw("<rect x=\"" + num(BAR_LEFT) + "\" y=\"" + num(y + 8) + "\" width=\""
                        + num(row.allocated() * scale) + "\" height=\"8\" fill=\"" + ALLOCATED_COLOUR + "\"/>");
                html.raw("<text x=\"" + num(BAR_LEFT + BAR_MAX_WIDTH + 8) + "\" y=\"" + num(y + 16) + "\">")
                        .text(figures).raw("</text></g>").newline();
                y += ROW_HEIGHT;
            }
        }
        html.raw("</svg>").newline();
    }

    /** {@code 52.2% (12.0/23.0)}; a dash when there was no capacity at all: 0 of 0 is not a usage of 0 %. */
    static String barFigures(double allocatedPercent, double allocated, double available) {
        if (!(available > 0) && !(allocated > 0)) {
            return "\u2014";
        }
        return DisplayNumbers.percent(allocatedPercent) + " (" + DisplayNumbers.oneDecimal(allocated) + "/"
                + DisplayNumbers.oneDecimal(available) + ")";
    }

    /**
     * A device label that fits the label column and stays distinct: the vendor prefix dropped, and a long name cut in
     * the middle so both the model and the MIG profile at its end stay visible ({@code A100-SX…1g.10gb}); the full
     * name is in the bar's tooltip.
     */
    static String barLabel(String label) {
        String text = label.startsWith("NVIDIA ") ? label.substring("NVIDIA ".length()) : label;
        if (text.length() <= LABEL_CHARS) {
            return text;
        }
        int tail = (LABEL_CHARS - 1) / 2;
        int head = LABEL_CHARS - 1 - tail;
        return text.substring(0, head) + "\u2026" + text.substring(text.length() - tail);
    }

    private static boolean isTotal(RatioRow row) {
        return "TOTAL".equals(row.key());
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}: ticks people can read at a glance. */
    static BigDecimal niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return BigDecimal.ONE;
        }
        int exponent = (int) Math.floor(Math.log10(raw));
        double normalised = raw / Math.pow(10, exponent);
        String mantissa = normalised <= 1 ? "1" : normalised <= 2 ? "2" : normalised <= 2.5 ? "2.5"
                : normalised <= 5 ? "5" : "10";
        return new BigDecimal(mantissa).scaleByPowerOfTen(exponent).stripTrailingZeros();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** SVG coordinates with one decimal: enough for a 720-unit view box, and short. */
    private static String num(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    private static String join(List<TimeSeriesReport.Row> rows, Function<TimeSeriesReport.Row, String> value) {
        StringBuilder out = new StringBuilder();
        for (TimeSeriesReport.Row row : rows) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(value.apply(row));
        }
        return out.toString();
    }

    private static String joinDoubles(List<TimeSeriesReport.Row> rows, ToDoubleFunction<TimeSeriesReport.Row> value) {
        return join(rows, row -> Double.toString(value.applyAsDouble(row)));
    }

    private static String joinInts(List<TimeSeriesReport.Row> rows, ToIntFunction<TimeSeriesReport.Row> value) {
        return join(rows, row -> Integer.toString(value.applyAsInt(row)));
    }
}
