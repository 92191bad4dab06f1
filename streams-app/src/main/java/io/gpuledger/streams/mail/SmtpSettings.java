package io.gpuledger.streams.mail;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where and how reports are sent. {@code username} null means no authentication; the password is held here only to
 * hand to the session and is never part of {@link #toString()}. {@code caFile} (PEM, or null for the JVM's CAs) is
 * what the relay's certificate must chain to; {@code trustAnyCertificate} is for in-process test servers only and
 * has no setting.
 */
public record SmtpSettings(String host, int port, SmtpSecurity security, String username, String password,
        String from, Duration timeout, Path caFile, boolean trustAnyCertificate) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp port must be 1-65535, got " + port);
        }
    }

    public boolean authenticates() {
        return username != null && !username.isBlank();
    }

    /** {@code smtps} for implicit TLS, {@code smtp} otherwise. */
    String protocol() {
        return security == SmtpSecurity.IMPLICIT_TLS ? "smtps" : "smtp";
    }

    /** The jakarta.mail session properties for these settings. */
    Properties sessionProperties() throws MessagingException {
        String protocol = protocol();
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty(prefix + "host", host);
        properties.setProperty(prefix + "port", Integer.toString(port));
        properties.setProperty(prefix + "auth", Boolean.toString(authenticates()));
        String millis = Long.toString(timeout.toMillis());
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        properties.setProperty(prefix + "starttls.enable", Boolean.toString(
                security == SmtpSecurity.STARTTLS_REQUIRED || security == SmtpSecurity.STARTTLS_OPTIONAL));
        properties.setProperty(prefix + "starttls.required",
                Boolean.toString(security == SmtpSecurity.STARTTLS_REQUIRED));
        if (security == SmtpSecurity.IMPLICIT_TLS) {
            properties.setProperty(prefix + "ssl.enable", "true");
        }
        if (trustAnyCertificate) {
            // For a relay with a self-signed certificate (and the in-process test server); off by default.
            properties.setProperty(prefix + "ssl.trust", "*");
            properties.setProperty(prefix + "ssl.checkserveridentity", "false");
        } else {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            if (caFile != null) {
                // Used for implicit TLS and for the STARTTLS upgrade alike.
                properties.put(prefix + "ssl.socketFactory", socketFactoryTrusting(caFile));
            }
        }
        return properties;
    }

    private static SSLSocketFactory socketFactoryTrusting(Path caFile) throws MessagingException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new MessagingException("smtp-ca-file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new MessagingException("smtp-ca-file " + caFile + " cannot be used: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "smtp " + host + ":" + port + " " + security.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (authenticates() ? " as " + username : " without auth") + " from " + from;
    }
}
