package io.gpuledger.backfill;

import io.gpuledger.ingest.sqlite.TimeRange;
import io.gpuledger.ingest.topic.SnapshotTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one replay does (DESIGN 3, the loader's contract). Start from {@link #of(Path)} and change what differs:
 *
 * <pre>{@code
 * LoaderSettings settings = LoaderSettings.of(Path.of("/data/dbs"))
 *         .withBootstrapServers("kafka:9092")
 *         .withRange(TimeRange.ofFlags("2025-01", "2025-06"))
 *         .withSkipBadRows(true);
 * }</pre>
 *
 * @param dbDir             directory of the {@code gpu_state_YYYY-MM.db} files
 * @param range             snapshots to replay, by timestamp value (ends included)
 * @param bootstrapServers  Kafka; may be null only for a dry run
 * @param topic             the snapshots topic
 * @param partitions        partitions when the topic is created
 * @param replicationFactor replicas when the topic is created, -1 for the cluster's default
 * @param dryRun            read, validate and count; send nothing, need no broker, touch no checkpoint
 * @param skipBadRows       skip bad rows (written to {@code rejectsFile}) instead of rejecting their file
 * @param rejectsFile       where skipped rows are listed; null picks {@link #defaultRejectsFile}
 * @param force             write into an existing topic even if its retention would delete history
 * @param history           how far behind the topic's latest record a row may be: the streams app's grace and
 *                          retention ({@code --history-days}); older rows would be dropped as late, so they are refused
 * @param checkpointDir     where per-file checkpoints live
 * @param restart           ignore (and delete) the checkpoints of the selected files: replay them from their start
 * @param deliveryTimeout   how long a record may take to be acknowledged, retries included, before the run fails
 * @param maxRowsPerSecond  throttle (0 = as fast as possible), e.g. to spare a production cluster
 * @param clientProperties  extra Kafka client settings for the producer and the admin client (security, ...); they
 *                          win over the loader's own
 */
public record LoaderSettings(
        Path dbDir,
        TimeRange range,
        String bootstrapServers,
        String topic,
        int partitions,
        int replicationFactor,
        boolean dryRun,
        boolean skipBadRows,
        Path rejectsFile,
        boolean force,
        Duration history,
        Path checkpointDir,
        boolean restart,
        Duration deliveryTimeout,
        long maxRowsPerSecond,
        Map<String, String> clientProperties) {

    public static final int DEFAULT_HISTORY_DAYS = 400;
    public static final Path DEFAULT_CHECKPOINT_DIR = Path.of("data", "loader-checkpoints");
    public static final Path DEFAULT_REJECTS_DIR = Path.of("data", "loader-rejects");
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(120);

    private static final DateTimeFormatter REJECTS_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public LoaderSettings {
        Objects.requireNonNull(dbDir, "dbDir");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor == 0 || replicationFactor < -1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication factor must be >= 1 or -1, got " + replicationFactor);
        }
        if (history.isNegative() || history.isZero()) {
            throw new IllegalArgumentException("history must be positive, got " + history);
        }
        if (deliveryTimeout.toMillis() < 1_000) {
            throw new IllegalArgumentException("delivery timeout must be at least 1 s, got " + deliveryTimeout);
        }
        if (maxRowsPerSecond < 0) {
            throw new IllegalArgumentException("max rows per second must be >= 0, got " + maxRowsPerSecond);
        }
        if (!dryRun && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("bootstrap servers are required unless it is a dry run");
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Every month of {@code dbDir} into {@link SnapshotTopic#DEFAULT_NAME}, as a dry run until a broker is given. */
    public static LoaderSettings of(Path dbDir) {
        return new LoaderSettings(dbDir, TimeRange.ALL, null, SnapshotTopic.DEFAULT_NAME,
                SnapshotTopic.DEFAULT_PARTITIONS, -1, true, false, null, false,
                Duration.ofDays(DEFAULT_HISTORY_DAYS), DEFAULT_CHECKPOINT_DIR, false, DEFAULT_DELIVERY_TIMEOUT, 0,
                Map.of());
    }

    /** A rejects file name under {@link #DEFAULT_REJECTS_DIR} stamped with {@code now}: runs never overwrite one. */
    public static Path defaultRejectsFile(LocalDateTime now) {
        return DEFAULT_REJECTS_DIR.resolve("rejects-" + REJECTS_STAMP.format(now) + ".tsv");
    }

    /** Sends to this Kafka (and ends the dry run {@link #of} starts with). */
    public LoaderSettings withBootstrapServers(String servers) {
        return new LoaderSettings(dbDir, range, servers, topic, partitions, replicationFactor, false, skipBadRows,
                rejectsFile, force, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withRange(TimeRange newRange) {
        return new LoaderSettings(dbDir, newRange, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withTopic(String newTopic) {
        return new LoaderSettings(dbDir, range, bootstrapServers, newTopic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withPartitions(int newPartitions) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, newPartitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withReplicationFactor(int newReplicationFactor) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, newReplicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withDryRun(boolean newDryRun) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, newDryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withSkipBadRows(boolean newSkipBadRows) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                newSkipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout,
                maxRowsPerSecond, clientProperties);
    }

    public LoaderSettings withRejectsFile(Path newRejectsFile) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, newRejectsFile, force, history, checkpointDir, restart, deliveryTimeout,
                maxRowsPerSecond, clientProperties);
    }

    public LoaderSettings withForce(boolean newForce) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, newForce, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withHistory(Duration newHistory) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, newHistory, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                clientProperties);
    }

    public LoaderSettings withCheckpointDir(Path newCheckpointDir) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, newCheckpointDir, restart, deliveryTimeout,
                maxRowsPerSecond, clientProperties);
    }

    public LoaderSettings withRestart(boolean newRestart) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, newRestart, deliveryTimeout,
                maxRowsPerSecond, clientProperties);
    }

    public LoaderSettings withDeliveryTimeout(Duration newDeliveryTimeout) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, newDeliveryTimeout,
                maxRowsPerSecond, clientProperties);
    }

    public LoaderSettings withMaxRowsPerSecond(long newMaxRowsPerSecond) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout,
                newMaxRowsPerSecond, clientProperties);
    }

    public LoaderSettings withClientProperties(Map<String, String> newClientProperties) {
        return new LoaderSettings(dbDir, range, bootstrapServers, topic, partitions, replicationFactor, dryRun,
                skipBadRows, rejectsFile, force, history, checkpointDir, restart, deliveryTimeout, maxRowsPerSecond,
                newClientProperties);
    }

    /** The settings as {@code name -> value}, in flag order, for the start-up log (client properties' values hidden). */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("db-dir", dbDir.toString());
        shown.put("from", range.hasStart() ? range.from().toString() : "(first file)");
        shown.put("to", range.hasEnd() ? range.to().toString() : "(last file)");
        shown.put("bootstrap-servers", bootstrapServers == null ? "(none)" : bootstrapServers);
        shown.put("topic", topic + " (" + partitions + " partitions"
                + (replicationFactor > 0 ? ", " + replicationFactor + " replicas" : "") + " when created)");
        shown.put("dry-run", Boolean.toString(dryRun));
        shown.put("skip-bad-rows", skipBadRows ? "true (rejects: " + (rejectsFile == null ? "default" : rejectsFile)
                + ")" : "false");
        shown.put("force", Boolean.toString(force));
        shown.put("history-days", Long.toString(history.toDays()));
        shown.put("checkpoint-dir", checkpointDir + (restart ? " (restart: checkpoints ignored)" : ""));
        shown.put("delivery-timeout", deliveryTimeout.toSeconds() + " s");
        shown.put("max-rows-per-second", maxRowsPerSecond == 0 ? "unlimited" : Long.toString(maxRowsPerSecond));
        if (!clientProperties.isEmpty()) {
            // Values may be secrets (SASL passwords): show names only.
            shown.put("client-properties", String.join(", ", clientProperties.keySet()));
        }
        return shown;
    }
}
