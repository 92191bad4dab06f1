package io.gpuledger.kafka.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Stock Kafka clients for the tests, with bounded waits. */
final class Clients {

    private Clients() {
    }

    static Map<String, Object> base(String bootstrapServers) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    static List<String> values(int count) {
        return IntStream.range(0, count).mapToObj(i -> "value-" + i).toList();
    }

    /** An idempotent producer with acks=all and lz4, the settings the loader uses. */
    static Map<String, Object> idempotentProducerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(base(bootstrapServers));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    /** Sends value-0..value-(count-1) with keys key-(i % 16) and waits for every acknowledgement. */
    static void produce(String bootstrapServers, String topic, int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(idempotentProducerConfig(bootstrapServers))) {
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 16), "value-" + i)));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("producing to " + topic + " failed", e);
        }
    }

    /** Reads from the beginning until {@code expected} records arrived (bounded wait), then returns them all. */
    static List<ConsumerRecord<String, String>> consumeAll(String bootstrapServers, String topic, int expected,
            Map<String, Object> extraConfig) {
        Map<String, Object> config = new HashMap<>(base(bootstrapServers));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.putAll(extraConfig);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            // Anything beyond the expected count (there should be none) shows up in a last short poll.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
