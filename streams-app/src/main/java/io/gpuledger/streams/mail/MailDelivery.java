package io.gpuledger.streams.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link ReportMail} over SMTP, retrying a failed attempt with doubling backoff until {@code retryFor} has
 * passed. Every attempt is logged on one line; the counters feed {@code /metrics}.
 */
public final class MailDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

    /** Waits between attempts; production sleeps, tests may react to the wait instead. */
    @FunctionalInterface
    public interface Backoff {
        void await(Duration wait) throws InterruptedException;
    }

    private final SmtpSettings smtp;
    private final Duration firstBackoff;
    private final Duration retryFor;
    private final Clock clock;
    private final Backoff backoff;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    public MailDelivery(SmtpSettings smtp, Duration firstBackoff, Duration retryFor, Clock clock, Backoff backoff) {
        this.smtp = smtp;
        this.firstBackoff = firstBackoff;
        this.retryFor = retryFor;
        this.clock = clock;
        this.backoff = backoff;
    }

    public static MailDelivery sleeping(SmtpSettings smtp, Duration firstBackoff, Duration retryFor) {
        return new MailDelivery(smtp, firstBackoff, retryFor, Clock.systemUTC(), wait -> Thread.sleep(wait.toMillis()));
    }

    /**
     * @return true once the server accepted the message; false when every attempt within {@code retryFor} failed
     */
    public boolean send(ReportMail mail) throws InterruptedException {
        Instant giveUpAt = clock.instant().plus(retryFor);
        Duration wait = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                transmit(mail);
                sent.incrementAndGet();
                LOG.info("e-mail sent: \"{}\" to {} via {} (attempt {})", mail.subject(), mail.recipients(), smtp,
                        attempt);
                return true;
            } catch (MessagingException e) {
                failedAttempts.incrementAndGet();
                boolean retry = clock.instant().plus(wait).isBefore(giveUpAt);
                LOG.warn("e-mail \"{}\" not sent via {} (attempt {}): {}{}", mail.subject(), smtp, attempt,
                        reason(e), retry ? "; retrying in " + wait.toSeconds() + " s" : "; giving up");
                if (!retry) {
                    givenUp.incrementAndGet();
                    return false;
                }
                backoff.await(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    /** The MIME message: multipart/alternative, text first so clients that prefer the richest part show HTML. */
    public MimeMessage message(ReportMail mail, Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(smtp.from()));
        for (String recipient : mail.recipients()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    private void transmit(ReportMail mail) throws MessagingException {
        // The transport by the protocol's name: Transport.send would pick "smtp" for any internet address and so
        // ignore the smtps settings of implicit TLS.
        Session session = Session.getInstance(smtp.sessionProperties());
        MimeMessage message = message(mail, session);
        try (Transport transport = session.getTransport(smtp.protocol())) {
            if (smtp.authenticates()) {
                transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The innermost message, without class names: "Connection refused", "535 Authentication failed". */
    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return message == null ? "no reason given" : message.strip().replaceAll("\\s+", " ");
    }

    /** Counts a firing that could not even be composed (no data in its window) as given up. */
    public void countGivenUp() {
        givenUp.incrementAndGet();
    }

    public long sentCount() {
        return sent.get();
    }

    public long failedAttemptCount() {
        return failedAttempts.get();
    }

    public long givenUpCount() {
        return givenUp.get();
    }
}
