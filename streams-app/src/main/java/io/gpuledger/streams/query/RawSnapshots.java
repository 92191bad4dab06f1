package io.gpuledger.streams.query;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.bucket.HostBucket;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** Raw rows around a time from the host-buckets this instance holds: the GPU model snapshot's input (rules §4.12). */
public final class RawSnapshots {

    private RawSnapshots() {
    }

    /** Every local snapshot with {@code fromMicros <= timestamp <= toMicros}, as HostSnapshots. */
    public static List<HostSnapshot> local(ReadOnlyKeyValueStore<String, Long> machines,
                                           ReadOnlyWindowStore<String, HostBucket> hostBuckets,
                                           long fromMicros, long toMicros) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        long firstBucketMillis = SnapshotTime.bucketStartMicros(fromMicros) / 1000L;
        long lastBucketMillis = SnapshotTime.bucketStartMicros(toMicros) / 1000L;
        try (KeyValueIterator<String, Long> all = machines.all()) {
            while (all.hasNext()) {
                String machine = all.next().key;
                try (KeyValueIterator<Windowed<String>, HostBucket> buckets =
                             hostBuckets.fetch(machine, machine, java.time.Instant.ofEpochMilli(firstBucketMillis),
                                     java.time.Instant.ofEpochMilli(lastBucketMillis))) {
                    while (buckets.hasNext()) {
                        KeyValue<Windowed<String>, HostBucket> bucket = buckets.next();
                        for (HostBucket.Snapshot snapshot : bucket.value.snapshotsBetween(fromMicros, toMicros)) {
                            snapshots.add(new HostSnapshot(machine, SnapshotTime.fromMicros(snapshot.timestampMicros()),
                                    snapshot.rows()));
                        }
                    }
                }
            }
        }
        return snapshots;
    }
}
