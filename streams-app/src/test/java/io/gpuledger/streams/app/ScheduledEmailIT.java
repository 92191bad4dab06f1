package io.gpuledger.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.streams.render.EmailSubject;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service sends its scheduled e-mails itself: given a running instance with daily recipients (the default
 * schedule, 06:00, whose latest firing is due on a new ledger), once it is ready, then the daily report arrives at the relay with the subject of rules §6.1 (the numbers the API
 * answers), an HTML and a text part, to the configured recipients only, and {@code /metrics} counts it.
 */
@WithKafka
class ScheduledEmailIT {

    @Test
    void aReadyInstanceSendsTheDueDailyReportOnceWithBothPartsToItsRecipients(KafkaBroker kafka) throws Exception {
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail relay = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("email"), 2);
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        Path dir = HttpFixtures.tempDir("email");
        String zone = "America/Chicago";
        var config = HttpFixtures.config(kafka, topic, kafka.uniqueTopicName("email-app"), dir, 2, Map.of(
                "collector-zone", zone,
                "email-to-daily", "owners@example.org, ops@example.org",
                "email-from", "gpuledger@example.org",
                "smtp-server", "127.0.0.1",
                "smtp-port", Integer.toString(smtpPort),
                "smtp-security", "off",
                "email-subject-prefix", "[pool] GPU"));
        try (ServiceLauncher.Instance instance = HttpFixtures.start(config)) {
            String base = instance.baseUrl();
            HttpFixtures.awaitReady(base, Duration.ofMinutes(1));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> relay.getReceivedMessages().length >= 2);

            // One message per recipient at the relay, the same message.
            MimeMessage[] received = relay.getReceivedMessages();
            assertThat(received).hasSize(2);
            MimeMessage message = received[0];
            assertThat(addresses(message.getRecipients(Message.RecipientType.TO)))
                    .containsExactly("owners@example.org", "ops@example.org");
            assertThat(message.getFrom()[0].toString()).isEqualTo("gpuledger@example.org");

            JsonNode report = HttpFixtures.get(base, "/api/v1/report?hours-back=24").json();
            List<Double> percentages = new ArrayList<>();
            report.path("subject_percentages").forEach(part -> percentages.add(part.asDouble()));
            LocalDate today = LocalDate.now(ZoneId.of(zone));
            assertThat(message.getSubject()).isIn(
                    EmailSubject.of("[pool] GPU", today, "24h", percentages),
                    EmailSubject.of("[pool] GPU", today.minusDays(1), "24h", percentages));

            MimeMultipart parts = (MimeMultipart) message.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat((String) parts.getBodyPart(0).getContent()).contains("CHTC GPU UTILIZATION REPORT", "REAL SLOTS:");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat((String) parts.getBodyPart(1).getContent())
                    .contains("CHTC GPU ALLOCATION REPORT</h1>", "Period: 24 hours", "<svg");

            assertThat(HttpFixtures.get(base, "/metrics").body()).contains("gpuledger_email_sent_total 1.0");
        } finally {
            relay.stop();
            HttpFixtures.deleteRecursively(dir);
        }
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        List<String> list = new ArrayList<>();
        for (jakarta.mail.Address address : addresses) {
            list.add(address.toString());
        }
        return list;
    }
}
