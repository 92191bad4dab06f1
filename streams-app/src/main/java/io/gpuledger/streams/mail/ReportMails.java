package io.gpuledger.streams.mail;

import io.gpuledger.streams.render.EmailSubject;
import io.gpuledger.streams.render.HtmlOptions;
import io.gpuledger.streams.render.HtmlRenderer;
import io.gpuledger.streams.render.TextRenderer;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.time.LocalDate;
import java.util.List;

/**
 * Composes the e-mails from the same renderers as the page (rules §6.2 HTML in its e-mail form: inline styles, no
 * page chrome, charts whose tables stay open for clients that strip SVG; rules §6.3 text) and the subject of
 * rules §6.1. A report whose numbers are partial says so on the first line of its text, as the page does.
 */
public final class ReportMails {

    private ReportMails() {
    }

    /** The daily (24 h) or weekly (168 h) allocation e-mail. */
    public static ReportMail allocation(String subjectPrefix, LocalDate sendDate, AllocationReport report,
            TimeSeriesReport overTimeOrNull, List<String> recipients) {
        return new ReportMail(EmailSubject.allocation(subjectPrefix, sendDate, report),
                HtmlRenderer.allocation(report, overTimeOrNull, HtmlOptions.email()),
                partialFirst(report.completeness(), TextRenderer.allocation(report)), recipients);
    }

    /** The monthly e-mail: the previous month's summary, the month label as period. */
    public static ReportMail monthly(String subjectPrefix, LocalDate sendDate, MonthlyReport report,
            List<String> recipients) {
        return new ReportMail(EmailSubject.monthly(subjectPrefix, sendDate, report),
                HtmlRenderer.monthly(report, null, HtmlOptions.email()),
                partialFirst(report.completeness(), TextRenderer.monthly(report)), recipients);
    }

    private static String partialFirst(Completeness completeness, String text) {
        return completeness.partial() ? TextRenderer.partialNotice(completeness) + text : text;
    }
}
