package io.gpuledger.backfill;

import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.TimeRange;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.settings.Setting;
import io.gpuledger.ingest.settings.SettingException;
import io.gpuledger.ingest.settings.SettingValues;
import io.gpuledger.ingest.settings.SettingsTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What one replay does (the loader's contract). Every setting is declared once below and listed in {@link #TABLE},
 * which the command line, the service's startup replay and tests share. Start from {@link #of(Path)} and set what
 * differs:
 *
 * <pre>{@code
 * LoaderSettings settings = LoaderSettings.of(Path.of("/data/dbs"))
 *         .with(LoaderSettings.BOOTSTRAP_SERVERS, "kafka:9092")
 *         .with(LoaderSettings.TO, "2025-06")
 *         .with(CommonSettings.SKIP_BAD_ROWS, true);
 * }</pre>
 */
public final class LoaderSettings {

    public static final Setting<Path> DB_DIR = Setting.path("db-dir", "DIR",
            "Directory of the monthly gpu_state_YYYY-MM.db and gpu_state_YYYY-MM.parquet files (other names, dot-files "
                    + "and .tmp files are ignored). Required.");
    public static final Setting<String> FROM = Setting.text("from", "WHEN",
            "First snapshot time to replay: YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (local wall clock), from the "
                    + "start of that unit.").derivedDefault(values -> null, "the first file");
    public static final Setting<String> TO = Setting.text("to", "WHEN",
            "Last snapshot time to replay, inclusive of the whole unit (--to 2025-10 = all of October).")
            .derivedDefault(values -> null, "the last file");
    public static final Setting<String> BOOTSTRAP_SERVERS = CommonSettings.BOOTSTRAP_SERVERS
            .withHelp("Kafka to write to. Required unless --dry-run.");
    public static final Setting<Boolean> DRY_RUN = Setting.flag("dry-run",
            "Read, validate and count; send nothing (no broker needed, checkpoints untouched).");
    public static final Setting<Path> REJECTS = Setting.path("rejects", "FILE",
            "Where --skip-bad-rows lists the bad rows, tab-separated (not kept when there is no bad row).")
            .derivedDefault(values -> null, "data/loader-rejects/rejects-<time>.tsv");
    public static final Setting<Boolean> FORCE = Setting.flag("force",
            "Write into an existing topic even if its retention or compaction would delete history.");
    public static final Setting<Path> CHECKPOINT_DIR = Setting.path("checkpoint-dir", "DIR",
            "Where per-file checkpoints live: how far each file was acknowledged, so a rerun sends only the rest.")
            .defaultsTo(Path.of("data", "loader-checkpoints"));
    public static final Setting<Boolean> RESTART = Setting.flag("restart",
            "Ignore (and delete) the checkpoints of the selected files: replay them from the start.");
    public static final Setting<Duration> DELIVERY_TIMEOUT = Setting.duration("delivery-timeout", "SECONDS",
            "How long Kafka may take to acknowledge a record, retries included, before the run stops with exit 1.",
            ChronoUnit.SECONDS, 1, 86_400).defaultsTo(Duration.ofSeconds(120), "120");
    public static final Setting<Long> MAX_ROWS_PER_SECOND = Setting.longInteger("max-rows-per-second", "N",
            "Throttle sending, e.g. to spare a production cluster; 0 = no limit.", 0, Long.MAX_VALUE)
            .defaultsTo(0L, "0 (no limit)");

    /** Every setting of a replay, in the order {@code --help} lists them. */
    public static final SettingsTable TABLE = SettingsTable.of("backfill-loader",
            List.of(DB_DIR, CommonSettings.PREFER, FROM, TO, BOOTSTRAP_SERVERS, CommonSettings.CLIENT_PROPERTY, CommonSettings.CLIENT_PROPERTIES_FILE, CommonSettings.TOPIC,
                    CommonSettings.PARTITIONS, CommonSettings.REPLICATION_FACTOR, DRY_RUN,
                    CommonSettings.SKIP_BAD_ROWS, REJECTS, CommonSettings.MAX_FUTURE_SKEW, FORCE,
                    CommonSettings.HISTORY, CHECKPOINT_DIR, RESTART,
                    DELIVERY_TIMEOUT, MAX_ROWS_PER_SECOND));

    public static final Path DEFAULT_REJECTS_DIR = Path.of("data", "loader-rejects");
    private static final DateTimeFormatter REJECTS_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final SettingValues values;
    private final TimeRange range;

    private LoaderSettings(SettingValues values) {
        if (values.get(DB_DIR) == null) {
            throw new SettingException("--db-dir is required: the directory of the monthly files");
        }
        if (values.isGiven(REJECTS) && !values.get(CommonSettings.SKIP_BAD_ROWS)) {
            throw new SettingException("--rejects needs --skip-bad-rows");
        }
        try {
            this.range = TimeRange.ofFlags(values.get(FROM), values.get(TO));
        } catch (IllegalArgumentException e) {
            throw new SettingException(e.getMessage());
        }
        this.values = values;
    }

    /** The replay {@code values} describe. */
    public static LoaderSettings from(SettingValues values) {
        return new LoaderSettings(values);
    }

    /** Every month of {@code dbDir}, every other setting at its default. */
    public static LoaderSettings of(Path dbDir) {
        return new LoaderSettings(TABLE.defaults().with(DB_DIR, dbDir));
    }

    /** The same replay with {@code setting} set to {@code value}. */
    public <T> LoaderSettings with(Setting<T> setting, T value) {
        return new LoaderSettings(values.with(setting, value));
    }

    /** A rejects file name under {@link #DEFAULT_REJECTS_DIR} stamped with {@code now}: runs never overwrite one. */
    public static Path defaultRejectsFile(LocalDateTime now) {
        return DEFAULT_REJECTS_DIR.resolve("rejects-" + REJECTS_STAMP.format(now) + ".tsv");
    }

    public SettingValues values() {
        return values;
    }

    public Path dbDir() {
        return values.get(DB_DIR);
    }

    /** Of a month in both formats, the one to read; null when such a month is an error. */
    public MonthFormat prefer() {
        return values.get(CommonSettings.PREFER);
    }

    /** Snapshots to replay, by timestamp value (ends included). */
    public TimeRange range() {
        return range;
    }

    /** Kafka; null when not given (allowed only for a dry run). */
    public String bootstrapServers() {
        String servers = values.get(BOOTSTRAP_SERVERS);
        return servers == null || servers.isBlank() ? null : servers.strip();
    }

    public String topic() {
        return values.get(CommonSettings.TOPIC);
    }

    public int partitions() {
        return values.get(CommonSettings.PARTITIONS);
    }

    /** Replicas when the topic is created, -1 for the cluster's default. */
    public int replicationFactor() {
        return values.get(CommonSettings.REPLICATION_FACTOR);
    }

    public boolean dryRun() {
        return values.get(DRY_RUN);
    }

    public boolean skipBadRows() {
        return values.get(CommonSettings.SKIP_BAD_ROWS);
    }

    /** Where skipped rows are listed; null picks {@link #defaultRejectsFile} when the run starts. */
    public Path rejectsFile() {
        return values.get(REJECTS);
    }

    /** How far ahead of the UTC clock a snapshot time may be before its row is bad (rules §1.5). */
    public Duration maxFutureSkew() {
        return values.get(CommonSettings.MAX_FUTURE_SKEW);
    }

    public boolean force() {
        return values.get(FORCE);
    }

    /**
     * How far behind the topic's latest record a row may be: the streams app's grace and retention; older rows would
     * be dropped as late, so they are refused.
     */
    public Duration history() {
        return values.get(CommonSettings.HISTORY);
    }

    public Path checkpointDir() {
        return values.get(CHECKPOINT_DIR);
    }

    public boolean restart() {
        return values.get(RESTART);
    }

    public Duration deliveryTimeout() {
        return values.get(DELIVERY_TIMEOUT);
    }

    public long maxRowsPerSecond() {
        return values.get(MAX_ROWS_PER_SECOND);
    }

    /** Extra Kafka client settings for the producer and the admin client (security, ...); they win over the loader's. */
    public Map<String, String> clientProperties() {
        return CommonSettings.kafkaClientProperties(values);
    }
}
