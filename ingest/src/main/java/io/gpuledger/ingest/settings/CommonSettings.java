package io.gpuledger.ingest.settings;

import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import io.gpuledger.ingest.topic.TopicRule;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Settings that mean the same in every gpuledger program (the service, the loader, live ingest): declared here once,
 * listed in each program's {@link SettingsTable}. A program may reword the help of one ({@link Setting#withHelp}),
 * never its key, type or default.
 */
public final class CommonSettings {

    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("bootstrap-servers", "HOST:PORT[,...]",
            "Kafka cluster to use.");

    public static final Setting<Map<String, String>> CLIENT_PROPERTY = Setting.properties("client-property",
            "NAME=VALUE", "Extra Kafka client setting (security.protocol, sasl.*, ssl.*, ...); repeatable, wins over "
                    + "--client-properties-file. Values may name secrets as ${file:PATH:KEY} or ${env:VAR} instead of "
                    + "holding them.");

    public static final Setting<java.nio.file.Path> CLIENT_PROPERTIES_FILE = Setting.path("client-properties-file",
            "FILE", "Kafka client settings as a Java properties file (the form of Kafka tools' --command-config): "
                    + "security.protocol, sasl.*, ssl.*; values may be ${file:PATH:KEY} or ${env:VAR}.");

    public static final Setting<String> TOPIC = Setting.text("topic", "NAME", "Topic of host snapshots.")
            .defaultsTo("gpu.host-snapshots");

    public static final Setting<Integer> PARTITIONS = Setting.integer("partitions", "N",
            "Partitions when the topic is created.", 1, 1000).defaultsTo(6);

    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("replication-factor", "N",
            "Replicas when the topic is created; -1 = the cluster's default.", -1, Short.MAX_VALUE)
            .defaultsTo(-1, "-1 (the cluster's default)");

    public static final Setting<Duration> HISTORY = Setting.duration("history-days", "DAYS",
            "How far back buckets are kept and how late a snapshot may still arrive (the streams app's grace and "
                    + "retention); the loader refuses rows older than that behind the topic's newest.",
            ChronoUnit.DAYS, 1, 10_000).defaultsTo(Duration.ofDays(400), "400");

    public static final Setting<Boolean> SKIP_BAD_ROWS = Setting.flag("skip-bad-rows",
            "Skip rows with bad values (listed in a rejects file) instead of rejecting their file. Structural errors "
                    + "(not a snapshot file, corrupt, a missing column) still reject the file.");

    public static final Setting<Duration> MAX_FUTURE_SKEW = Setting.duration("max-future-skew", "HOURS",
            "How far ahead of the UTC clock a snapshot time may be (a collector east of UTC runs up to 14 hours "
                    + "ahead, as its naive times read as UTC); later times, and times before 2000, are bad values. At "
                    + "most what the snapshot topic accepts ahead of the broker's clock.",
            ChronoUnit.HOURS, 0, TopicRule.TIMESTAMP_AFTER_MAX.toHours())
            .defaultsTo(TimestampBounds.DEFAULT_MAX_FUTURE_SKEW, "24");

    public static final Setting<MonthFormat> PREFER = Setting.choice("prefer",
            "Of a month there as both gpu_state_YYYY-MM.db and .parquet (a site that migrated), read this one; "
                    + "without it such a month is an error naming both files.", MonthFormat.class)
            .derivedDefault(values -> null, "none: a month in both formats is an error");

    public static final Setting<ZoneId> COLLECTOR_ZONE = Setting.zone("collector-zone", "ZONE",
            "Time zone of the collector's wall clock (snapshot times are naive local times in it).")
            .derivedDefault(values -> ZoneId.systemDefault(), "the JVM's zone");

    private CommonSettings() {
    }

    /** The Kafka connection settings, in help order. */
    public static List<Setting<?>> kafka() {
        return List.of(BOOTSTRAP_SERVERS, CLIENT_PROPERTY, CLIENT_PROPERTIES_FILE, TOPIC, PARTITIONS,
                REPLICATION_FACTOR);
    }

    /**
     * The Kafka client properties of a program: {@link #CLIENT_PROPERTIES_FILE} overlaid by {@link #CLIENT_PROPERTY},
     * with Kafka's file and environment config providers enabled when a value refers to them (see
     * {@link KafkaClientProperties}).
     */
    public static Map<String, String> kafkaClientProperties(SettingValues values) {
        return KafkaClientProperties.resolve(values.get(CLIENT_PROPERTIES_FILE), values.get(CLIENT_PROPERTY));
    }
}
