package io.gpuledger.backfill.checkpoint;

import io.gpuledger.ingest.monthly.TimeRange;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of one topic on one cluster, one small properties file per monthly file:
 * {@code <root>/<cluster id>/<topic>/<file name>-<hash of its absolute path>.checkpoint}. Two directories holding
 * files of the same name never share a checkpoint, and the directory says what it is for.
 *
 * <p>Writes go to a temporary file first and are moved into place, so a crash leaves the old or the new checkpoint,
 * never half of one; an unreadable checkpoint is ignored with a warning (the file is then replayed from its start,
 * which is safe: replays are idempotent).
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final String SUFFIX = ".checkpoint";
    /** Cluster ids and topic names are path-safe, but a directory name must never climb out of the root. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int FORMAT_VERSION = 1;

    private final Path directory;
    private final String clusterId;
    private final String topic;

    public CheckpointStore(Path root, String clusterId, String topic) {
        this.clusterId = clusterId;
        this.topic = topic;
        this.directory = root.resolve(safe(clusterId)).resolve(safe(topic));
    }

    /** Where this store keeps its checkpoints. */
    public Path directory() {
        return directory;
    }

    /** Where the checkpoint of {@code file} lives. */
    public Path pathFor(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return directory.resolve(absolute.getFileName() + "-" + hash(absolute.toString()) + SUFFIX);
    }

    /** The checkpoint of {@code file}, or empty when there is none or it cannot be read (logged). */
    public Optional<Checkpoint> load(Path file) {
        Path path = pathFor(file);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("ignoring checkpoint {}: {}", path, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(parse(properties));
        } catch (RuntimeException e) {
            LOG.warn("ignoring unreadable checkpoint {}: {}", path, e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes {@code checkpoint}, replacing the previous one atomically. */
    public void save(Checkpoint checkpoint) {
        Path path = pathFor(checkpoint.identity().file());
        Properties properties = new Properties();
        properties.setProperty("version", Integer.toString(FORMAT_VERSION));
        properties.setProperty("file", checkpoint.identity().file().toString());
        properties.setProperty("file.size", Long.toString(checkpoint.identity().size()));
        properties.setProperty("file.modified", Long.toString(checkpoint.identity().modifiedMillis()));
        properties.setProperty("cluster.id", checkpoint.clusterId());
        properties.setProperty("topic", checkpoint.topic());
        properties.setProperty("topic.id", checkpoint.topicId());
        properties.setProperty("range.from", checkpoint.range().from().toString());
        properties.setProperty("range.to", checkpoint.range().to().toString());
        if (checkpoint.lastAcknowledged() != null) {
            properties.setProperty("last.acknowledged", SnapshotTime.format(checkpoint.lastAcknowledged()));
        }
        properties.setProperty("rows.acknowledged", Long.toString(checkpoint.rowsAcknowledged()));
        properties.setProperty("complete", Boolean.toString(checkpoint.complete()));
        properties.setProperty("updated", checkpoint.updated().toString());
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, path.getFileName().toString(), ".tmp");
            try {
                try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    properties.store(out, "gpuledger backfill-loader checkpoint; delete it to replay the file from "
                            + "its start");
                }
                move(temporary, path);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** Removes the checkpoint of {@code file}; true when there was one. */
    public boolean delete(Path file) {
        Path path = pathFor(file);
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    private Checkpoint parse(Properties properties) {
        int version = Integer.parseInt(required(properties, "version"));
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown checkpoint format version " + version);
        }
        FileIdentity identity = new FileIdentity(Path.of(required(properties, "file")),
                Long.parseLong(required(properties, "file.size")),
                Long.parseLong(required(properties, "file.modified")));
        String storedCluster = required(properties, "cluster.id");
        String storedTopic = required(properties, "topic");
        if (!storedCluster.equals(clusterId) || !storedTopic.equals(topic)) {
            throw new IllegalArgumentException("it belongs to cluster " + storedCluster + ", topic " + storedTopic);
        }
        TimeRange range = new TimeRange(LocalDateTime.parse(required(properties, "range.from")),
                LocalDateTime.parse(required(properties, "range.to")));
        String last = properties.getProperty("last.acknowledged");
        return new Checkpoint(identity, storedCluster, storedTopic, required(properties, "topic.id"), range,
                last == null ? null : SnapshotTime.parse(last),
                Long.parseLong(required(properties, "rows.acknowledged")),
                Boolean.parseBoolean(required(properties, "complete")),
                Instant.parse(required(properties, "updated")));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String safe(String name) {
        if (!SAFE_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            return "x" + hash(name);
        }
        return name;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
