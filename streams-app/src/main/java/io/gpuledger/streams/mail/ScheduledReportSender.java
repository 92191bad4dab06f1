package io.gpuledger.streams.mail;

import io.gpuledger.streams.query.ClusterReports;
import io.gpuledger.streams.query.OutsideRetentionException;
import io.gpuledger.streams.query.ReportQuery;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.schedule.ReportKind;
import io.gpuledger.streams.schedule.ReportScheduler;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes a scheduled e-mail from the live stores (the same reports and renderers as the page) and delivers it.
 * Daily and weekly: the last 24 or 168 hours up to the latest snapshot; monthly: the month before the firing's.
 */
public final class ScheduledReportSender implements ReportScheduler.Sender {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledReportSender.class);

    /** About 24 chart points: some mail clients clip a body over ~100 KB. */
    public static final int EMAIL_CHART_BUCKETS = 24;

    private final ClusterReports reports;
    private final MailDelivery delivery;
    private final String subjectPrefix;
    private final Map<ReportKind, List<String>> recipients;

    public ScheduledReportSender(ClusterReports reports, MailDelivery delivery, String subjectPrefix,
            Map<ReportKind, List<String>> recipients) {
        this.reports = reports;
        this.delivery = delivery;
        this.subjectPrefix = subjectPrefix;
        this.recipients = Map.copyOf(recipients);
    }

    @Override
    public boolean send(ReportKind kind, ZonedDateTime firing) throws InterruptedException {
        ReportMail mail;
        try {
            mail = compose(kind, firing);
        } catch (NoDataException | OutsideRetentionException e) {
            LOG.warn("{} e-mail of {} not sent: {}", kind.key(), firing, e.getMessage());
            delivery.countGivenUp();
            return false;
        }
        return delivery.send(mail);
    }

    /** The e-mail of one firing, as it would be sent now. */
    public ReportMail compose(ReportKind kind, ZonedDateTime firing) {
        List<String> to = recipients.get(kind);
        if (kind == ReportKind.MONTHLY) {
            MonthlyReport report = reports.monthly(ReportQuery.monthly(ReportKind.reportedMonth(firing)));
            return ReportMails.monthly(subjectPrefix, firing.toLocalDate(), report, to);
        }
        ClusterReports.Charted<AllocationReport> charted = reports.allocationWithChart(
                ReportQuery.allocation(kind.hoursBack()), EMAIL_CHART_BUCKETS);
        return ReportMails.allocation(subjectPrefix, firing.toLocalDate(), charted.report(), charted.overTime(),
                to);
    }
}
