package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotJsonEncoder;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One record per snapshot (architecture §3): key = the machine (UTF-8), value = the snapshot's JSON, record timestamp = the
 * snapshot time read as UTC ({@link SnapshotTime#toRecordMillis}). Keys and values are encoded here, not by
 * serializers, so the JSON writer keeps its buffers and caches from record to record.
 */
final class KafkaRecordSender implements RecordSender {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AckTracker tracker;
    private final SnapshotJsonEncoder encoder = new SnapshotJsonEncoder();
    private final Map<String, byte[]> keys = new HashMap<>();

    KafkaRecordSender(Producer<byte[], byte[]> producer, String topic, AckTracker tracker) {
        this.producer = producer;
        this.topic = topic;
        this.tracker = tracker;
    }

    static KafkaRecordSender create(Map<String, Object> config, String topic, AckTracker tracker) {
        return new KafkaRecordSender(new KafkaProducer<>(config), topic, tracker);
    }

    @Override
    public void send(HostSnapshot snapshot, AckTracker.Group group) {
        byte[] key = keys.computeIfAbsent(snapshot.machine(), machine -> machine.getBytes(StandardCharsets.UTF_8));
        int rows = snapshot.rows().size();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                SnapshotTime.toRecordMillis(snapshot.timestamp()), key, encoder.encode(snapshot));
        producer.send(record, (metadata, exception) -> tracker.acknowledged(group, rows, exception));
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
