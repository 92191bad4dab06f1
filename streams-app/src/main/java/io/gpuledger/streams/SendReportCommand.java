package io.gpuledger.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.streams.mail.MailDelivery;
import io.gpuledger.streams.mail.ReportMail;
import io.gpuledger.streams.mail.SmtpSecurity;
import io.gpuledger.streams.mail.SmtpSettings;
import io.gpuledger.streams.render.EmailSubject;
import io.gpuledger.streams.schedule.ReportKind;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streams-app send-report --type daily|weekly|monthly --to ADDR [--dry-run --out FILE]}: a one-off send of a
 * scheduled e-mail, or a preview of it, from a running instance's reports (the same renderers as the page). The
 * original cron jobs' flag names are accepted as aliases, so their command lines keep working.
 */
@Command(name = "send-report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send (or preview) the daily, weekly or monthly e-mail report from a running instance.")
final class SendReportCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "GPULEDGER_SMTP_PASSWORD";

    @Mixin
    CliSupport.VerboseOption verbose;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of a running instance. Default: ${DEFAULT-VALUE}")
    String url;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "daily (last 24 h), weekly (last 168 h) or monthly (the previous month)")
    String type;

    @Option(names = {"--to", "--email-to"}, paramLabel = "ADDR", split = ",",
            description = "Recipient; repeat or separate with commas.")
    List<String> to = new ArrayList<>();

    @Option(names = {"--from", "--email-from"}, paramLabel = "ADDR", defaultValue = "gpuledger@localhost",
            description = "Sender address. Default: ${DEFAULT-VALUE}")
    String from;

    @Option(names = {"--smtp-host", "--smtp-server"}, paramLabel = "HOST", defaultValue = "localhost",
            description = "SMTP server. Default: ${DEFAULT-VALUE}")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "N", defaultValue = "25", description = "Default: ${DEFAULT-VALUE}")
    int smtpPort;

    @Option(names = "--smtp-security", paramLabel = "MODE", defaultValue = "starttls_optional",
            description = "starttls_required, starttls_optional, off, implicit_tls. Default: ${DEFAULT-VALUE}")
    String smtpSecurity;

    @Option(names = "--smtp-user", paramLabel = "NAME", description = "Authenticate as NAME (no auth without it).")
    String smtpUser;

    @Option(names = "--smtp-password-file", paramLabel = "FILE",
            description = "File holding the SMTP password; else $" + PASSWORD_VARIABLE + ". Never printed.")
    Path smtpPasswordFile;

    @Option(names = {"--smtp-timeout", "--email-timeout"}, paramLabel = "SECONDS", defaultValue = "30",
            description = "Connect/read timeout. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = {"--subject-prefix", "--email-subject-prefix"}, paramLabel = "TEXT",
            defaultValue = EmailSubject.DEFAULT_PREFIX, description = "Default: ${DEFAULT-VALUE}")
    String subjectPrefix;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Zone of the send date. Default: this host's.")
    ZoneId zone;

    @Option(names = "--dry-run", description = "Compose but do not send; write the message to --out or stdout.")
    boolean dryRun;

    @Option(names = "--out", paramLabel = "FILE", description = "With --dry-run: write the MIME message here.")
    Path out;

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Integer call() throws IOException, InterruptedException, MessagingException {
        ReportKind kind;
        try {
            kind = ReportKind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("send-report: --type must be daily, weekly or monthly, got '" + type + "'");
            return CliSupport.EXIT_USAGE;
        }
        SmtpSecurity security;
        try {
            security = SmtpSecurity.valueOf(smtpSecurity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("send-report: --smtp-security must be starttls_required, starttls_optional, off or "
                    + "implicit_tls, got '" + smtpSecurity + "'");
            return CliSupport.EXIT_USAGE;
        }
        if (to.isEmpty() && !dryRun) {
            System.err.println("send-report: --to (or --email-to) is required unless --dry-run");
            return CliSupport.EXIT_USAGE;
        }
        LocalDate sendDate = LocalDate.now(zone == null ? clock : clock.withZone(zone));
        String query = kind == ReportKind.MONTHLY
                ? "type=monthly&month=" + YearMonth.from(sendDate).minusMonths(1)
                : "type=allocation&hours-back=" + kind.hoursBack();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode json = new ObjectMapper().readTree(fetch(client, query + "&format=json"));
        String text = fetch(client, query + "&format=text");
        String html = fetch(client, query + "&format=html");
        List<Double> percentages = new ArrayList<>();
        json.path("subject_percentages").forEach(part -> percentages.add(part.asDouble()));
        String period = kind == ReportKind.MONTHLY ? json.path("month").asText(null)
                : EmailSubject.period(kind.hoursBack());
        ReportMail mail = new ReportMail(EmailSubject.of(subjectPrefix, sendDate, period, percentages), html, text,
                to.isEmpty() ? List.of("preview@localhost") : to);
        SmtpSettings smtp = new SmtpSettings(smtpHost, smtpPort, security, smtpUser, password(), from,
                Duration.ofSeconds(timeoutSeconds), false);
        MailDelivery delivery = MailDelivery.sleeping(smtp, Duration.ofSeconds(30), Duration.ofMinutes(10));
        if (dryRun) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            delivery.message(mail, Session.getInstance(new Properties())).writeTo(message);
            try (OutputStream target = out == null ? System.out : Files.newOutputStream(out)) {
                target.write(message.toByteArray());
            }
            System.err.println("send-report: not sent (--dry-run): \"" + mail.subject() + "\"");
            return CliSupport.EXIT_OK;
        }
        return delivery.send(mail) ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
    }

    private String password() throws IOException {
        if (smtpPasswordFile != null) {
            return Files.readString(smtpPasswordFile, StandardCharsets.UTF_8).strip();
        }
        return System.getenv(PASSWORD_VARIABLE);
    }

    private String fetch(HttpClient client, String query) throws IOException, InterruptedException {
        URI uri = URI.create(url.replaceAll("/+$", "") + "/api/v1/report?" + query);
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("cannot reach " + url + ": " + ReportCommand.whyUnreachable(e), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(uri + " answered HTTP " + response.statusCode() + ": "
                    + response.body().strip().lines().findFirst().orElse(""));
        }
        return response.body();
    }
}
