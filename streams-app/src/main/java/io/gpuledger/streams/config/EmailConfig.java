package io.gpuledger.streams.config;

import io.gpuledger.ingest.settings.Setting;
import io.gpuledger.ingest.settings.SettingException;
import io.gpuledger.ingest.settings.SettingValues;
import io.gpuledger.streams.mail.SmtpSecurity;
import io.gpuledger.streams.mail.SmtpSettings;
import io.gpuledger.streams.render.EmailSubject;
import io.gpuledger.streams.schedule.CronExpression;
import io.gpuledger.streams.schedule.ReportKind;
import io.gpuledger.streams.schedule.ReportSchedule;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduled e-mails: how to reach the SMTP relay ({@link #SMTP}, shared with {@code send-report}), who receives
 * which report and when ({@link #SCHEDULE}). Flag names of the original report tool's cron jobs ({@code --email-to},
 * {@code --email-from}, {@code --smtp-server}, {@code --smtp-port}, {@code --email-timeout},
 * {@code --email-subject-prefix}) are the keys, so their lines carry over.
 *
 * @param smtp          the relay, security, authentication and sender
 * @param subjectPrefix first words of every subject (rules §6.1)
 * @param recipients    per report kind; a kind without recipients is not scheduled
 * @param crons         per report kind, in the collector's zone
 * @param retryFor      how long a failed send is retried (doubling waits from {@link #FIRST_RETRY})
 */
public record EmailConfig(SmtpSettings smtp, String subjectPrefix, Map<ReportKind, List<String>> recipients,
        Map<ReportKind, CronExpression> crons, Duration retryFor) {

    /** The first wait after a failed attempt; each further wait doubles. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    public static final Setting<String> SMTP_SERVER = Setting.text("smtp-server", "HOST", "SMTP relay host.")
            .defaultsTo("localhost").alsoKnownAs("smtp-host");
    public static final Setting<Integer> SMTP_PORT = Setting.integer("smtp-port", "N",
            "SMTP relay port (587 for STARTTLS submission, 465 for implicit TLS).", 1, 65535).defaultsTo(25);
    public static final Setting<SmtpSecurity> SMTP_SECURITY = Setting.choice("smtp-security",
            "How the connection is protected: STARTTLS when offered (optional), always (required), never (off), or "
                    + "TLS from the first byte (implicit-tls).", SmtpSecurity.class)
            .defaultsTo(SmtpSecurity.STARTTLS_OPTIONAL);
    public static final Setting<Path> SMTP_CA_FILE = Setting.path("smtp-ca-file", "FILE",
            "PEM certificates the relay's TLS certificate must chain to, for a relay with a site CA.")
            .derivedDefault(values -> null, "the JVM's trusted CAs");
    public static final Setting<String> SMTP_USER = Setting.text("smtp-user", "NAME",
            "Authenticate to the relay as NAME; without it no authentication.");
    public static final Setting<String> SMTP_PASSWORD = Setting.text("smtp-password", "TEXT",
            "The relay password; prefer --smtp-password-file or the environment variable.").secret();
    public static final Setting<Path> SMTP_PASSWORD_FILE = Setting.path("smtp-password-file", "FILE",
            "File whose first line is the relay password (wins over --smtp-password).");
    public static final Setting<String> EMAIL_FROM = Setting.text("email-from", "ADDR", "Sender address.")
            .defaultsTo("gpuledger@localhost").alsoKnownAs("from");
    public static final Setting<Duration> EMAIL_TIMEOUT = Setting.duration("email-timeout", "SECONDS",
            "Connect, read and write timeout of one SMTP attempt.", ChronoUnit.SECONDS, 1, 3600)
            .defaultsTo(Duration.ofSeconds(30), "30").alsoKnownAs("smtp-timeout");
    public static final Setting<String> EMAIL_SUBJECT_PREFIX = Setting.text("email-subject-prefix", "TEXT",
            "First words of every subject.").defaultsTo(EmailSubject.DEFAULT_PREFIX).alsoKnownAs("subject-prefix");

    /** How to send: the service and {@code send-report} read the same settings. */
    public static final List<Setting<?>> SMTP = List.of(SMTP_SERVER, SMTP_PORT, SMTP_SECURITY, SMTP_CA_FILE,
            SMTP_USER, SMTP_PASSWORD, SMTP_PASSWORD_FILE, EMAIL_FROM, EMAIL_TIMEOUT, EMAIL_SUBJECT_PREFIX);

    public static final Setting<List<String>> EMAIL_TO = Setting.list("email-to", "ADDR",
            "Recipients of every scheduled report (comma list); none means no scheduled e-mail.");
    public static final Setting<List<String>> EMAIL_TO_DAILY = recipients(ReportKind.DAILY);
    public static final Setting<List<String>> EMAIL_TO_WEEKLY = recipients(ReportKind.WEEKLY);
    public static final Setting<List<String>> EMAIL_TO_MONTHLY = recipients(ReportKind.MONTHLY);
    public static final Setting<CronExpression> DAILY_CRON = cron(ReportKind.DAILY, "the last 24 hours");
    public static final Setting<CronExpression> WEEKLY_CRON = cron(ReportKind.WEEKLY, "the last 168 hours");
    public static final Setting<CronExpression> MONTHLY_CRON = cron(ReportKind.MONTHLY, "the previous month");
    public static final Setting<Duration> EMAIL_RETRY = Setting.duration("email-retry-minutes", "MINUTES",
            "How long a failed send is retried, with doubling waits from 30 s.", ChronoUnit.MINUTES, 0, 1440)
            .defaultsTo(Duration.ofMinutes(60), "60");

    /** When and to whom: the service's schedule. */
    public static final List<Setting<?>> SCHEDULE = List.of(EMAIL_TO, EMAIL_TO_DAILY, EMAIL_TO_WEEKLY,
            EMAIL_TO_MONTHLY, DAILY_CRON, WEEKLY_CRON, MONTHLY_CRON, EMAIL_RETRY);

    public EmailConfig {
        recipients = Map.copyOf(recipients);
        crons = Map.copyOf(crons);
    }

    private static Setting<List<String>> recipients(ReportKind kind) {
        return Setting.list("email-to-" + kind.key(), "ADDR",
                "Recipients of the " + kind.key() + " report instead of --email-to.");
    }

    private static Setting<CronExpression> cron(ReportKind kind, String window) {
        return Setting.parsed("email-" + kind.key() + "-cron", "CRON",
                "When the " + kind.key() + " report (" + window + ") is sent: minute hour day-of-month month "
                        + "day-of-week, in the collector's zone.", CronExpression::parse, CronExpression::toString)
                .defaultsTo(CronExpression.parse(kind.defaultCron()));
    }

    /** The e-mail settings of the service. */
    public static EmailConfig from(SettingValues values) {
        Map<ReportKind, List<String>> recipients = new EnumMap<>(ReportKind.class);
        Map<ReportKind, CronExpression> crons = new EnumMap<>(ReportKind.class);
        List<String> everyReport = addresses(EMAIL_TO, values.get(EMAIL_TO));
        for (ReportKind kind : ReportKind.values()) {
            Setting<List<String>> own = switch (kind) {
                case DAILY -> EMAIL_TO_DAILY;
                case WEEKLY -> EMAIL_TO_WEEKLY;
                case MONTHLY -> EMAIL_TO_MONTHLY;
            };
            List<String> kindRecipients = addresses(own, values.get(own));
            recipients.put(kind, kindRecipients.isEmpty() ? everyReport : kindRecipients);
            crons.put(kind, values.get(switch (kind) {
                case DAILY -> DAILY_CRON;
                case WEEKLY -> WEEKLY_CRON;
                case MONTHLY -> MONTHLY_CRON;
            }));
        }
        return new EmailConfig(smtp(values), values.get(EMAIL_SUBJECT_PREFIX), recipients, crons,
                values.get(EMAIL_RETRY));
    }

    /** The relay settings alone (what {@code send-report} needs). */
    public static SmtpSettings smtp(SettingValues values) {
        String from = values.get(EMAIL_FROM);
        addresses(EMAIL_FROM, List.of(from));
        return new SmtpSettings(values.get(SMTP_SERVER), values.get(SMTP_PORT), values.get(SMTP_SECURITY),
                values.get(SMTP_USER), password(values), from, values.get(EMAIL_TIMEOUT), values.get(SMTP_CA_FILE),
                false);
    }

    /** Checked addresses: a setting with a malformed one is refused naming the setting and the address. */
    public static List<String> addresses(Setting<?> setting, List<String> raw) {
        List<String> checked = new ArrayList<>();
        for (String address : raw) {
            String trimmed = address.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                new InternetAddress(trimmed, true).validate();
            } catch (AddressException e) {
                throw new SettingException(setting.key() + ": '" + trimmed + "' is not an e-mail address");
            }
            checked.add(trimmed);
        }
        return List.copyOf(checked);
    }

    private static String password(SettingValues values) {
        Path file = values.get(SMTP_PASSWORD_FILE);
        if (file == null) {
            return values.get(SMTP_PASSWORD);
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new SettingException(SMTP_PASSWORD_FILE.key() + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** True when any report has recipients, so the scheduler runs. */
    public boolean enabled() {
        return recipients.values().stream().anyMatch(list -> !list.isEmpty());
    }

    /** The schedules of the report kinds that have recipients. */
    public List<ReportSchedule> schedules(ZoneId zone) {
        List<ReportSchedule> schedules = new ArrayList<>();
        for (ReportKind kind : ReportKind.values()) {
            if (!recipients.get(kind).isEmpty()) {
                schedules.add(new ReportSchedule(kind, crons.get(kind), zone));
            }
        }
        return schedules;
    }
}
