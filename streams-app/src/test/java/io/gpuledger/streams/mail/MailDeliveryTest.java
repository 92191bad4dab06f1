package io.gpuledger.streams.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sending to a real SMTP server (GreenMail, in-process): parts, recipients, TLS, authentication, retry. */
class MailDeliveryTest {

    private static final ReportMail MAIL = new ReportMail("CHTC GPU Allocation 2025-11-03 24h (37.5% | 25.0%)",
            "<html><body><h1>CHTC GPU ALLOCATION REPORT</h1></body></html>", "CHTC GPU UTILIZATION REPORT\n",
            List.of("owners@example.org", "ops@example.org"));

    private GreenMail server;
    private int port;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theMessageArrivesWithSubjectBothPartsAndEveryRecipient() throws Exception {
        server = start(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        boolean sent = delivery(settings(SmtpSecurity.OFF, null, null), Duration.ofMinutes(1)).send(MAIL);

        assertThat(sent).isTrue();
        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient mailbox
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo(MAIL.subject());
        assertThat(message.getFrom()[0].toString()).isEqualTo("gpuledger@example.org");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("owners@example.org", "ops@example.org");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).contains("CHTC GPU UTILIZATION REPORT");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("<h1>CHTC GPU ALLOCATION REPORT</h1>");
    }

    @Test
    void implicitTlsWithAuthenticationDelivers() throws Exception {
        server = start(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        server.setUser("gpuledger@example.org", "reporter", "s3cret");

        boolean sent = delivery(settings(SmtpSecurity.IMPLICIT_TLS, "reporter", "s3cret"), Duration.ofMinutes(1))
                .send(MAIL);

        assertThat(sent).isTrue();
        assertThat(server.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aWrongPasswordIsRetriedThenGivenUpAndCounted() throws Exception {
        server = start(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        server.setUser("gpuledger@example.org", "reporter", "s3cret");
        List<Duration> waits = new ArrayList<>();
        SteppedClock clock = new SteppedClock(Instant.parse("2025-11-03T12:00:00Z"));
        MailDelivery delivery = new MailDelivery(settings(SmtpSecurity.IMPLICIT_TLS, "reporter", "wrong"),
                Duration.ofSeconds(1), Duration.ofSeconds(10), clock, wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                });

        boolean sent = delivery.send(MAIL);

        assertThat(sent).isFalse();
        assertThat(server.getReceivedMessages()).isEmpty();
        assertThat(waits).as("doubling backoff within the 10 s bound")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(delivery.failedAttemptCount()).isEqualTo(4);
        assertThat(delivery.givenUpCount()).isEqualTo(1);
    }

    @Test
    void startTlsRequiredRefusesAServerThatDoesNotOfferIt() throws Exception {
        server = start(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        MailDelivery delivery = new MailDelivery(settings(SmtpSecurity.STARTTLS_REQUIRED, null, null),
                Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC(), wait -> { });

        assertThat(delivery.send(MAIL)).isFalse();
        assertThat(server.getReceivedMessages()).as("nothing sent in the clear").isEmpty();
    }

    @Test
    void startTlsOptionalFallsBackToPlainOnAServerWithoutIt() throws Exception {
        server = start(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        assertThat(delivery(settings(SmtpSecurity.STARTTLS_OPTIONAL, null, null), Duration.ofMinutes(1)).send(MAIL))
                .isTrue();
        assertThat(server.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aServerThatComesUpDuringTheBackoffReceivesTheRetriedMessage() throws Exception {
        port = freePort();
        List<Duration> waits = new ArrayList<>();
        // The first attempt finds nothing listening; the server is started while the sender waits.
        MailDelivery delivery = new MailDelivery(settings(SmtpSecurity.OFF, null, null, port), Duration.ofSeconds(5),
                Duration.ofMinutes(5), Clock.systemUTC(), wait -> {
                    waits.add(wait);
                    server = start(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                });

        assertThat(delivery.send(MAIL)).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(5));
        assertThat(delivery.failedAttemptCount()).isEqualTo(1);
        assertThat(delivery.sentCount()).isEqualTo(1);
        assertThat(server.getReceivedMessages()).hasSize(2);
    }

    @Test
    void thePasswordIsNotPartOfTheSettingsText() throws IOException {
        port = freePort();
        assertThat(settings(SmtpSecurity.IMPLICIT_TLS, "reporter", "s3cret").toString()).doesNotContain("s3cret")
                .contains("reporter");
    }

    private SmtpSettings settings(SmtpSecurity security, String user, String password) {
        return settings(security, user, password, port);
    }

    private static SmtpSettings settings(SmtpSecurity security, String user, String password, int port) {
        return new SmtpSettings("127.0.0.1", port, security, user, password, "gpuledger@example.org",
                Duration.ofSeconds(10), null, true);
    }

    private static MailDelivery delivery(SmtpSettings smtp, Duration retryFor) {
        return new MailDelivery(smtp, Duration.ofSeconds(1), retryFor, Clock.systemUTC(), wait -> { });
    }

    private GreenMail start(ServerSetup setup) {
        port = setup.getPort();
        GreenMail greenMail = new GreenMail(setup);
        greenMail.start();
        return greenMail;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
