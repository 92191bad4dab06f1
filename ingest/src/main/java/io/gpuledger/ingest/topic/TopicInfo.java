package io.gpuledger.ingest.topic;

import java.time.Duration;
import java.util.List;

/**
 * The snapshots topic as {@link SnapshotTopic#ensure} left it.
 *
 * @param name           topic name
 * @param topicId        the topic's id: a topic deleted and created again under the same name has a new one, so
 *                       anything remembered about the old topic (loader checkpoints) can tell
 * @param partitions     partition count (the existing topic's, which may differ from the one asked for)
 * @param created        true when this call created it
 * @param historySettings settings of an existing topic that would delete history, each {@code name=value}; empty for
 *                       a safe topic, non-empty only when the caller forced writing anyway
 * @param acceptsAhead   how far ahead of the broker's clock a record timestamp may be
 *                       ({@code message.timestamp.after.max.ms}): Kafka's default for a topic made by hand is an hour
 */
public record TopicInfo(String name, String topicId, int partitions, boolean created, List<String> historySettings,
                        Duration acceptsAhead) {

    public TopicInfo {
        historySettings = List.copyOf(historySettings);
    }
}
