package io.gpuledger.streams.render;

import static io.gpuledger.streams.render.DisplayNumbers.oneDecimal;
import static io.gpuledger.streams.render.DisplayNumbers.percent;
import static io.gpuledger.streams.render.DisplayNumbers.twoDecimals;
import static io.gpuledger.streams.render.HtmlWriter.Column.number;
import static io.gpuledger.streams.render.HtmlWriter.Column.text;

import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.PreventJobsStats;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.report.ZeroActiveMachines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * HTML reports for the report page and e-mail (rules §4.13, 6.2; issue 5). Element order, headings, table headers and
 * cell texts follow rules §6.2; the markup is also well-formed XML (void elements self-closed), so tests and tools can
 * read it with an XML parser. Styling is inline only (many mail clients drop or rewrite {@code <style>}, and none load
 * external CSS, scripts or fonts), in a centred container of at most 960 px whose tables scroll sideways on a phone.
 *
 * <p>Additions beyond rules §6.2 are figures, never headings, so the heading sequence stays the rules': after the Real
 * Slots table, allocation % per class over the window (when a time series is given), with its numbers in a table
 * under the chart; at the top of "Usage by Device Type", available vs allocated per device, whose numbers are the
 * device tables right below it.
 *
 * <pre>{@code
 * String page = HtmlRenderer.allocation(report, timeSeries,
 *         HtmlOptions.page(PageChrome.at("/", PageChrome.Selection.allocation(24))));
 * String mailBody = HtmlRenderer.allocation(report, timeSeries, HtmlOptions.email());
 * }</pre>
 */
public final class HtmlRenderer {

    public static final String ALLOCATION_TITLE = "CHTC GPU Allocation Report";
    public static final String TIME_SERIES_TITLE = "CHTC GPU Time Series Report";

    private static final String BODY = "margin:0;padding:0;background:#eef1f4;";
    private static final String CONTAINER = "max-width:960px;margin:0 auto;padding:12px 16px 20px;background:#ffffff;"
            + "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
            + "font-size:15px;line-height:1.45;color:#1f2328;";
    private static final String H1 = "font-size:22px;line-height:1.25;margin:12px 0 4px;color:#1f2328;";
    private static final String H2 = "font-size:18px;line-height:1.3;margin:28px 0 10px;padding-bottom:4px;"
            + "border-bottom:2px solid #c5050c;color:#1f2328;";
    private static final String H3 = "font-size:15px;margin:16px 0 6px;color:#1f2328;";
    private static final String P = "margin:6px 0 10px;";
    private static final String NOTE = "margin:6px 0 10px;font-size:13px;color:#57606a;";
    private static final String BOLD = "font-weight:600;";
    private static final String FIGURE = "margin:14px 0 18px;";
    private static final String FIGCAPTION = "font-size:13px;color:#57606a;margin:0 0 6px;";
    private static final String DETAILS = "margin:6px 0 0;font-size:14px;";
    private static final String SUMMARY = "cursor:pointer;color:#0969da;margin:4px 0;";
    private static final String DATA_PERIOD = "text-align:center;margin:28px 0 8px;color:#1f2328;";
    private static final String HR = "border:0;border-top:1px solid #d0d7de;margin:20px 0 8px;";
    private static final String FOOTER = "margin:4px 0;font-size:12px;color:#57606a;";
    /** Indentation of nested labels, per level (the text report's 2 spaces per level). */
    private static final int INDENT_PX = 18;

    private HtmlRenderer() {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Allocation and monthly (rules §6.2)

    /**
     * rules §6.2 items 1-13.
     *
     * @param timeSeriesOrNull the same window's time series, for the allocation-over-time chart; null for none
     */
    public static String allocation(AllocationReport report, TimeSeriesReport timeSeriesOrNull, HtmlOptions options) {
        ReportMetadata metadata = report.metadata();
        return document(ALLOCATION_TITLE, options, html -> {
            html.element("h1", H1, "CHTC GPU ALLOCATION REPORT");
            partialNotice(html, metadata.completeness());
            html.element("p", P, "Period: " + ReportBody.hoursLabel(metadata.hoursBack()));
            body(html, ReportBody.of(report), timeSeriesOrNull);
            dataPeriod(html, DisplayNumbers.seconds(metadata.startTime()) + " to "
                    + DisplayNumbers.seconds(metadata.endTime()));
            footer(html, metadata);
        });
    }

    /** rules §6.2 "Monthly HTML": the allocation layout without items 5 and 6 and without the runtime footer. */
    public static String monthly(MonthlyReport report, TimeSeriesReport timeSeriesOrNull, HtmlOptions options) {
        return document("CHTC Monthly GPU Report - " + report.month(), options, html -> {
            html.element("h1", H1, "CHTC MONTHLY GPU REPORT - " + report.month().toUpperCase(Locale.ROOT));
            partialNotice(html, report.completeness());
            html.element("p", P, "Period: " + ReportBody.hoursLabel(report.totalHours()));
            body(html, ReportBody.of(report), timeSeriesOrNull);
            dataPeriod(html, report.startDate() + " to " + report.endDate());
        });
    }

    /** rules §4.11: a month without rows; {@code message} is the error, e.g. {@code No data found for May 2026}. */
    public static String monthlyError(String message, HtmlOptions options) {
        return document("CHTC Monthly GPU Report - Error", options, html -> {
            html.element("h1", H1, "Monthly Summary Error");
            html.element("p", P, message);
        });
    }

    private static void body(HtmlWriter html, ReportBody body, TimeSeriesReport timeSeries) {
        html.element("h2", H2, "Real Slots").newline();
        realSlots(html, body.realSlots());
        if (timeSeries != null && !timeSeries.rows().isEmpty()) {
            allocationOverTimeFigure(html, timeSeries);
        }
        if (body.hasMemoryTable()) {
            html.element("h2", H2, "Real Slots by Memory Category" + body.filteredSuffix()).newline();
            ratioTable(html, "table-memory", "Memory Category", body.memoryTable());
        }
        if (body.hasH200Users()) {
            html.element("h2", H2, "H200 Usage by Slot Type and User").newline();
            userTable(html, "table-h200-users", body.h200Users());
        }
        if (body.hasBackfillUsers()) {
            html.element("h2", H2, "Backfill Usage by Slot Type and User" + body.filteredSuffix()).newline();
            userTable(html, "table-backfill-users", body.backfillUsers());
        }
        if (body.hasZeroActive()) {
            html.element("h2", H2, "Machines with Zero Active Primary Slot GPUs").newline();
            zeroActive(html, body.zeroActive());
        }
        if (body.hasDeviceTables()) {
            html.element("h2", H2, "Usage by Device Type" + body.filteredSuffix()).newline();
            deviceTables(html, body.deviceTables());
        }
        html.element("h2", H2, "GPU Draining Status").newline();
        draining(html, body.draining());
        html.element("h2", H2, "GPUs with PreventJobsReason Set" + body.preventJobsHeadingSuffix()).newline();
        preventJobs(html, body.preventJobs());
        if (body.hasExclusions()) {
            html.element("h2", H2, "Excluded Hosts").newline();
            List<HtmlWriter.Column> columns = List.of(text("Host"), text("Reason"));
            html.tableStart("table-excluded-hosts", columns);
            body.excludedHosts().forEach((pattern, reason) -> html.row(columns, List.of(pattern, reason), null, 0));
            html.tableEnd();
        }
        html.element("h2", H2, "Methodology").newline();
        html.raw(METHODOLOGY).newline();
    }

    private static void realSlots(HtmlWriter html, List<RealSlotsRow> rows) {
        List<HtmlWriter.Column> columns = List.of(text("Class"), number("Allocated %"), number("Allocated (avg.)"),
                number("Drained (avg.)"), number("Available (avg.)"), number("Prevented (avg.)"));
        html.tableStart("table-real-slots", columns);
        for (RealSlotsRow row : rows) {
            html.row(columns, List.of(row.label(), percent(row.allocatedPercent()), oneDecimal(row.claimed()),
                            oneDecimal(row.drained()), oneDecimal(row.available()),
                            DisplayNumbers.prevented(row.prevented())),
                    row.level() == 0 ? BOLD : null, row.level() * INDENT_PX);
        }
        html.tableEnd();
    }

    /** Memory and device tables: TOTAL first and bold (rules §4.3, 4.4). */
    private static void ratioTable(HtmlWriter html, String id, String firstHeader, List<RatioRow> rows) {
        List<HtmlWriter.Column> columns = List.of(text(firstHeader), number("Allocated %"), number("Allocated (avg.)"),
                number("Available (avg.)"));
        html.tableStart(id, columns);
        for (RatioRow row : rows) {
            html.row(columns, List.of(row.label(), percent(row.allocatedPercent()), oneDecimal(row.allocated()),
                    oneDecimal(row.available())), "TOTAL".equals(row.key()) ? BOLD : null, 0);
        }
        html.tableEnd();
    }

    private static void userTable(HtmlWriter html, String id, UserTable table) {
        List<HtmlWriter.Column> columns = List.of(text("Slot Type / User"), number("GPU-Hours"), number("% of Total"));
        html.tableStart(id, columns);
        for (UserTable.ClassGroup group : table.groups()) {
            html.row(columns, List.of(group.label() + " (" + group.users().size() + " users)",
                    oneDecimal(group.slotTotal()), percent(group.percentOfTotal())), BOLD, 0);
            for (UserTable.UserLine user : group.users()) {
                html.row(columns, List.of(user.user(), oneDecimal(user.gpuHours()), percent(user.percentOfTotal())),
                        null, INDENT_PX);
            }
        }
        html.tableEnd();
    }

    private static void zeroActive(HtmlWriter html, ZeroActiveMachines zeroActive) {
        html.element("p", P, "Total machines: " + zeroActive.totalMachines() + " | Total idle GPUs: "
                + zeroActive.totalGpusIdle());
        List<HtmlWriter.Column> columns = List.of(text("Machine"), text("GPU Type"), number("GPUs"),
                number("Avg Backfill"), text("Prioritized Projects"));
        html.tableStart("table-zero-active", columns);
        for (ZeroActiveMachines.Machine machine : zeroActive.machines()) {
            html.row(columns, List.of(machine.machine(), machine.gpuModelShort(), Integer.toString(machine.allGpus()),
                    oneDecimal(machine.avgBackfillClaimed()), ReportBody.projectsCell(machine.prioritizedProjects())),
                    null, 0);
        }
        html.tableEnd();
    }

    private static void deviceTables(HtmlWriter html, List<DeviceTable> tables) {
        if (SvgCharts.hasDeviceRows(tables)) {
            html.raw("<figure id=\"figure-device-allocation\" style=\"" + FIGURE + "\">");
            html.element("figcaption", FIGCAPTION, "Available (light) and allocated (dark: claimed + drained) GPUs "
                    + "per device, averaged over the period. The tables below give the same numbers.");
            html.raw("<div style=\"" + HtmlWriter.TABLE_WRAP + "\">");
            SvgCharts.deviceAllocation(html, tables);
            html.raw("</div>");
            html.raw("</figure>").newline();
        }
        for (DeviceTable table : tables) {
            html.element("h3", H3, table.title()).newline();
            ratioTable(html, "table-devices-" + table.classId(), "Device Type", table.rows());
        }
    }

    private static void draining(HtmlWriter html, DrainingStats draining) {
        if (draining == null || !draining.hasDraining()) {
            html.element("p", P, ReportBody.NO_DRAINING);
            return;
        }
        List<HtmlWriter.Column> summary = List.of(text("Metric"), number("Value"));
        html.tableStart("table-draining-summary", summary);
        html.row(summary, List.of("Hosts with drained GPUs", Integer.toString(draining.numHosts())), null, 0);
        html.row(summary, List.of("Unique GPUs drained", Integer.toString(draining.numUniqueGpus())), null, 0);
        html.row(summary, List.of("Total draining intervals", Integer.toString(draining.numIntervals())), null, 0);
        html.row(summary, List.of("Total draining time (hours)", twoDecimals(draining.totalHours())), null, 0);
        html.tableEnd();
        List<HtmlWriter.Column> perHost = List.of(text("Host"), number("Drained GPUs"), number("Intervals"),
                number("Total Hours"));
        html.tableStart("table-draining-hosts", perHost);
        draining.perHost().forEach((host, stats) -> html.row(perHost, List.of(host, Integer.toString(stats.numGpus()),
                Integer.toString(stats.numIntervals()), twoDecimals(stats.totalHours())), null, 0));
        html.tableEnd();
    }

    private static void preventJobs(HtmlWriter html, PreventJobsStats stats) {
        if (stats == null || !stats.hasPreventJobs()) {
            html.element("p", P, ReportBody.NO_PREVENT_JOBS);
            return;
        }
        html.element("p", P, "Hosts: " + stats.numHosts() + " | GPUs: " + stats.numUniqueGpus());
        List<HtmlWriter.Column> byReason = List.of(text("Reason"), number("Hosts"), number("GPUs"));
        html.tableStart("table-prevent-reasons", byReason);
        stats.byReason().forEach((reason, count) -> html.row(byReason, List.of(reason,
                Integer.toString(count.numHosts()), Long.toString(count.numGpus())), null, 0));
        html.tableEnd();
        List<HtmlWriter.Column> byHost = List.of(text("Host"), number("GPUs"), text("Reason(s)"), text("Status"),
                text("Last seen"));
        html.tableStart("table-prevent-hosts", byHost);
        stats.perHost().forEach((host, prevent) -> html.row(byHost, List.of(host, Integer.toString(prevent.numGpus()),
                String.join("; ", prevent.reasons()), ReportBody.hostStatus(prevent), prevent.lastSeen()), null, 0));
        html.tableEnd();
        html.element("p", NOTE, ReportBody.PREVENT_JOBS_FOOTNOTE);
    }

    private static void dataPeriod(HtmlWriter html, String period) {
        html.raw("<p style=\"" + DATA_PERIOD + "\"><em>").text("Data Period: " + period).raw("</em></p>").newline();
    }

    /** rules §6.2 item 13. */
    private static void footer(HtmlWriter html, ReportMetadata metadata) {
        String generated = metadata.generatedAt() == null ? ""
                : " | Generated: " + DisplayNumbers.seconds(metadata.generatedAt());
        html.raw("<hr style=\"" + HR + "\"/>").newline();
        html.element("p", FOOTER, "Report generated in " + DisplayNumbers.runtime(metadata.analysisRuntimeSeconds())
                + generated).newline();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Time series (rules §4.13)

    /** rules §4.13 "HTML": header, the chart, the table Bucket | Priority | Shared | Backfill, footer. */
    public static String timeSeries(TimeSeriesReport report, HtmlOptions options) {
        ReportMetadata metadata = report.metadata();
        return document(TIME_SERIES_TITLE, options, html -> {
            html.element("h1", H1, "CHTC GPU TIME SERIES REPORT");
            partialNotice(html, metadata.completeness());
            html.element("p", P, "Period: " + ReportBody.hoursLabel(metadata.hoursBack()));
            html.element("p", NOTE, "Legacy classes per " + report.bucketMinutes() + "-minute interval: Priority "
                    + "(prioritized primary slots), Shared (open capacity), Backfill (backfill slots). Each cell is "
                    + "claimed / (claimed + idle).");
            if (!report.rows().isEmpty()) {
                html.raw("<figure id=\"figure-allocation-over-time\" style=\"" + FIGURE + "\"><div style=\""
                        + HtmlWriter.TABLE_WRAP + "\">");
                SvgCharts.allocationOverTime(html, report);
                html.raw("</div></figure>").newline();
            }
            timeSeriesTable(html, report);
            dataPeriod(html, DisplayNumbers.seconds(metadata.startTime()) + " to "
                    + DisplayNumbers.seconds(metadata.endTime()));
            footer(html, metadata);
        });
    }

    private static void allocationOverTimeFigure(HtmlWriter html, TimeSeriesReport timeSeries) {
        html.raw("<figure id=\"figure-allocation-over-time\" style=\"" + FIGURE + "\">");
        html.element("figcaption", FIGCAPTION, "Allocation % per " + timeSeries.bucketMinutes() + "-minute interval "
                + "for the legacy classes Priority (prioritized primary slots), Shared (open capacity) and Backfill "
                + "(backfill slots): claimed / (claimed + idle).");
        html.raw("<div style=\"" + HtmlWriter.TABLE_WRAP + "\">");
        SvgCharts.allocationOverTime(html, timeSeries);
        html.raw("</div>");
        // Collapsed where <details> works (a browser, which also shows the chart); clients without <details>
        // support show the table open, which is what a client that strips the SVG needs.
        html.raw("<details style=\"" + DETAILS + "\"><summary style=\"" + SUMMARY + "\">");
        html.text("The chart's numbers (" + timeSeries.rows().size() + " intervals)").raw("</summary>");
        timeSeriesTable(html, timeSeries);
        html.raw("</details></figure>").newline();
    }

    private static void timeSeriesTable(HtmlWriter html, TimeSeriesReport report) {
        List<HtmlWriter.Column> columns = List.of(text("Bucket"), number("Priority"), number("Shared"),
                number("Backfill"));
        html.tableStart("table-allocation-over-time", columns);
        for (TimeSeriesReport.Row row : report.rows()) {
            html.row(columns, List.of(DisplayNumbers.seconds(row.timestamp()),
                    TextRenderer.trendCell(row.priorityUsagePercent(), row.priorityClaimed(), row.priorityTotal()),
                    TextRenderer.trendCell(row.sharedUsagePercent(), row.sharedClaimed(), row.sharedTotal()),
                    TextRenderer.trendCell(row.backfillUsagePercent(), row.backfillClaimed(), row.backfillTotal())),
                    null, 0);
        }
        html.tableEnd();
    }

    /** The {@code bucket-minutes} values rules §5.1 allows: multiples of 15 that divide 1440. */
    private static final int[] BUCKET_WIDTHS = {15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440};

    /**
     * The narrowest allowed {@code bucket-minutes} that gives a chart of at most {@code maxBuckets} points over
     * {@code hoursBack} hours (1440 when none does). The chart and its table grow with every bucket, and some mail
     * clients clip a body over ~100 KB: about 100 buckets suit the report page (24 h at 15 minutes), about 24 an
     * e-mail (24 h at 60 minutes, 7 d at 480).
     */
    public static int chartBucketMinutes(long hoursBack, int maxBuckets) {
        long minutes = Math.max(1, hoursBack) * 60;
        for (int width : BUCKET_WIDTHS) {
            if ((minutes + width - 1) / width <= Math.max(1, maxBuckets)) {
                return width;
            }
        }
        return BUCKET_WIDTHS[BUCKET_WIDTHS.length - 1];
    }

    private static final String PARTIAL = "margin:8px 0;padding:8px 12px;border:1px solid #d4a72c;"
            + "background:#fff8c5;color:#3b2300;font-size:14px;";

    /** A report whose numbers cannot be complete yet says so first (a replay, a restore, processing behind). */
    private static void partialNotice(HtmlWriter html, Completeness completeness) {
        if (completeness.partial()) {
            html.raw("<p id=\"partial-notice\" role=\"status\" style=\"" + PARTIAL + "\"><strong>")
                    .text("Partial numbers:").raw("</strong> ").text(completeness.reason()
                            + ". They are complete once it has finished; reload then.").raw("</p>").newline();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Document and page chrome

    private static String document(String title, HtmlOptions options, Consumer<HtmlWriter> report) {
        HtmlWriter html = new HtmlWriter();
        html.raw("<!DOCTYPE html>").newline()
                .raw("<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        html.element("title", null, title);
        html.raw("</head>").newline();
        html.raw("<body style=\"" + BODY + "\">").newline();
        html.raw("<div id=\"gpuledger-report\" style=\"" + CONTAINER + "\">").newline();
        if (options != null && options.hasPageChrome()) {
            chrome(html, options.pageChrome());
        }
        html.raw("<div id=\"report-body\">").newline();
        report.accept(html);
        html.raw("</div>").newline();
        html.raw("</div>").newline().raw("</body></html>").newline();
        return html.toString();
    }

    private static final String NAV = "display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;"
            + "padding:6px 0 10px;border-bottom:1px solid #d0d7de;font-size:14px;";
    private static final String NAV_LINK = "color:#0969da;text-decoration:none;";
    private static final String NAV_CURRENT = "color:#1f2328;font-weight:600;text-decoration:none;";
    private static final String FORM = "display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;margin:8px 0;";
    private static final String LABEL = "display:flex;flex-direction:column;font-size:13px;color:#57606a;";
    private static final String INPUT = "font:inherit;font-size:14px;padding:4px 6px;border:1px solid #c9d1d9;"
            + "border-radius:4px;color:#1f2328;max-width:100%;";
    private static final String BUTTON = "font:inherit;font-size:14px;padding:5px 12px;border:1px solid #1f6feb;"
            + "border-radius:4px;background:#1f6feb;color:#ffffff;cursor:pointer;";

    /** The report page's navigation and forms (issue 5); never part of an e-mail. */
    private static void chrome(HtmlWriter html, PageChrome chrome) {
        html.raw("<nav id=\"report-nav\" aria-label=\"Report periods\" style=\"" + NAV + "\">");
        html.raw("<strong style=\"font-size:14px;\">gpuledger</strong>");
        for (PageChrome.NavLink link : chrome.navLinks()) {
            html.raw("<a").attribute("href", chrome.href(link.query()))
                    .attribute("style", link.current() ? NAV_CURRENT : NAV_LINK);
            if (link.current()) {
                html.attribute("aria-current", "page");
            }
            html.raw(">").text(link.label()).raw("</a>");
        }
        html.raw("</nav>").newline();

        PageChrome.Selection current = chrome.current();
        boolean monthly = "monthly".equals(current.type());
        html.raw("<details id=\"report-parameters\" style=\"" + DETAILS + "\"><summary style=\"" + SUMMARY
                + "\">Choose another period or filter</summary>").newline();

        html.raw("<form id=\"form-allocation\" method=\"get\"").attribute("action", chrome.actionPath())
                .raw(" style=\"" + FORM + "\">");
        hiddenFields(html, chrome.fixedParameters(), "allocation");
        input(html, "Hours back", "number", "hours-back",
                current.hoursBack() != null && !monthly ? Long.toString(current.hoursBack()) : "24",
                " min=\"1\" max=\"8784\" style=\"" + INPUT + "width:7em;\"");
        input(html, "End time (empty = latest)", "text", "end-time", monthly ? "" : current.endTime(),
                " placeholder=\"YYYY-MM-DD HH:MM:SS\" style=\"" + INPUT + "width:13em;\"");
        input(html, "Host contains", "text", "host", current.host(),
                " maxlength=\"255\" style=\"" + INPUT + "width:12em;\"");
        checkbox(html, "all-devices", !monthly && current.allDevices());
        html.raw("<button type=\"submit\" style=\"" + BUTTON + "\">Allocation report</button></form>").newline();

        html.raw("<form id=\"form-monthly\" method=\"get\"").attribute("action", chrome.actionPath())
                .raw(" style=\"" + FORM + "\">");
        hiddenFields(html, chrome.fixedParameters(), "monthly");
        input(html, "Month (empty = last month)", "text", "month", monthly ? current.month() : "",
                " placeholder=\"YYYY-MM\" pattern=\"[0-9]{4}-[0-9]{2}\" style=\"" + INPUT + "width:7em;\"");
        checkbox(html, "all-devices", monthly && current.allDevices());
        html.raw("<button type=\"submit\" style=\"" + BUTTON + "\">Monthly summary</button></form>").newline();
        html.raw("</details>").newline();
    }

    private static void hiddenFields(HtmlWriter html, Map<String, String> fixed, String type) {
        List<String[]> fields = new ArrayList<>();
        fixed.forEach((name, value) -> {
            if (!name.equals("type")) {
                fields.add(new String[] {name, value});
            }
        });
        fields.add(new String[] {"type", type});
        for (String[] field : fields) {
            html.raw("<input type=\"hidden\"").attribute("name", field[0]).attribute("value", field[1]).raw("/>");
        }
    }

    private static void input(HtmlWriter html, String label, String type, String name, String value,
                              String extraAttributes) {
        html.raw("<label style=\"" + LABEL + "\">").text(label).raw("<input").attribute("type", type)
                .attribute("name", name).attribute("value", value == null ? "" : value).raw(extraAttributes)
                .raw("/></label>");
    }

    private static void checkbox(HtmlWriter html, String name, boolean checked) {
        html.raw("<label style=\"font-size:14px;padding-bottom:5px;\"><input type=\"checkbox\"")
                .attribute("name", name).attribute("value", "true").raw(checked ? " checked=\"checked\"" : "")
                .raw("/> Include old devices</label>");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * rules §6.2 item 11: what the numbers mean, summarising the rules sections 2-3 for readers of the report. Static text
     * shipped with gpuledger; change it together with the rules.
     */
    static final String METHODOLOGY = "<div id=\"methodology\" style=\"font-size:14px;\">"
            + "<p style=\"" + P + "\">gpuledger counts the pool's GPUs from collector snapshots of the HTCondor GPU "
            + "slots, taken every few minutes. Time is cut into 15-minute intervals; an interval counts only if it "
            + "holds data, so a collector outage shortens the period rather than reading as idle GPUs. Every figure "
            + "is an average over those intervals.</p>"
            + "<ul style=\"margin:6px 0 10px;padding-left:22px;\">"
            + "<li><strong>Available</strong>: GPUs seen in an interval. <strong>Allocated</strong>: GPUs claimed "
            + "by a job at any snapshot of the interval. <strong>Drained</strong>: GPUs in a drained slot and not "
            + "claimed. <strong>Prevented</strong>: GPUs whose slot reports a PreventJobsReason (such as a failed "
            + "health check) while not claimed.</li>"
            + "<li>A GPU is listed by several slots at once; each snapshot counts it once, by its most telling slot: "
            + "a primary job first, then an idle primary slot, then a primary slot in another state, then a "
            + "backfill job, then a primary slot that refuses jobs, then idle backfill.</li>"
            + "<li><strong>Researcher-Owned Hardware</strong>: primary slots with prioritized projects on machines "
            + "not on the CHTC-owned list. <strong>Researcher-Reserved Capacity</strong>: the same on CHTC-owned "
            + "machines. <strong>Open Capacity</strong>: primary slots without prioritized projects (Flagship: "
            + "H100, H200 and A100 80GB; Standard: the rest).</li>"
            + "<li><strong>Secondary (backfill)</strong> slots lend the same GPUs to preemptible jobs, so their "
            + "capacity is never added to Available; in the totals their jobs count as allocated. Backfill on "
            + "open-capacity machines is not shown.</li>"
            + "<li>Real Slots shows claimed / available. The device and memory tables count drained GPUs as "
            + "allocated (claimed + drained).</li>"
            + "<li>Tables marked (filtered) leave out old devices (GTX 1080, P100, Quadro, A30, A40). Hosts under "
            + "Excluded Hosts are left out of the class counts.</li>"
            + "<li>GPU-hours: the average number of GPUs a user held per interval, times the report's length in "
            + "hours.</li>"
            + "<li>Numbers are rounded half-to-even to one decimal (draining hours to two).</li>"
            + "</ul></div>";
}
