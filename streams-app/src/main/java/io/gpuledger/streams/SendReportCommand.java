package io.gpuledger.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.settings.Program;
import io.gpuledger.ingest.settings.Setting;
import io.gpuledger.ingest.settings.SettingException;
import io.gpuledger.ingest.settings.SettingValues;
import io.gpuledger.ingest.settings.SettingsTable;
import io.gpuledger.streams.config.EmailConfig;
import io.gpuledger.streams.mail.MailDelivery;
import io.gpuledger.streams.mail.ReportMail;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code streams-app send-report --type daily|weekly|monthly --to ADDR [--dry-run --out FILE]}: a one-off send of a
 * scheduled e-mail, or a preview of it, from a running instance's reports (the same renderers as the page). The
 * original cron jobs' flag names are accepted as aliases, so their command lines keep working.
 */
@Command(name = "send-report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send (or preview) the daily, weekly or monthly e-mail report from a running instance.")
final class SendReportCommand implements Callable<Integer>, Program {

    static final Setting<String> URL = Setting.text("url", "URL", "Base URL of a running instance.")
            .defaultsTo("http://127.0.0.1:8080");
    static final Setting<ReportKind> TYPE = Setting.choice("type",
            "daily (last 24 h), weekly (last 168 h) or monthly (the previous month).", ReportKind.class);
    static final Setting<List<String>> TO = EmailConfig.EMAIL_TO.alsoKnownAs("to")
            .withHelp("Recipients (comma list or repeated); required unless --dry-run.");
    static final Setting<ZoneId> ZONE = Setting.zone("zone", "ZONE", "Zone of the send date.")
            .derivedDefault(values -> ZoneId.systemDefault(), "this host's");
    static final Setting<Boolean> DRY_RUN = Setting.flag("dry-run",
            "Compose but do not send; write the message to --out or stdout.");
    static final Setting<Path> OUT = Setting.path("out", "FILE", "With --dry-run: write the MIME message here.");

    /** Its own settings, then the relay settings it shares with the service's schedule. */
    static final SettingsTable TABLE = SettingsTable.of("send-report", List.of(URL, TYPE, TO, ZONE, DRY_RUN, OUT),
            EmailConfig.SMTP);

    @Spec
    CommandSpec spec;

    @Mixin
    CliSupport.VerboseOption verbose;

    Clock clock = Clock.systemDefaultZone();

    @Override
    public SettingsTable settingsTable() {
        return TABLE;
    }

    @Override
    public Integer call() throws IOException, InterruptedException, MessagingException {
        if (TABLE.printExampleConfigIfAsked(spec.commandLine().getParseResult(), spec.commandLine().getOut())) {
            return CliSupport.EXIT_OK;
        }
        SettingValues values = TABLE.load(spec.commandLine().getParseResult());
        ReportKind kind = values.get(TYPE);
        if (kind == null) {
            throw new SettingException("--type is required (daily, weekly or monthly)");
        }
        boolean dryRun = values.get(DRY_RUN);
        List<String> to = EmailConfig.addresses(TO, values.get(TO));
        if (to.isEmpty() && !dryRun) {
            throw new SettingException("--email-to (or --to) is required unless --dry-run");
        }
        SmtpSettings smtp = EmailConfig.smtp(values);
        String url = values.get(URL);
        LocalDate sendDate = LocalDate.now(clock.withZone(values.get(ZONE)));
        String query = kind == ReportKind.MONTHLY
                ? "type=monthly&month=" + ReportKind.reportedMonth(sendDate.atStartOfDay(values.get(ZONE)))
                : "type=allocation&hours-back=" + kind.hoursBack();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode json = new ObjectMapper().readTree(fetch(client, url, query + "&format=json"));
        String text = fetch(client, url, query + "&format=text");
        String html = fetch(client, url, query + "&format=html");
        List<Double> percentages = new ArrayList<>();
        json.path("subject_percentages").forEach(part -> percentages.add(part.asDouble()));
        String period = kind == ReportKind.MONTHLY ? json.path("month").asText(null)
                : EmailSubject.period(kind.hoursBack());
        ReportMail mail = new ReportMail(EmailSubject.of(values.get(EmailConfig.EMAIL_SUBJECT_PREFIX), sendDate,
                period, percentages), html, text, to.isEmpty() ? List.of("preview@localhost") : to);
        MailDelivery delivery = MailDelivery.sleeping(smtp, EmailConfig.FIRST_RETRY, Duration.ofMinutes(10));
        if (dryRun) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            delivery.message(mail, Session.getInstance(new Properties())).writeTo(message);
            Path out = values.get(OUT);
            try (OutputStream target = out == null ? System.out : Files.newOutputStream(out)) {
                target.write(message.toByteArray());
            }
            System.err.println("send-report: not sent (--dry-run): \"" + mail.subject() + "\"");
            return CliSupport.EXIT_OK;
        }
        return delivery.send(mail) ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
    }

    private static String fetch(HttpClient client, String url, String query) throws IOException, InterruptedException {
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
