package io.gpuledger.streams.config;

import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.settings.Setting;
import io.gpuledger.ingest.settings.SettingValues;
import io.gpuledger.ingest.settings.SettingsTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The service's typed configuration. Every setting is declared once below (key, type, default, help, validation) and
 * listed in {@link #TABLE}, which makes the flags, reads {@code GPULEDGER_*} environment variables and the
 * {@code --config} file, prints the values at startup and writes {@code deploy/config/streams-app.properties}.
 *
 * @param bootstrapServers external Kafka cluster, or null for the embedded broker
 * @param clientProperties extra Kafka client settings (security) for every client of the service
 * @param dataDir          embedded broker data, samples, default state dir
 * @param stateDir         Kafka Streams state
 * @param applicationId    Streams application id (a new one is a rebuild)
 * @param httpPort         HTTP port (0 picks a free one)
 * @param bind             HTTP bind address
 * @param advertisedHost   host other instances use to reach this one ({@code application.server}), or null
 * @param topic            the snapshots topic
 * @param partitions       partitions when the topic is created
 * @param replicationFactor replicas of the topic and the internal topics when created (-1 = the cluster's default)
 * @param replayDir        monthly files to replay at startup, or null
 * @param historyDirs      directories whose monthly files {@code POST /api/v1/replays} may replay (empty: none)
 * @param maxRowsPerSecond throttle of every replay the service runs (startup and on demand), 0 = none
 * @param skipBadRows      skip (and record) bad rows during the replay instead of rejecting files
 * @param prefer           of a month there in both formats, the one the replay reads (null: such a month is an error)
 * @param maxFutureSkew    how far ahead of the UTC clock a replayed snapshot time may be (rules §1.5)
 * @param chtcOwnedFile    CHTC-owned list, or null for the shipped default
 * @param excludeHostsFile host exclusions YAML, or null for the shipped default
 * @param collectorZone    zone of the collector's wall clock, for Prometheus-facing timestamps only
 * @param demo             generate samples if absent, replay them, serve
 * @param history          how far back snapshots are kept and may still arrive (grace and retention)
 * @param rawRetention     how far back the GPU model snapshot answers
 * @param exactlyOnce      processing guarantee exactly_once_v2 instead of at_least_once
 * @param inMemoryStores   in-memory state stores instead of RocksDB
 * @param streamThreads    Kafka Streams threads
 * @param commitInterval   Streams commit interval
 * @param webConfig        users and tokens of the HTTP API ({@link WebConfig}), or null: no authentication
 * @param clusterSecretFile the secret instances show each other on internal calls, or null: none
 * @param email            the scheduled e-mails (off while no report has recipients)
 */
public record StreamsAppConfig(
        String bootstrapServers,
        Map<String, String> clientProperties,
        Path dataDir,
        Path stateDir,
        String applicationId,
        int httpPort,
        String bind,
        String advertisedHost,
        String topic,
        int partitions,
        int replicationFactor,
        Path replayDir,
        List<Path> historyDirs,
        long maxRowsPerSecond,
        boolean skipBadRows,
        MonthFormat prefer,
        Duration maxFutureSkew,
        Path chtcOwnedFile,
        Path excludeHostsFile,
        String collectorZone,
        boolean demo,
        Duration history,
        Duration rawRetention,
        boolean exactlyOnce,
        boolean inMemoryStores,
        int streamThreads,
        Duration commitInterval,
        Path webConfig,
        Path clusterSecretFile,
        EmailConfig email) {

    public static final Setting<String> BOOTSTRAP_SERVERS = CommonSettings.BOOTSTRAP_SERVERS
            .withHelp("External Kafka cluster. Without it an embedded single-node broker runs in this JVM, its data "
                    + "under --data-dir.");
    public static final Setting<Path> DATA_DIR = Setting.path("data-dir", "DIR",
            "Embedded broker data, demo samples, loader checkpoints, and the default state dir.")
            .defaultsTo(Path.of("data"), "./data");
    public static final Setting<Path> STATE_DIR = Setting.path("state-dir", "DIR",
            "Kafka Streams state (a cache: rebuilt from the changelog topics when lost).")
            .derivedDefault(values -> values.get(DATA_DIR).resolve("streams"), "<data-dir>/streams");
    public static final Setting<String> APPLICATION_ID = Setting.text("application-id", "ID",
            "Kafka Streams application id; a new id rebuilds every store from the snapshot topic.")
            .defaultsTo("gpuledger");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http-port", "N",
            "HTTP port (0 = any free port).", 0, 65535).defaultsTo(8080);
    public static final Setting<String> BIND = Setting.text("bind", "ADDR",
            "HTTP bind address; give 0.0.0.0 explicitly to expose it.").defaultsTo("127.0.0.1");
    public static final Setting<String> ADVERTISED_HOST = Setting.text("advertised-host", "HOST",
            "Host name other instances use to reach this one.").derivedDefault(values -> null, "the bind address");
    public static final Setting<Path> REPLAY = Setting.path("replay", "DIR",
            "Replay the monthly files (gpu_state_YYYY-MM.db and .parquet) of DIR at startup.");
    /**
     * A list of texts (the settings table has no list of paths): a request names months, never a path, so the
     * directories a replay may read are fixed here by the operator.
     */
    public static final Setting<List<String>> HISTORY_DIR = Setting.list("history-dir", "DIR",
            "Directories of monthly files (gpu_state_YYYY-MM.db and .parquet) that replays on demand "
                    + "(POST /api/v1/replays) may read; repeatable, or comma-separated. A request names months only.")
            .derivedDefault(StreamsAppConfig::defaultHistoryDirs, "the --replay directory (for --demo, its samples)");
    public static final Setting<Long> MAX_ROWS_PER_SECOND = LoaderSettings.MAX_ROWS_PER_SECOND.withHelp(
            "Throttle every replay of the service (--replay and on demand), so that live collections do not wait "
                    + "behind a replay's backlog; 0 = no limit.");
    public static final Setting<Path> CHTC_OWNED = Setting.path("chtc-owned", "FILE",
            "CHTC-owned host list, one host per line.").derivedDefault(values -> null, "the shipped list");
    public static final Setting<Path> EXCLUDE_HOSTS_YAML = Setting.path("exclude-hosts-yaml", "FILE",
            "Host exclusions (an excluded_hosts mapping of pattern to reason).")
            .derivedDefault(values -> null, "the shipped exclusions");
    public static final Setting<Boolean> DEMO = Setting.flag("demo",
            "Generate sample data into <data-dir>/samples if absent, replay it, and serve.");
    public static final Setting<Duration> RAW_RETENTION = Setting.duration("raw-retention-days", "DAYS",
            "How far back the GPU model snapshot answers.", ChronoUnit.DAYS, 1, 10_000)
            .defaultsTo(Duration.ofDays(35), "35");
    public static final Setting<Boolean> EXACTLY_ONCE = Setting.flag("exactly-once",
            "Processing guarantee exactly_once_v2 instead of at_least_once (numbers are correct either way).");
    public static final Setting<Boolean> IN_MEMORY_STORES = Setting.flag("in-memory-stores",
            "Keep state in memory instead of RocksDB (restored from the changelog topics at start).");
    public static final Setting<Integer> STREAM_THREADS = Setting.integer("stream-threads", "N",
            "Kafka Streams threads.", 1, 64).defaultsTo(1);
    public static final Setting<Path> WEB_CONFIG = Setting.path("web-config", "FILE",
            "Users (bcrypt passwords) and bearer tokens (SHA-256) of the HTTP API, with roles viewer, metrics, admin "
                    + "(YAML). Without it the API is open on loopback only; elsewhere replays are refused.");
    public static final Setting<Path> CLUSTER_SECRET_FILE = Setting.path("cluster-secret-file", "FILE",
            "A secret (at least 16 characters) every instance of the application holds: internal calls between "
                    + "instances must show it, users' credentials never suffice.");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("commit-interval-ms", "MS",
            "Kafka Streams commit interval: how often results are flushed downstream (freshness against "
                    + "throughput).", ChronoUnit.MILLIS, 100, 600_000).defaultsTo(Duration.ofMillis(2000), "2000");

    /** Every setting of the service, in the order {@code --help} lists them. */
    public static final SettingsTable TABLE = SettingsTable.of("streams-app",
            List.of(BOOTSTRAP_SERVERS, CommonSettings.CLIENT_PROPERTY, CommonSettings.CLIENT_PROPERTIES_FILE, DATA_DIR, STATE_DIR, APPLICATION_ID,
                    HTTP_PORT, BIND, ADVERTISED_HOST, CommonSettings.TOPIC, CommonSettings.PARTITIONS,
                    CommonSettings.REPLICATION_FACTOR, REPLAY, HISTORY_DIR, MAX_ROWS_PER_SECOND,
                    CommonSettings.SKIP_BAD_ROWS,
                    CommonSettings.PREFER, CommonSettings.MAX_FUTURE_SKEW, CHTC_OWNED,
                    EXCLUDE_HOSTS_YAML, CommonSettings.COLLECTOR_ZONE, DEMO, CommonSettings.HISTORY, RAW_RETENTION,
                    EXACTLY_ONCE, IN_MEMORY_STORES, STREAM_THREADS, COMMIT_INTERVAL, WEB_CONFIG,
                    CLUSTER_SECRET_FILE),
            EmailConfig.SCHEDULE, EmailConfig.SMTP);

    public StreamsAppConfig {
        clientProperties = Map.copyOf(clientProperties);
        historyDirs = List.copyOf(historyDirs);
    }

    private static List<String> defaultHistoryDirs(SettingValues values) {
        if (values.get(REPLAY) != null) {
            return List.of(values.get(REPLAY).toString());
        }
        return values.get(DEMO) ? List.of(values.get(DATA_DIR).resolve("samples").toString()) : List.of();
    }

    /** The typed view of resolved settings. */
    public static StreamsAppConfig from(SettingValues values) {
        return new StreamsAppConfig(
                values.get(BOOTSTRAP_SERVERS),
                CommonSettings.kafkaClientProperties(values),
                values.get(DATA_DIR),
                values.get(STATE_DIR),
                values.get(APPLICATION_ID),
                values.get(HTTP_PORT),
                values.get(BIND),
                values.get(ADVERTISED_HOST),
                values.get(CommonSettings.TOPIC),
                values.get(CommonSettings.PARTITIONS),
                values.get(CommonSettings.REPLICATION_FACTOR),
                values.get(REPLAY),
                values.get(HISTORY_DIR).stream().map(Path::of).toList(),
                values.get(MAX_ROWS_PER_SECOND),
                values.get(CommonSettings.SKIP_BAD_ROWS),
                values.get(CommonSettings.PREFER),
                values.get(CommonSettings.MAX_FUTURE_SKEW),
                values.get(CHTC_OWNED),
                values.get(EXCLUDE_HOSTS_YAML),
                values.get(CommonSettings.COLLECTOR_ZONE).getId(),
                values.get(DEMO),
                values.get(CommonSettings.HISTORY),
                values.get(RAW_RETENTION),
                values.get(EXACTLY_ONCE),
                values.get(IN_MEMORY_STORES),
                values.get(STREAM_THREADS),
                values.get(COMMIT_INTERVAL),
                values.get(WEB_CONFIG),
                values.get(CLUSTER_SECRET_FILE),
                EmailConfig.from(values));
    }

    /** Settings given as flag text ({@code "http-port" -> "0"}), the rest at their defaults: for tests and tools. */
    public static StreamsAppConfig of(Map<String, String> flags) {
        return from(TABLE.load(flags));
    }

    public boolean embeddedBroker() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
