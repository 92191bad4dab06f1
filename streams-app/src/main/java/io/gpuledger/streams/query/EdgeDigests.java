package io.gpuledger.streams.query;

import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.digest.DigestBuilder;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.window.QueryWindow;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Digests of a window's two edge buckets from the host-buckets this instance holds: edge buckets count only their
 * in-window snapshots (rules §3.1), so they are computed from host-buckets, never read from rollups.
 */
public final class EdgeDigests {

    private EdgeDigests() {
    }

    /**
     * @param machines    the local {@code machines} store (which machines this instance holds)
     * @param hostBuckets the local {@code host-buckets} store
     * @param bucketStart the edge bucket, micros
     */
    public static List<MachineDigest> local(ReadOnlyKeyValueStore<String, Long> machines,
                                            ReadOnlyWindowStore<String, HostBucket> hostBuckets,
                                            long bucketStart, QueryWindow window) {
        List<MachineDigest> digests = new ArrayList<>();
        long bucketStartMillis = bucketStart / 1000L;
        try (KeyValueIterator<String, Long> all = machines.all()) {
            while (all.hasNext()) {
                String machine = all.next().key;
                HostBucket bucket = hostBuckets.fetch(machine, bucketStartMillis);
                if (bucket != null) {
                    MachineDigest digest = DigestBuilder.of(bucket, window.startMicros(), window.endMicros());
                    if (digest != null) {
                        digests.add(digest);
                    }
                }
            }
        }
        return digests;
    }
}
