package io.gpuledger.ingest.live;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotJsonEncoder;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.topic.SnapshotTopic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a collection as the loader publishes history (one record per machine: key = machine, value = the
 * snapshot's JSON, timestamp = the snapshot time read as UTC), so the live stream and a replay of the files are the
 * same data. Each record carries the {@value #LIVE_HEADER} header: the streams app commits right after such a record
 * instead of at its commit interval, which is what makes a collection visible within a second.
 */
public final class SnapshotPublisher implements LiveRun.Publisher {

    /** Marks a record from the live path (value {@code 1}); replayed history has none. */
    public static final String LIVE_HEADER = "gpuledger-live";
    static final String CLIENT_ID = "gpuledger-ingest-live";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration timeout;
    private final SnapshotJsonEncoder encoder = new SnapshotJsonEncoder();

    SnapshotPublisher(Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Connects, creates or checks the topic (as the loader does), and returns a publisher to it. */
    public static SnapshotPublisher connect(LiveSettings settings) {
        Duration timeout = settings.deliveryTimeout();
        Map<String, Object> admin = new HashMap<>();
        admin.put("bootstrap.servers", settings.bootstrapServers());
        admin.put("client.id", CLIENT_ID + "-admin");
        admin.put("default.api.timeout.ms", (int) timeout.toMillis());
        admin.put("request.timeout.ms", (int) Math.min(timeout.toMillis(), 30_000));
        admin.putAll(settings.clientProperties());
        try (Admin client = Admin.create(admin)) {
            SnapshotTopic.ensure(client, settings.topic(), settings.partitions(), settings.replicationFactor(), false,
                    timeout);
        } catch (KafkaException e) {
            throw new LiveInputException("cannot connect to Kafka at " + settings.bootstrapServers() + ": "
                    + e.getMessage());
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A collection is a few hundred records sent at once: no reason to wait for more.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long deadline = timeout.toMillis();
        long requestTimeout = Math.max(1_000, Math.min(30_000, deadline / 2));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(deadline, requestTimeout));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deadline);
        config.putAll(settings.clientProperties());
        return new SnapshotPublisher(new KafkaProducer<>(config), settings.topic(), timeout);
    }

    /** Sends every snapshot of the collection and waits until the broker has them all; returns the records sent. */
    @Override
    public int publish(List<HostSnapshot> snapshots) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(snapshots.size());
        for (HostSnapshot snapshot : snapshots) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                    SnapshotTime.toRecordMillis(snapshot.timestamp()),
                    snapshot.machine().getBytes(StandardCharsets.UTF_8), encoder.encode(snapshot));
            record.headers().add(LIVE_HEADER, new byte[] {'1'});
            sent.add(producer.send(record));
        }
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new LiveInputException("Kafka refused a snapshot of topic " + topic + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw new LiveInputException("Kafka did not acknowledge the collection within " + timeout.toSeconds()
                    + " s (topic " + topic + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveInputException("interrupted while publishing to " + topic);
        }
        return sent.size();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
