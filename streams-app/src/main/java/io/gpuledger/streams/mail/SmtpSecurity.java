package io.gpuledger.streams.mail;

/** How the SMTP connection is protected. */
public enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS; a server that does not offer it is refused. */
    STARTTLS_REQUIRED,
    /** STARTTLS when the server offers it, plain otherwise (a relay on the same host). */
    STARTTLS_OPTIONAL,
    /** Plain SMTP, never upgraded. */
    OFF,
    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT_TLS
}
