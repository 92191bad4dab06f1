package io.gpuledger.streams.topology;

import io.gpuledger.ingest.topic.TopicRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The topics Kafka Streams makes for this topology, and the configurations that let every store be rebuilt from
 * them at any wall-clock time, for history of any age (the local state directory is only a cache):
 *
 * <ul>
 *   <li>changelogs are compacted only: never deleted by age, since a broker measures age by wall clock against the
 *       historical record timestamps (a windowed store's default, {@code compact,delete} with the store's retention,
 *       deletes every replayed month older than that at once). What leaves the history is deleted by the service
 *       itself on stream time ({@link HostBucketExpiry}, {@link RollupExpiry}), as tombstones compaction removes;</li>
 *   <li>the repartition topic deletes nothing by age or size: Kafka Streams purges what it has processed;</li>
 *   <li>every one keeps the snapshot times as record timestamps, of any age and of collectors east of UTC.</li>
 * </ul>
 */
public final class InternalTopics {

    private static final List<TopicRule> TIMESTAMPS = List.of(TopicRule.createTime(), TopicRule.acceptsOldTimestamps(),
            TopicRule.acceptsCollectorZones());

    /** What each changelog must have. */
    public static final List<TopicRule> CHANGELOG_RULES = concat(
            List.of(TopicRule.cleanupPolicy(TopicConfig.CLEANUP_POLICY_COMPACT)), TIMESTAMPS);

    /** What the repartition topic must have. */
    public static final List<TopicRule> REPARTITION_RULES = concat(List.of(
            TopicRule.cleanupPolicy(TopicConfig.CLEANUP_POLICY_DELETE), TopicRule.noTimeRetention(),
            TopicRule.noSizeRetention()), TIMESTAMPS);

    /** The stores whose changelogs the topology makes. */
    static final List<String> STORES = List.of(GpuLedgerTopology.HOST_BUCKETS, GpuLedgerTopology.MACHINES,
            GpuLedgerTopology.BUCKET_ROLLUPS);

    private InternalTopics() {
    }

    /** The configuration every store's changelog is created with ({@code Materialized.withLoggingEnabled}). */
    static Map<String, String> changelogConfig() {
        return required(CHANGELOG_RULES);
    }

    /** Streams settings ({@code topic.} prefix) every internal topic is created with, the repartition topic too. */
    public static Map<String, Object> streamsTopicDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        required(TIMESTAMPS).forEach((setting, value) -> defaults.put(StreamsConfig.topicPrefix(setting), value));
        return defaults;
    }

    public static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    public static String repartition(String applicationId) {
        return applicationId + "-" + GpuLedgerTopology.BUCKET_DIGESTS_TOPIC_NAME + "-repartition";
    }

    /** Every internal topic of {@code applicationId} with its rules. */
    public static Map<String, List<TopicRule>> rules(String applicationId) {
        Map<String, List<TopicRule>> rules = new LinkedHashMap<>();
        STORES.forEach(store -> rules.put(changelog(applicationId, store), CHANGELOG_RULES));
        rules.put(repartition(applicationId), REPARTITION_RULES);
        return rules;
    }

    private static Map<String, String> required(List<TopicRule> rules) {
        return rules.stream().collect(Collectors.toMap(TopicRule::setting, TopicRule::required, (a, b) -> b,
                LinkedHashMap::new));
    }

    private static List<TopicRule> concat(List<TopicRule> first, List<TopicRule> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
