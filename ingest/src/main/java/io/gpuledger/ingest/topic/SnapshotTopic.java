package io.gpuledger.ingest.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gpu.host-snapshots} topic (architecture §3), shared by the backfill loader, the streams app and live ingest:
 * created when absent with history that never ages out, refused when an existing topic would delete history, and
 * asked for its latest record time (the late-row guard of architecture §1).
 *
 * <pre>{@code
 * TopicInfo topic = SnapshotTopic.ensure(admin, "gpu.host-snapshots", 6, -1, false);
 * OptionalLong latest = SnapshotTopic.latestRecordTimestamp(admin, topic.name(), Duration.ofSeconds(30));
 * }</pre>
 */
public final class SnapshotTopic {

    public static final String DEFAULT_NAME = "gpu.host-snapshots";
    public static final int DEFAULT_PARTITIONS = 6;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTopic.class);

    /**
     * What the topic must keep: records are history, kept forever, by record (snapshot) time, of any age and of any
     * collector zone. A new topic is created with exactly these; the service repairs an existing one at startup.
     */
    public static final List<TopicRule> RULES = List.of(TopicRule.noTimeRetention(), TopicRule.noSizeRetention(),
            TopicRule.cleanupPolicy(TopicConfig.CLEANUP_POLICY_DELETE), TopicRule.createTime(),
            TopicRule.acceptsOldTimestamps(), TopicRule.acceptsCollectorZones());

    /** What a new topic is created with. */
    static final Map<String, String> CREATE_CONFIGS = RULES.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(TopicRule::setting, TopicRule::required));

    private SnapshotTopic() {
    }

    /** {@link #ensure(Admin, String, int, int, boolean, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static TopicInfo ensure(Admin admin, String topic, int partitions, int replicationFactor, boolean force) {
        return ensure(admin, topic, partitions, replicationFactor, force, DEFAULT_TIMEOUT);
    }

    /**
     * Makes the topic ready for writing history: creates it when absent ({@code retention.ms=-1},
     * {@code retention.bytes=-1}, {@code cleanup.policy=delete}, create-time timestamps), checks an existing one, and
     * returns once every partition has a serving leader.
     *
     * @param replicationFactor replicas of a new topic, or -1 for the cluster's default
     * @param force             write into an existing topic even when its settings would delete history (logged as a
     *                          warning and listed in {@link TopicInfo#historySettings()})
     * @throws SnapshotTopicException with a one-line message naming the topic: cannot create or describe it, no
     *                                serving leader within {@code timeout}, or (without {@code force}) an existing
     *                                topic with {@code retention.ms >= 0}, {@code retention.bytes >= 0} or compaction
     */
    public static TopicInfo ensure(Admin admin, String topic, int partitions, int replicationFactor, boolean force,
                                   Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean created = false;
        List<String> unsafe = List.of();
        Duration acceptsAhead = TopicRule.TIMESTAMP_AFTER_MAX;
        if (describe(admin, topic, deadline).isEmpty()) {
            created = create(admin, topic, partitions, replicationFactor, deadline);
        }
        if (!created) {
            Config config = config(admin, topic, deadline);
            unsafe = historySettings(config);
            acceptsAhead = acceptsAhead(config);
            List<TopicRule> refusing = timestampRefusals(config);
            if (!refusing.isEmpty()) {
                // The broker would refuse records by their timestamps: say so before sending, not after a timeout.
                TopicRule first = refusing.get(0);
                String current = first.setting() + "=" + config.get(first.setting()).value();
                if (!force) {
                    throw new SnapshotTopicException("topic " + topic + " has " + current + ": it " + first.why()
                            + "; set " + first.setting() + "=" + first.required() + " on it, or force writing anyway",
                            true, null);
                }
                LOG.warn("topic {} has {}: the broker may refuse records; writing anyway (forced)", topic, current);
            }
            if (!unsafe.isEmpty()) {
                String settings = String.join(", ", unsafe);
                if (!force) {
                    throw new SnapshotTopicException("topic " + topic + " has " + settings
                            + ": it would delete history; set retention.ms=-1, retention.bytes=-1 and "
                            + "cleanup.policy=delete on it, or force writing anyway", true, null);
                }
                LOG.warn("topic {} has {}: it may delete history; writing anyway (forced)", topic, settings);
            }
        }
        awaitLeaders(admin, topic, remaining(deadline));
        TopicDescription description = describe(admin, topic, deadline)
                .orElseThrow(() -> new SnapshotTopicException("topic " + topic + " disappeared while it was set up"));
        if (!created && description.partitions().size() != partitions) {
            LOG.info("topic {} exists with {} partitions (not the {} asked for): using it as it is", topic,
                    description.partitions().size(), partitions);
        }
        return new TopicInfo(topic, description.topicId().toString(), description.partitions().size(), created,
                unsafe, acceptsAhead);
    }

    /**
     * The settings of an existing topic that would delete history, each as {@code name=value}; empty when none.
     *
     * @throws SnapshotTopicException when the configuration cannot be read
     */
    public static List<String> historySettings(Admin admin, String topic, Duration timeout) {
        return historySettings(admin, topic, System.nanoTime() + timeout.toNanos());
    }

    private static List<String> historySettings(Admin admin, String topic, long deadline) {
        return historySettings(config(admin, topic, deadline));
    }

    private static Config config(Admin admin, String topic, long deadline) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return await(admin.describeConfigs(List.of(resource)).all(), deadline,
                "read the configuration of topic " + topic).get(resource);
    }

    /**
     * How far ahead a record may be. A shorter limit than the loader's skew is not refused: rows beyond it are bad
     * values (the loader narrows its timestamp bounds), so the broker never refuses one.
     */
    private static Duration acceptsAhead(Config config) {
        ConfigEntry entry = config.get(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG);
        long millis = entry == null || entry.value() == null ? Long.MAX_VALUE : parseLong(entry.value());
        return millis < 0 ? Duration.ZERO : Duration.ofMillis(millis);
    }

    /**
     * The rules of {@link #RULES} whose breach makes the broker refuse history: a limit on how old a record may be
     * would refuse whole months.
     */
    static List<TopicRule> timestampRefusals(Config config) {
        List<TopicRule> refusing = new ArrayList<>();
        for (TopicRule rule : List.of(TopicRule.acceptsOldTimestamps())) {
            ConfigEntry entry = config.get(rule.setting());
            if (entry != null && entry.value() != null && !rule.accepts().test(entry.value())) {
                refusing.add(rule);
            }
        }
        return refusing;
    }

    /** The entries of {@code config} that delete history: time or size retention, compaction. */
    static List<String> historySettings(Config config) {
        List<String> unsafe = new ArrayList<>();
        for (String name : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
            ConfigEntry entry = config.get(name);
            if (entry != null && entry.value() != null && parseLong(entry.value()) >= 0) {
                unsafe.add(name + "=" + entry.value());
            }
        }
        ConfigEntry cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (cleanup != null && cleanup.value() != null && cleanup.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            unsafe.add(TopicConfig.CLEANUP_POLICY_CONFIG + "=" + cleanup.value());
        }
        return unsafe;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The greatest record timestamp in the topic (epoch ms; for snapshots the naive time read as UTC), or empty when
     * the topic holds no record. Streams' stream time cannot be behind it once the topic is processed, so a record
     * older than this minus the windowed store's grace would be dropped as late.
     *
     * @throws SnapshotTopicException when the topic cannot be described or its offsets listed within {@code timeout}
     */
    public static OptionalLong latestRecordTimestamp(Admin admin, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TopicDescription description = describe(admin, topic, deadline)
                .orElseThrow(() -> new SnapshotTopicException("topic " + topic + " does not exist"));
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                OffsetSpec.maxTimestamp()));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = await(admin.listOffsets(request).all(), deadline,
                "find the latest record time of topic " + topic);
        long latest = Long.MIN_VALUE;
        for (ListOffsetsResultInfo info : offsets.values()) {
            // An empty partition answers offset -1 and timestamp -1.
            if (info.offset() >= 0 && info.timestamp() > latest) {
                latest = info.timestamp();
            }
        }
        return latest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    /**
     * Returns once every partition's leader answers its end offset. A just-created topic is described with leaders
     * before the broker serves them; an idempotent producer writing in that gap can get NOT_LEADER and then an
     * out-of-order sequence it never recovers from (seen on a loaded 2-core machine).
     *
     * @throws SnapshotTopicException when that does not happen within {@code timeout}
     */
    public static void awaitLeaders(Admin admin, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        long pauseMillis = 20;
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(boundedMillis(deadline, 10_000), TimeUnit.MILLISECONDS).get(topic);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                        OffsetSpec.latest()));
                admin.listOffsets(request).all().get(boundedMillis(deadline, 10_000), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SnapshotTopicException("interrupted while waiting for the leaders of topic " + topic, e);
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) >= deadline) {
                break;
            }
            // A bounded back-off between metadata round trips while the broker applies leadership.
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SnapshotTopicException("interrupted while waiting for the leaders of topic " + topic, e);
            }
            pauseMillis = Math.min(500, pauseMillis * 2);
        }
        throw new SnapshotTopicException("partitions of topic " + topic + " have no serving leader after "
                + timeout.toSeconds() + " s" + (last == null ? "" : ": " + cause(last).getMessage()));
    }

    private static boolean create(Admin admin, String topic, int partitions, int replicationFactor, long deadline) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor))
                .configs(CREATE_CONFIGS);
        try {
            admin.createTopics(List.of(newTopic)).all().get(boundedMillis(deadline, Long.MAX_VALUE),
                    TimeUnit.MILLISECONDS);
            LOG.info("created topic {} ({} partitions, retention.ms=-1, cleanup.policy=delete)", topic, partitions);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Someone else created it in between: check it like any existing topic.
                return false;
            }
            throw new SnapshotTopicException("cannot create topic " + topic + ": " + cause(e).getMessage(), e);
        } catch (TimeoutException e) {
            throw new SnapshotTopicException("cannot create topic " + topic + ": Kafka did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotTopicException("interrupted while creating topic " + topic, e);
        }
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic, long deadline) {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(boundedMillis(deadline, Long.MAX_VALUE), TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new SnapshotTopicException("cannot describe topic " + topic + ": " + cause(e).getMessage(), e);
        } catch (TimeoutException e) {
            throw new SnapshotTopicException("cannot describe topic " + topic + ": Kafka did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotTopicException("interrupted while describing topic " + topic, e);
        }
    }

    private static <T> T await(KafkaFuture<T> future, long deadline, String what) {
        try {
            return future.get(boundedMillis(deadline, Long.MAX_VALUE), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SnapshotTopicException("cannot " + what + ": " + cause(e).getMessage(), e);
        } catch (TimeoutException e) {
            throw new SnapshotTopicException("cannot " + what + ": Kafka did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotTopicException("interrupted while trying to " + what, e);
        }
    }

    private static long boundedMillis(long deadline, long capMillis) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return Math.max(1, Math.min(left, capMillis));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime()));
    }

    private static Throwable cause(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? new RuntimeException(cause.getClass().getSimpleName()) : cause;
    }
}
