package io.gpuledger.streams.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;

/**
 * Against a relay that, like a campus submission server, requires STARTTLS and authentication and presents a
 * certificate of the site's own CA: given that CA as {@code smtp-ca-file}, the report is delivered; without it, or
 * with the wrong password, or without STARTTLS, it is not, and the failure is counted.
 */
class StartTlsRelayTest {

    private static final String PASSWORD = "relay-secret";
    private static final ReportMail MAIL = new ReportMail("CHTC GPU Allocation 2025-11-03 24h", "<p>html</p>",
            "text", List.of("owners@example.org"));

    @TempDir
    static Path keys;
    private static Path caFile;
    private static SSLContext serverTls;

    private Wiser relay;

    /** A key pair and self-signed certificate for 127.0.0.1, made with the JDK's keytool: the "site CA". */
    @BeforeAll
    static void makeRelayCertificate() throws Exception {
        Path keyStore = keys.resolve("relay.p12");
        caFile = keys.resolve("relay-ca.pem");
        keytool("-genkeypair", "-alias", "relay", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "relay", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", caFile.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @BeforeEach
    void startRelay() throws Exception {
        relay = Wiser.create(SMTPServer.port(0).bindAddress(InetAddress.getByName("127.0.0.1")).hostName("127.0.0.1")
                .enableTLS().requireTLS().startTlsSocketFactory(serverTls)
                .requireAuth().authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(
                        (user, password, context) -> {
                            if (!"gpuledger".equals(user) || !PASSWORD.equals(password)) {
                                throw new LoginFailedException();
                            }
                        })));
        relay.start();
    }

    @AfterEach
    void stopRelay() throws Exception {
        relay.stop();
    }

    private SmtpSettings settings(SmtpSecurity security, String password, Path ca) {
        return new SmtpSettings("127.0.0.1", relay.getServer().getPortAllocated(), security, "gpuledger", password,
                "gpuledger@example.org", Duration.ofSeconds(10), ca, false);
    }

    private static MailDelivery delivery(SmtpSettings smtp) {
        return new MailDelivery(smtp, Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC(), wait -> { });
    }

    @Test
    void startTlsWithTheSiteCaAndTheRightPasswordDelivers() throws Exception {
        MailDelivery delivery = delivery(settings(SmtpSecurity.STARTTLS_REQUIRED, PASSWORD, caFile));

        assertThat(delivery.send(MAIL)).isTrue();

        assertThat(relay.getMessages()).hasSize(1);
        assertThat(relay.getMessages().get(0).getMimeMessage().getSubject()).isEqualTo(MAIL.subject());
        assertThat(relay.getMessages().get(0).getEnvelopeReceiver()).isEqualTo("owners@example.org");
        assertThat(delivery.sentCount()).isEqualTo(1);
    }

    @Test
    void startTlsOptionalUpgradesWhenTheRelayOffersIt() throws Exception {
        // The relay refuses mail before STARTTLS, so a delivery proves the upgrade happened.
        assertThat(delivery(settings(SmtpSecurity.STARTTLS_OPTIONAL, PASSWORD, caFile)).send(MAIL)).isTrue();
        assertThat(relay.getMessages()).hasSize(1);
    }

    @Test
    void aCertificateNotFromTheConfiguredCasIsRefused() throws Exception {
        MailDelivery delivery = delivery(settings(SmtpSecurity.STARTTLS_REQUIRED, PASSWORD, null));

        assertThat(delivery.send(MAIL)).isFalse();

        assertThat(relay.getMessages()).isEmpty();
        assertThat(delivery.failedAttemptCount()).isEqualTo(1);
        assertThat(delivery.givenUpCount()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsRefusedAfterTheUpgrade() throws Exception {
        MailDelivery delivery = delivery(settings(SmtpSecurity.STARTTLS_REQUIRED, "wrong", caFile));

        assertThat(delivery.send(MAIL)).isFalse();

        assertThat(relay.getMessages()).isEmpty();
        assertThat(delivery.givenUpCount()).isEqualTo(1);
    }

    @Test
    void withoutStartTlsTheRelayRefusesTheMessage() throws Exception {
        MailDelivery delivery = delivery(settings(SmtpSecurity.OFF, PASSWORD, caFile));

        assertThat(delivery.send(MAIL)).isFalse();

        assertThat(relay.getMessages()).isEmpty();
    }
}
