package io.gpuledger.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.streams.http.HttpSettings;
import io.gpuledger.streams.render.EmailSubject;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The service sends its scheduled e-mails itself. Given an instance holding rules §7 Example D (May 2026) whose clock
 * says Monday 1 June 2026, 06:00:30 in the collector's zone, once it is ready, then the daily, the weekly and the
 * monthly report each arrive once at the relay: the subject of rules §6.1 with the numbers the API answers, an HTML
 * and a text part, to each kind's recipients; the monthly one shows May 2026; {@code /metrics} counts them.
 */
@WithKafka
class ScheduledEmailIT {

    private static final String ZONE = "America/Chicago";
    private static final LocalDate FIRST_OF_JUNE = LocalDate.of(2026, 6, 1);

    @Test
    void onMondayTheFirstAReadyInstanceSendsTheDailyWeeklyAndMonthlyReportOnceEach(KafkaBroker kafka)
            throws Exception {
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail relay = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("email"), 2);
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleD().snapshots());
        Path dir = HttpFixtures.tempDir("email");
        var config = HttpFixtures.config(kafka, topic, kafka.uniqueTopicName("email-app"), dir, 2, Map.of(
                "collector-zone", ZONE,
                "email-to", "owners@example.org, ops@example.org",
                "email-to-weekly", "director@example.org",
                "email-from", "gpuledger@example.org",
                "smtp-server", "127.0.0.1",
                "smtp-port", Integer.toString(smtpPort),
                "smtp-security", "off",
                "email-subject-prefix", "[pool] GPU"));
        Clock mondayFirst = Clock.fixed(LocalDateTime.parse("2026-06-01T06:00:30").atZone(ZoneId.of(ZONE))
                .toInstant(), ZoneId.of(ZONE));
        try (ServiceLauncher.Instance instance = ServiceLauncher.start(config, HttpSettings.from(config), false,
                mondayFirst)) {
            String base = instance.baseUrl();
            HttpFixtures.awaitReady(base, Duration.ofMinutes(1));
            // One delivery per recipient: 2 daily + 1 weekly + 2 monthly.
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> relay.getReceivedMessages().length >= 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> HttpFixtures.get(base, "/metrics").body()
                    .contains("gpuledger_email_sent_total 3.0"));

            Map<String, MimeMessage> bySubject = new TreeMap<>();
            Map<String, List<String>> recipients = new TreeMap<>();
            for (MimeMessage message : relay.getReceivedMessages()) {
                bySubject.put(message.getSubject(), message);
                recipients.put(message.getSubject(), addresses(message.getRecipients(Message.RecipientType.TO)));
            }
            String daily = EmailSubject.of("[pool] GPU", FIRST_OF_JUNE, "24h", percentages(base, 24));
            String weekly = EmailSubject.of("[pool] GPU", FIRST_OF_JUNE, "1w", percentages(base, 168));
            String monthly = "[pool] GPU 2026-06-01 May 2026";
            assertThat(bySubject).containsOnlyKeys(daily, weekly, monthly);
            assertThat(recipients).containsEntry(daily, List.of("owners@example.org", "ops@example.org"))
                    .containsEntry(weekly, List.of("director@example.org"))
                    .containsEntry(monthly, List.of("owners@example.org", "ops@example.org"));

            for (MimeMessage message : bySubject.values()) {
                assertThat(message.getFrom()[0].toString()).isEqualTo("gpuledger@example.org");
                MimeMultipart parts = (MimeMultipart) message.getContent();
                assertThat(parts.getContentType()).startsWith("multipart/alternative");
                assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
                assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            }
            assertThat(text(bySubject.get(daily))).contains("CHTC GPU UTILIZATION REPORT", "Period: 24 hours");
            assertThat(html(bySubject.get(daily))).contains("CHTC GPU ALLOCATION REPORT</h1>", "Period: 24 hours",
                    "<svg");
            assertThat(text(bySubject.get(weekly))).contains("Period: 168 hours");
            assertThat(text(bySubject.get(monthly))).contains("CHTC MONTHLY GPU REPORT - MAY 2026",
                    "bob@chtc.wisc.edu: 744.0 hrs", "dave@chtc.wisc.edu: 372.0 hrs",
                    "A100 40GB: 75.0% (avg 1.5/2.0 GPUs)");
            assertThat(html(bySubject.get(monthly))).contains("CHTC MONTHLY GPU REPORT - MAY 2026", "744.0");
        } finally {
            relay.stop();
            HttpFixtures.deleteRecursively(dir);
        }
    }

    private static List<Double> percentages(String base, int hoursBack) {
        JsonNode report = HttpFixtures.get(base, "/api/v1/report?hours-back=" + hoursBack).json();
        List<Double> percentages = new ArrayList<>();
        report.path("subject_percentages").forEach(part -> percentages.add(part.asDouble()));
        return percentages;
    }

    private static String text(MimeMessage message) throws Exception {
        return ((MimeMultipart) message.getContent()).getBodyPart(0).getContent().toString();
    }

    private static String html(MimeMessage message) throws Exception {
        return ((MimeMultipart) message.getContent()).getBodyPart(1).getContent().toString();
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> list = new ArrayList<>();
        for (Address address : addresses) {
            list.add(address.toString());
        }
        return list;
    }
}
