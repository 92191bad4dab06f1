package io.gpuledger.ingest.live;

import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.settings.Setting;
import io.gpuledger.ingest.settings.SettingException;
import io.gpuledger.ingest.settings.SettingValues;
import io.gpuledger.ingest.settings.SettingsTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What {@code ingest live} does. Every setting is declared once here (or in {@link CommonSettings}) and listed in
 * {@link #TABLE}, which the command line, the environment ({@code GPULEDGER_X}) and a {@code --config} file share.
 */
public final class LiveSettings {

    public static final Setting<Path> FROM_FILE = Setting.path("from-file", "FILE",
            "Read collections from FILE (one JSON array of ads per collection, as condor_status -json prints it) "
                    + "instead of stdin; '-' is stdin.").derivedDefault(values -> null, "stdin");
    public static final Setting<String> COMMAND = Setting.text("command", "\"CMD ARGS...\"",
            "Run this command for each collection and read its stdout, e.g. \"condor_status -json -constraint "
                    + "'GPUs >= 1' -attributes Name,...\" (split on spaces, '...' and \"...\" kept together).")
            .derivedDefault(values -> null, "none: read --from-file or stdin");
    public static final Setting<Duration> EVERY = Setting.interval("every", "INTERVAL",
            "With --command: run it on this schedule (5m = every 5 minutes from the start), forever; runs never "
                    + "overlap (a run past its slot delays the next). Without it the command runs once.",
            Duration.ofSeconds(1)).derivedDefault(values -> null, "run once");
    public static final Setting<Duration> TIMEOUT = Setting.interval("timeout", "INTERVAL",
            "A --command run still going after this long is killed and counted as failed.", Duration.ofMillis(100))
            .defaultsTo(Duration.ofMinutes(2));
    public static final Setting<String> COLLECTED_AT = Setting.text("collected-at", "TIME",
            "Stamp the collection read from --from-file/stdin with this time (YYYY-MM-DD HH:MM:SS[.ffffff], the "
                    + "collector's wall clock) instead of now: to publish a collection saved earlier.")
            .derivedDefault(values -> null, "when its array starts");
    public static final Setting<Path> ALSO_WRITE = Setting.path("also-write", "DIR",
            "Also append the rows to the monthly files in DIR (gpu_state_YYYY-MM.db or .parquet, by the collector's "
                    + "clock), as the original collector did.").derivedDefault(values -> null, "no files");
    public static final Setting<MonthFormat> FORMAT = Setting.choice("format",
            "Format of the --also-write files.", MonthFormat.class).defaultsTo(MonthFormat.SQLITE);
    public static final Setting<Boolean> DRY_RUN = Setting.flag("dry-run",
            "Parse, transform, write files if asked and print a summary per collection; publish nothing (no broker "
                    + "needed).");
    public static final Setting<String> BOOTSTRAP_SERVERS = CommonSettings.BOOTSTRAP_SERVERS
            .withHelp("Kafka to publish to. Required unless --dry-run.");
    public static final Setting<Duration> DELIVERY_TIMEOUT = Setting.interval("delivery-timeout", "INTERVAL",
            "How long Kafka may take to acknowledge a collection; longer counts the collection as failed.",
            Duration.ofSeconds(1)).defaultsTo(Duration.ofSeconds(60));
    public static final Setting<Integer> METRICS_PORT = Setting.integer("metrics-port", "PORT",
            "Serve Prometheus metrics on http://HOST:PORT/metrics (last success, ads, rows, failures); 0 picks a free "
                    + "port, -1 serves none.", -1, 65_535).defaultsTo(9466);
    public static final Setting<String> METRICS_HOST = Setting.text("metrics-host", "HOST",
            "Address the metrics endpoint listens on.").defaultsTo("0.0.0.0");

    /** Every setting of {@code ingest live}, in the order {@code --help} lists them. */
    public static final SettingsTable TABLE = SettingsTable.of("ingest live",
            List.of(FROM_FILE, COMMAND, EVERY, TIMEOUT, COLLECTED_AT, ALSO_WRITE, FORMAT, DRY_RUN, BOOTSTRAP_SERVERS,
                    CommonSettings.CLIENT_PROPERTY, CommonSettings.CLIENT_PROPERTIES_FILE, CommonSettings.TOPIC, CommonSettings.PARTITIONS,
                    CommonSettings.REPLICATION_FACTOR, DELIVERY_TIMEOUT, CommonSettings.MAX_FUTURE_SKEW,
                    CommonSettings.COLLECTOR_ZONE, METRICS_PORT, METRICS_HOST));

    private final SettingValues values;

    private LiveSettings(SettingValues values) {
        if (values.get(COMMAND) != null && values.get(FROM_FILE) != null) {
            throw new SettingException("--command and --from-file exclude each other: pick one source");
        }
        if (values.get(EVERY) != null && values.get(COMMAND) == null) {
            throw new SettingException("--every needs --command (a file or stdin is read as it comes)");
        }
        if (values.get(COLLECTED_AT) != null && values.get(COMMAND) != null) {
            throw new SettingException("--collected-at is for --from-file/stdin; a --command run is stamped when it "
                    + "starts");
        }
        if (values.isGiven(FORMAT) && values.get(ALSO_WRITE) == null) {
            throw new SettingException("--format needs --also-write DIR");
        }
        if (!values.get(DRY_RUN) && blank(values.get(BOOTSTRAP_SERVERS))) {
            throw new SettingException("--bootstrap-servers (or GPULEDGER_BOOTSTRAP_SERVERS) is required unless "
                    + "--dry-run");
        }
        this.values = values;
    }

    public static LiveSettings from(SettingValues values) {
        return new LiveSettings(values);
    }

    /** Every setting at its default, with {@code --dry-run}: the start of tests and examples. */
    public static LiveSettings dryRunDefaults() {
        return new LiveSettings(TABLE.defaults().with(DRY_RUN, true));
    }

    public <T> LiveSettings with(Setting<T> setting, T value) {
        return new LiveSettings(values.with(setting, value));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public SettingValues values() {
        return values;
    }

    public Path fromFile() {
        Path file = values.get(FROM_FILE);
        return file == null || file.toString().equals("-") ? null : file;
    }

    public String command() {
        return values.get(COMMAND);
    }

    public Duration every() {
        return values.get(EVERY);
    }

    public Duration timeout() {
        return values.get(TIMEOUT);
    }

    public String collectedAt() {
        return values.get(COLLECTED_AT);
    }

    public Path alsoWrite() {
        return values.get(ALSO_WRITE);
    }

    public MonthFormat format() {
        return values.get(FORMAT);
    }

    public boolean dryRun() {
        return values.get(DRY_RUN);
    }

    public String bootstrapServers() {
        return values.get(BOOTSTRAP_SERVERS).strip();
    }

    public Map<String, String> clientProperties() {
        return CommonSettings.kafkaClientProperties(values);
    }

    public String topic() {
        return values.get(CommonSettings.TOPIC);
    }

    public int partitions() {
        return values.get(CommonSettings.PARTITIONS);
    }

    public int replicationFactor() {
        return values.get(CommonSettings.REPLICATION_FACTOR);
    }

    public Duration deliveryTimeout() {
        return values.get(DELIVERY_TIMEOUT);
    }

    public Duration maxFutureSkew() {
        return values.get(CommonSettings.MAX_FUTURE_SKEW);
    }

    public ZoneId collectorZone() {
        return values.get(CommonSettings.COLLECTOR_ZONE);
    }

    public int metricsPort() {
        return values.get(METRICS_PORT);
    }

    public String metricsHost() {
        return values.get(METRICS_HOST);
    }
}
