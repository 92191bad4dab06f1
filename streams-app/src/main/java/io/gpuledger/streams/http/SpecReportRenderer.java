package io.gpuledger.streams.http;

import io.gpuledger.streams.render.CsvRenderer;
import io.gpuledger.streams.render.HtmlOptions;
import io.gpuledger.streams.render.HtmlRenderer;
import io.gpuledger.streams.render.PageChrome;
import io.gpuledger.streams.render.TextRenderer;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.GpuModelSnapshotReport;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.Report;
import io.gpuledger.streams.report.TimeSeriesReport;

/**
 * The rules §6 renderers of {@code io.gpuledger.streams.render} behind {@link ReportRenderer}: the API's HTML is the
 * e-mail body (no navigation), the report page adds its navigation and forms pointing back at {@code /}.
 */
public final class SpecReportRenderer implements ReportRenderer {

    @Override
    public String render(Report report, TimeSeriesReport overTimeOrNull, ReportFormat format) {
        return switch (format) {
            case TEXT -> text(report);
            case HTML -> html(report, overTimeOrNull, HtmlOptions.email());
            case CSV -> csv(report);
            case JSON -> throw new IllegalArgumentException("JSON is written by ReportJson");
        };
    }

    @Override
    public String page(Report report, TimeSeriesReport overTimeOrNull, PageSelection selection) {
        return html(report, overTimeOrNull, HtmlOptions.page(chrome(selection)));
    }

    @Override
    public String noData(NoDataException error, ReportFormat format, PageSelection pageOrNull) {
        if (format != ReportFormat.HTML) {
            return TextRenderer.error(error.describe());
        }
        HtmlOptions options = pageOrNull == null ? HtmlOptions.email() : HtmlOptions.page(chrome(pageOrNull));
        if (error.month() != null) {
            return HtmlRenderer.monthlyError(error.describe(), options);
        }
        return noDataPage(error.describe(), pageOrNull);
    }

    private static String text(Report report) {
        String text = report.match(new Report.Cases<>() {
            public String allocation(AllocationReport allocation) {
                return TextRenderer.allocation(allocation);
            }

            public String monthly(MonthlyReport monthly) {
                return TextRenderer.monthly(monthly);
            }

            public String timeSeries(TimeSeriesReport series) {
                return TextRenderer.timeSeries(series);
            }

            public String gpuModelSnapshot(GpuModelSnapshotReport snapshot) {
                return TextRenderer.gpuModelSnapshot(snapshot);
            }
        });
        return report.completeness().partial() ? TextRenderer.partialNotice(report.completeness()) + text : text;
    }

    private static String html(Report report, TimeSeriesReport overTime, HtmlOptions options) {
        return report.match(new Report.Cases<>() {
            public String allocation(AllocationReport allocation) {
                return HtmlRenderer.allocation(allocation, overTime, options);
            }

            public String monthly(MonthlyReport monthly) {
                return HtmlRenderer.monthly(monthly, overTime, options);
            }

            public String timeSeries(TimeSeriesReport series) {
                return HtmlRenderer.timeSeries(series, options);
            }

            public String gpuModelSnapshot(GpuModelSnapshotReport snapshot) {
                // rules §4.12: no HTML for this type; the parameters refuse it before anything is computed.
                throw new IllegalArgumentException("no HTML form for " + snapshot.type());
            }
        });
    }

    private static String csv(Report report) {
        return report.match(new Report.Cases<>() {
            public String allocation(AllocationReport allocation) {
                return CsvRenderer.allocation(allocation);
            }

            public String monthly(MonthlyReport monthly) {
                return CsvRenderer.monthly(monthly);
            }

            public String timeSeries(TimeSeriesReport series) {
                return CsvRenderer.timeSeries(series);
            }

            public String gpuModelSnapshot(GpuModelSnapshotReport snapshot) {
                throw new IllegalArgumentException("no CSV form for " + snapshot.type());
            }
        });
    }

    private static PageChrome chrome(PageSelection selection) {
        boolean monthly = "monthly".equals(selection.type());
        return PageChrome.at(ApiHandler.PAGE_PATH, new PageChrome.Selection(selection.type(),
                monthly ? null : selection.hoursBack(), selection.endTime(), selection.host(),
                selection.allDevices(), selection.month()));
    }

    /**
     * An allocation or time-series window without rows. The renderers have no page for it, so this one is minimal:
     * the message and the links to the usual periods (a fresh service shows it until its first snapshots arrive).
     */
    private static String noDataPage(String message, PageSelection selection) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<title>CHTC GPU Allocation Report</title></head><body style=\"font-family:sans-serif;"
                + "margin:16px;\"><h1 style=\"font-size:22px;\">CHTC GPU ALLOCATION REPORT</h1><p id=\"no-data\">")
                .append(escape(message)).append("</p>");
        if (selection != null) {
            html.append("<p><a href=\"/?hours-back=24\">Last 24 hours</a> | <a href=\"/?hours-back=168\">Last 7 "
                    + "days</a> | <a href=\"/?hours-back=720\">Last 30 days</a> | <a href=\"/?type=monthly\">Last "
                    + "month</a></p>");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
