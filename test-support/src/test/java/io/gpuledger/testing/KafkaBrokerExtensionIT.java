package io.gpuledger.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithKafka
class KafkaBrokerExtensionIT {

    private static KafkaBroker fromBeforeAll;
    private final KafkaBroker fromConstructor;

    KafkaBrokerExtensionIT(KafkaBroker broker) {
        this.fromConstructor = broker;
    }

    @BeforeAll
    static void remember(KafkaBroker broker) {
        fromBeforeAll = broker;
    }

    @Test
    void injectsOneBrokerEverywhere(KafkaBroker broker) {
        assertThat(broker).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
        assertThat(KafkaBrokerExtension.startCount()).isEqualTo(1);
        assertThat(broker.bootstrapServers()).matches("[^:]+:\\d+");
        assertThat(broker.clientConfig()).containsEntry("bootstrap.servers", broker.bootstrapServers());
    }

    @Test
    void saysWhichBrokerRan(KafkaBroker broker) throws Exception {
        KafkaBroker.Kind expected = switch (KafkaBrokerExtension.requestedMode()) {
            case "embedded" -> KafkaBroker.Kind.EMBEDDED;
            case "testcontainers" -> KafkaBroker.Kind.TESTCONTAINERS;
            default -> DockerProbe.dockerAvailable() ? KafkaBroker.Kind.TESTCONTAINERS : KafkaBroker.Kind.EMBEDDED;
        };
        assertThat(broker.kind()).isEqualTo(expected);
        assertThat(KafkaBrokerExtension.kind()).contains(expected);
        assertThat(System.getProperty(KafkaBrokerExtension.KIND_PROPERTY))
                .isEqualTo(expected.name().toLowerCase(Locale.ROOT));
        assertThat(System.getProperty(KafkaBrokerExtension.DESCRIPTION_PROPERTY)).isEqualTo(broker.description());
        assertThat(broker.description()).contains(broker.bootstrapServers())
                .startsWith(expected == KafkaBroker.Kind.EMBEDDED ? "embedded KRaft broker 4.4.0 at 127.0.0.1:"
                        : "Testcontainers apache/kafka:");
        Path report = Path.of("target", KafkaBrokerExtension.REPORT_FILE);
        assertThat(Files.readString(report, StandardCharsets.UTF_8))
                .startsWith("Kafka for tests: " + broker.description());
    }

    @Test
    void createsTopicsWithPartitionsAndConfigs(KafkaBroker broker) throws Exception {
        String topic = broker.createTopic(broker.uniqueTopicName("history"), 3, Map.of("retention.ms", "-1"));
        try (Admin admin = broker.newAdmin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(3)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String retention = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get("retention.ms").value();
            assertThat(retention).isEqualTo("-1");
        }
    }

    @Test
    void uniqueTopicNamesDoNotRepeat(KafkaBroker broker) {
        assertThat(broker.uniqueTopicName("t")).startsWith("t-").isNotEqualTo(broker.uniqueTopicName("t"));
    }

    @Test
    void aStockProducerAndConsumerUseTheInjectedAddress(KafkaBroker broker) throws Exception {
        String topic = broker.createTopic(broker.uniqueTopicName("round-trip"), 2);
        Map<String, Object> producerConfig = new HashMap<>(broker.clientConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < 40; i++) {
                producer.send(new ProducerRecord<>(topic, "machine-" + (i % 4), "snapshot-" + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        Map<String, Object> consumerConfig = new HashMap<>(broker.clientConfig());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= 40;
            });
        }
        assertThat(values).hasSize(40).contains("snapshot-0", "snapshot-39").doesNotHaveDuplicates();
    }
}
