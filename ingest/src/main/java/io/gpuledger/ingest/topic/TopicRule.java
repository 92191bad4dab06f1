package io.gpuledger.ingest.topic;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;

/**
 * One configuration a topic must have so that it keeps what gpuledger needs, by design and at any wall-clock time:
 * the setting, the value it is set to when it is wrong, whether a current value is acceptable, and why.
 *
 * @param setting  the topic configuration name
 * @param required the value written when the current one is not acceptable
 * @param accepts  whether a current value (never null) is acceptable
 * @param why      what goes wrong otherwise, for the one-line message
 */
public record TopicRule(String setting, String required, Predicate<String> accepts, String why) {

    /**
     * How far ahead of the broker's clock a record timestamp may be. Snapshot times are naive local wall-clock times
     * read as UTC, so a collector east of UTC stamps up to 14 hours "ahead"; the producers refuse real future
     * timestamps themselves (a bounded skew), so the broker only needs to accept the zones.
     */
    public static final Duration TIMESTAMP_AFTER_MAX = Duration.ofDays(2);

    /** No deletion by age: brokers measure age by wall clock against historical record timestamps. */
    public static TopicRule noTimeRetention() {
        return new TopicRule(TopicConfig.RETENTION_MS_CONFIG, "-1", value -> parse(value) < 0,
                "deletes records by wall-clock age, which removes replayed history at once");
    }

    /** No deletion by size. */
    public static TopicRule noSizeRetention() {
        return new TopicRule(TopicConfig.RETENTION_BYTES_CONFIG, "-1", value -> parse(value) < 0,
                "deletes the oldest records once the partition is large enough");
    }

    /** Exactly {@code policy} ({@code delete} or {@code compact}). */
    public static TopicRule cleanupPolicy(String policy) {
        return new TopicRule(TopicConfig.CLEANUP_POLICY_CONFIG, policy,
                value -> List.of(value.replace(" ", "").split(",")).equals(List.of(policy)),
                TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)
                        ? "must be compacted only (a delete policy removes history by age)"
                        : "must not be compacted (compaction keeps one record per machine)");
    }

    /** Record timestamps are the producer's (snapshot times), never the broker's append time. */
    public static TopicRule createTime() {
        return new TopicRule(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, TimestampType.CREATE_TIME.name,
                value -> value.equalsIgnoreCase(TimestampType.CREATE_TIME.name),
                "must keep the snapshot times as record timestamps (stream time and expiry follow them)");
    }

    /** Accepts timestamps up to {@link #TIMESTAMP_AFTER_MAX} ahead of the broker's clock. */
    public static TopicRule acceptsCollectorZones() {
        return new TopicRule(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG,
                Long.toString(TIMESTAMP_AFTER_MAX.toMillis()), value -> parse(value) >= TIMESTAMP_AFTER_MAX.toMillis(),
                "refuses snapshots of collectors east of UTC (their naive times read as UTC run ahead)");
    }

    /** Accepts timestamps of any age (history). */
    public static TopicRule acceptsOldTimestamps() {
        return new TopicRule(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE),
                value -> parse(value) == Long.MAX_VALUE, "refuses records of old months");
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.strip().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
