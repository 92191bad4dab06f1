package io.gpuledger.streams.app;

import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.topology.InternalTopics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/** Kafka Streams settings derived from the service configuration. */
public final class StreamsProperties {

    private StreamsProperties() {
    }

    /**
     * @param bootstrapServers the cluster (embedded or external)
     * @param applicationServer {@code host:port} other instances reach this one's HTTP API at
     * @param embedded          single-broker cluster: internal topics need replication factor 1
     */
    public static Properties of(StreamsAppConfig config, String bootstrapServers, String applicationServer,
                                boolean embedded) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        // Correct under at-least-once because every aggregate is idempotent (architecture §1); exactly-once on request.
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                config.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        if (config.inMemoryStores()) {
            properties.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                    BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        }
        // A standby copy lets another instance take over the rollups quickly when this one stops.
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, embedded ? 1 : config.replicationFactor());
        // Internal topics keep snapshot times of any age and of any collector zone (InternalTopics).
        properties.putAll(InternalTopics.streamsTopicDefaults());
        // A record that is not a snapshot is logged and skipped (and counted), not fatal for the whole service.
        properties.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        // Kafka 5 turns this on by default; setting it now keeps behaviour the same across the upgrade.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Caches coalesce the several snapshots of one host-bucket before a digest is emitted.
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        // A live collection is smaller than fetch.min.bytes: the broker answers after this wait instead of 500 ms.
        // A replay's backlog fills fetch.min.bytes at once, so its throughput does not change.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Security and other client settings of the site (SASL, SSL) reach every client Kafka Streams makes.
        properties.putAll(config.clientProperties());
        return properties;
    }
}
