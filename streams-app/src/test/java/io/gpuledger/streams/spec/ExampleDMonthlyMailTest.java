package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.mail.MailDelivery;
import io.gpuledger.streams.mail.ReportMail;
import io.gpuledger.streams.mail.ReportMails;
import io.gpuledger.streams.mail.SmtpSecurity;
import io.gpuledger.streams.mail.SmtpSettings;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.schedule.ReportKind;
import io.gpuledger.streams.schedule.ReportSchedule;
import io.gpuledger.streams.topology.TopologyHarness;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * rules §7.4, Example D's month: the monthly e-mail sent on 1 June 2026 at 06:00 reports May 2026 and carries the
 * numbers of rules §7 (744 hours, H200 bob 744.0 h and dave 372.0 h) in both parts.
 */
class ExampleDMonthlyMailTest {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");

    private TopologyHarness harness;
    private GreenMail server;

    @BeforeEach
    void start() {
        harness = new TopologyHarness();
        harness.pipe(SpecExamples.exampleD().snapshots());
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        harness.close();
    }

    @Test
    void theMonthlyMailOnTheFirstOfJuneShowsMay2026() throws Exception {
        Clock firstOfJune = Clock.fixed(LocalDateTime.parse("2026-06-01T06:00").atZone(ZONE).toInstant(), ZONE);
        ZonedDateTime firing = ReportSchedule.defaults(ReportKind.MONTHLY, ZONE).latestFiring(firstOfJune);
        YearMonth month = ReportKind.reportedMonth(firing);

        MonthlyReport report = monthly(month);
        ReportMail mail = ReportMails.monthly("CHTC GPU Allocation", firing.toLocalDate(), report,
                List.of("owners@example.org"));
        boolean sent = new MailDelivery(new SmtpSettings("127.0.0.1", server.getSmtp().getPort(), SmtpSecurity.OFF,
                null, null, "gpuledger@example.org", Duration.ofSeconds(10), null, false), Duration.ofSeconds(1),
                Duration.ZERO, firstOfJune, wait -> { }).send(mail);

        assertThat(month).isEqualTo(YearMonth.of(2026, 5));
        assertThat(sent).isTrue();
        MimeMessage message = server.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("CHTC GPU Allocation 2026-06-01 May 2026");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        String text = parts.getBodyPart(0).getContent().toString();
        String html = parts.getBodyPart(1).getContent().toString();
        assertThat(text).contains("CHTC MONTHLY GPU REPORT - MAY 2026").contains("Period: May 2026")
                .contains("bob@chtc.wisc.edu: 744.0 hrs").contains("dave@chtc.wisc.edu: 372.0 hrs")
                .contains("A100 40GB: 75.0% (avg 1.5/2.0 GPUs)").contains("Data Period: May 2026");
        assertThat(html).contains("CHTC MONTHLY GPU REPORT - MAY 2026").contains("744.0").contains("372.0")
                .doesNotContain("<link").doesNotContain("<script");
    }

    @Test
    void aPartialMonthSaysSoOnTheFirstLine() {
        MonthlyReport report = monthly(YearMonth.of(2026, 5))
                .withCompleteness(Completeness.partial("the backfill of May 2026 is still loading"));

        ReportMail mail = ReportMails.monthly(null, java.time.LocalDate.of(2026, 6, 1), report,
                List.of("owners@example.org"));

        assertThat(mail.firstTextLine()).startsWith("PARTIAL NUMBERS: the backfill of May 2026 is still loading");
        assertThat(mail.subject()).isEqualTo("CHTC GPU Allocation 2026-06-01 May 2026");
    }

    private MonthlyReport monthly(YearMonth month) {
        ExampleQuery query = SpecExamples.exampleDMonthlyQuery();
        return ReportEngine.monthly(harness.source(ReportEngine.monthWindow(month)), month, config(query));
    }
}
