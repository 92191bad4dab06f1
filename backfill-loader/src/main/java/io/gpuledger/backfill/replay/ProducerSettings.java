package io.gpuledger.backfill.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer the replay uses. Correctness: idempotent, {@code acks=all}, retries until the delivery timeout (the
 * run's deadline). Throughput (measured with {@code deploy/bench/replay.sh} on 2 cores, see the README): one record
 * per machine snapshot is ~1.5 KB of JSON that lz4 shrinks several times, so large batches, a short linger and a
 * buffer that absorbs the reader's bursts keep the sending thread from ever blocking.
 */
final class ProducerSettings {

    static final String CLIENT_ID = "gpuledger-backfill-loader";
    static final int BATCH_BYTES = 512 * 1024;
    static final int LINGER_MS = 20;
    static final long BUFFER_BYTES = 64L * 1024 * 1024;
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private ProducerSettings() {
    }

    /** The producer configuration; {@code overrides} (the user's client properties) win. */
    static Map<String, Object> producer(String bootstrapServers, Duration deliveryTimeout,
                                        Map<String, String> overrides) {
        long deadline = deliveryTimeout.toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        // The deadline: a record not acknowledged within it (retries included) fails the run.
        long requestTimeout = Math.max(1_000, Math.min(30_000, (deadline - LINGER_MS) / 2));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(deadline, requestTimeout + LINGER_MS));
        // send() blocks while metadata is missing or the buffer is full; never longer than the deadline.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deadline);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.putAll(overrides);
        return config;
    }

    /** The admin client's configuration (topic set-up, cluster id, latest record time). */
    static Map<String, Object> admin(String bootstrapServers, Duration timeout, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("client.id", CLIENT_ID + "-admin");
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put("default.api.timeout.ms", millis);
        config.put("request.timeout.ms", Math.min(millis, 30_000));
        config.put("reconnect.backoff.max.ms", 1_000);
        config.putAll(overrides);
        return config;
    }
}
