package io.gpuledger.backfill.support;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic back with a stock consumer: what the streams app would see. */
public final class TopicRecords {

    /** One record as consumed. */
    public record Consumed(String key, long timestamp, HostSnapshot snapshot) {
        public SnapshotKey snapshotKey() {
            return new SnapshotKey(snapshot.machine(), snapshot.timestamp());
        }
    }

    private final List<Consumed> records;

    private TopicRecords(List<Consumed> records) {
        this.records = List.copyOf(records);
    }

    /** Every record of {@code topic} up to its end offsets now; fails after {@code timeout}. */
    public static TopicRecords readAll(String bootstrapServers, String topic, Duration timeout) {
        Map<TopicPartition, Long> ends = endOffsets(bootstrapServers, topic);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        List<Consumed> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + ends + " within "
                            + timeout + "; read " + records.size() + " records");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(new Consumed(new String(record.key(), StandardCharsets.UTF_8), record.timestamp(),
                                HostSnapshotJson.fromBytes(record.value())));
                    }
                }
            }
        }
        return new TopicRecords(records);
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Each partition's end offset; empty when the topic does not exist. */
    public static Map<TopicPartition, Long> endOffsets(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> names = admin.listTopics().names().get();
            if (!names.contains(topic)) {
                return Map.of();
            }
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Records in the topic (0 when it does not exist). */
    public static long count(String bootstrapServers, String topic) {
        return endOffsets(bootstrapServers, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    public List<Consumed> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    /** Distinct snapshots; fails when two records of one snapshot differ in content. */
    public Map<SnapshotKey, List<SlotGpuRow>> distinctSnapshots() {
        Map<SnapshotKey, List<SlotGpuRow>> distinct = new LinkedHashMap<>();
        for (Consumed record : records) {
            List<SlotGpuRow> previous = distinct.putIfAbsent(record.snapshotKey(), record.snapshot().rows());
            if (previous != null && !previous.equals(record.snapshot().rows())) {
                throw new AssertionError("two records of " + record.snapshotKey() + " differ in content");
            }
        }
        return distinct;
    }

    /** Rows over all records (duplicates counted). */
    public long rows() {
        return records.stream().mapToLong(r -> r.snapshot().rows().size()).sum();
    }
}
