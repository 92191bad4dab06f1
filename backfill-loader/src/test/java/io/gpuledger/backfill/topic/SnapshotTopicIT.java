package io.gpuledger.backfill.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.topic.SnapshotTopic;
import io.gpuledger.ingest.topic.SnapshotTopicException;
import io.gpuledger.ingest.topic.TopicInfo;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@link SnapshotTopic} (module ingest) against a real broker. */
@WithKafka
class SnapshotTopicIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void anAbsentTopicIsCreatedWithHistoryKeptForeverAndServingLeaders(KafkaBroker kafka) throws Exception {
        String topic = kafka.uniqueTopicName("created");
        try (Admin admin = kafka.newAdmin()) {
            TopicInfo info = SnapshotTopic.ensure(admin, topic, 4, 1, false, TIMEOUT);

            assertThat(info.created()).isTrue();
            assertThat(info.partitions()).isEqualTo(4);
            assertThat(info.historySettings()).isEmpty();
            assertThat(info.topicId()).isNotBlank();
            Config config = config(admin, topic);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("message.timestamp.type").value()).isEqualTo("CreateTime");
            // Leaders serve: a write right away succeeds.
            produce(kafka, topic, 1_700_000_000_000L);

            TopicInfo again = SnapshotTopic.ensure(admin, topic, 6, 1, false, TIMEOUT);
            assertThat(again.created()).isFalse();
            assertThat(again.partitions()).as("an existing topic is used as it is").isEqualTo(4);
            assertThat(again.topicId()).isEqualTo(info.topicId());
        }
    }

    @Test
    void anExistingTopicThatWouldDeleteHistoryIsRefusedUnlessForced(KafkaBroker kafka) throws Exception {
        String topic = kafka.createTopic(kafka.uniqueTopicName("retention"), 1,
                Map.of("retention.ms", "3600000", "retention.bytes", "1000000000"));
        try (Admin admin = kafka.newAdmin()) {
            assertThatThrownBy(() -> SnapshotTopic.ensure(admin, topic, 1, 1, false, TIMEOUT))
                    .isInstanceOfSatisfying(SnapshotTopicException.class, e -> {
                        assertThat(e.deletesHistory()).isTrue();
                        assertThat(e.getMessage()).startsWith("topic " + topic
                                + " has retention.ms=3600000, retention.bytes=1000000000: it would delete history");
                    });

            TopicInfo forced = SnapshotTopic.ensure(admin, topic, 1, 1, true, TIMEOUT);

            assertThat(forced.created()).isFalse();
            assertThat(forced.historySettings()).containsExactly("retention.ms=3600000",
                    "retention.bytes=1000000000");
            assertThat(config(admin, topic).get("retention.ms").value()).as("forcing changes nothing")
                    .isEqualTo("3600000");
        }
    }

    @Test
    void compactionCountsAsDeletingHistory(KafkaBroker kafka) throws Exception {
        String topic = kafka.createTopic(kafka.uniqueTopicName("compacted"), 1,
                Map.of("cleanup.policy", "compact,delete", "retention.ms", "-1"));
        try (Admin admin = kafka.newAdmin()) {
            assertThat(SnapshotTopic.historySettings(admin, topic, TIMEOUT))
                    .containsExactly("cleanup.policy=compact,delete");
        }
    }

    @Test
    void theLatestRecordTimestampIsTheGreatestOverAllPartitions(KafkaBroker kafka) throws Exception {
        String topic = kafka.uniqueTopicName("latest");
        try (Admin admin = kafka.newAdmin()) {
            SnapshotTopic.ensure(admin, topic, 3, 1, false, TIMEOUT);
            assertThat(SnapshotTopic.latestRecordTimestamp(admin, topic, TIMEOUT)).isEmpty();

            produce(kafka, topic, 1_700_000_000_000L, 1_760_000_000_000L, 1_750_000_000_000L, 1_600_000_000_000L);

            assertThat(SnapshotTopic.latestRecordTimestamp(admin, topic, TIMEOUT)).hasValue(1_760_000_000_000L);
            assertThatThrownBy(() -> SnapshotTopic.latestRecordTimestamp(admin, topic + "-absent", TIMEOUT))
                    .isInstanceOf(SnapshotTopicException.class).hasMessageContaining("does not exist");
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }

    private static void produce(KafkaBroker kafka, String topic, long... timestamps) throws Exception {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            int key = 0;
            for (long timestamp : timestamps) {
                producer.send(new ProducerRecord<>(topic, null, timestamp, "key-" + key++, "v"))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
