package io.gpuledger.streams.query;

import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.topology.GpuLedgerTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * This instance's view of the stores (interactive queries). Each store covers only the partitions this instance
 * holds as active tasks; {@link StoreUnavailableException} while they cannot be queried.
 */
public final class LocalStores {

    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ReadOnlyKeyValueStore<Long, BucketRollup> rollups() {
        return store(GpuLedgerTopology.BUCKET_ROLLUPS, QueryableStoreTypes.keyValueStore());
    }

    public ReadOnlyWindowStore<String, HostBucket> hostBuckets() {
        return store(GpuLedgerTopology.HOST_BUCKETS, QueryableStoreTypes.windowStore());
    }

    public ReadOnlyKeyValueStore<String, Long> machines() {
        return store(GpuLedgerTopology.MACHINES, QueryableStoreTypes.keyValueStore());
    }

    private <T> T store(String name, QueryableStoreType<T> type) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("stores are not queryable while Kafka Streams is " + streams.state());
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + name + " is not queryable here now: " + e.getMessage(), e);
        }
    }
}
