package io.gpuledger.streams.http;

import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.report.TimeSeriesReport;

/**
 * A stand-in used until the SPEC 6 renderers are wired in: text is the pretty JSON, HTML a page around it, CSV the
 * pretty JSON too. It keeps every format answering with the right content type.
 */
public final class PlainReportRenderer implements ReportRenderer {

    @Override
    public String render(Object report, TimeSeriesReport overTimeOrNull, ReportFormat format) {
        String json = ReportJson.toPrettyJson(report);
        return format == ReportFormat.HTML ? page("gpuledger report", "<pre>" + escape(json) + "</pre>") : json + "\n";
    }

    @Override
    public String page(Object report, TimeSeriesReport overTimeOrNull, PageSelection selection) {
        return page("CHTC GPU Allocation Report", links() + "<pre>" + escape(ReportJson.toPrettyJson(report))
                + "</pre>");
    }

    @Override
    public String noData(NoDataException error, ReportFormat format, PageSelection pageOrNull) {
        if (format != ReportFormat.HTML) {
            return error.getMessage() + "\n";
        }
        return page("gpuledger report", (pageOrNull == null ? "" : links()) + "<p>" + escape(error.getMessage())
                + "</p>");
    }

    private static String links() {
        return "<p><a href=\"/?hours-back=24\">Last 24 hours</a> | <a href=\"/?hours-back=168\">Last 7 days</a> | "
                + "<a href=\"/?hours-back=720\">Last 30 days</a> | <a href=\"/?type=monthly\">Last month</a></p>";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + escape(title)
                + "</title></head><body>" + body + "</body></html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
