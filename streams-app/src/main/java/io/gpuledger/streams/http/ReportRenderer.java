package io.gpuledger.streams.http;

import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.Report;
import io.gpuledger.streams.report.TimeSeriesReport;

/**
 * Text, HTML and CSV forms of the report records (rules §5.1, 6); JSON is {@code ReportJson} and needs no renderer.
 * Kept behind an interface so that the HTTP layer does not depend on how reports are laid out.
 */
public interface ReportRenderer {

    /**
     * @param report         the report
     * @param overTimeOrNull the same window's time series for the HTML over-time chart, or null
     * @param format         text, html or csv
     */
    String render(Report report, TimeSeriesReport overTimeOrNull, ReportFormat format);

    /** The report page ({@code GET /}): the HTML report with navigation links and a parameter form. */
    String page(Report report, TimeSeriesReport overTimeOrNull, PageSelection selection);

    /**
     * A report without data (rules §3.1, 4.11, 4.12) as text or HTML.
     *
     * @param pageOrNull the page's selection when the report page asked, else null
     */
    String noData(NoDataException error, ReportFormat format, PageSelection pageOrNull);
}
