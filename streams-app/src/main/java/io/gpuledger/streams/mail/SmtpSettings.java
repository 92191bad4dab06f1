package io.gpuledger.streams.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how reports are sent. {@code username} null means no authentication; the password is held here only to
 * hand to the session and is never part of {@link #toString()}.
 */
public record SmtpSettings(String host, int port, SmtpSecurity security, String username, String password,
        String from, Duration timeout, boolean trustAnyCertificate) {

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
    Properties sessionProperties() {
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
        }
        return properties;
    }

    @Override
    public String toString() {
        return "smtp " + host + ":" + port + " " + security.name().toLowerCase(java.util.Locale.ROOT)
                + (authenticates() ? " as " + username : " without auth") + " from " + from;
    }
}
