package io.gpuledger.streams.window;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.digest.DigestBuilder;
import io.gpuledger.streams.digest.MachineDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link DigestSource} over host-buckets held in memory: every bucket's digests are computed from the buckets,
 * restricted to the window's snapshots. This is the reference path the rollups must agree with, and what tests and
 * small ad-hoc computations use.
 */
public final class HostBucketSource implements DigestSource {

    /** bucket start → machine → bucket */
    private final TreeMap<Long, TreeMap<String, HostBucket>> buckets = new TreeMap<>();

    public static HostBucketSource of(Collection<HostSnapshot> snapshots) {
        HostBucketSource source = new HostBucketSource();
        snapshots.forEach(source::add);
        return source;
    }

    public HostBucketSource add(HostSnapshot snapshot) {
        long bucketStart = SnapshotTime.bucketStartMicros(SnapshotTime.toMicros(snapshot.timestamp()));
        buckets.computeIfAbsent(bucketStart, b -> new TreeMap<>())
                .computeIfAbsent(snapshot.machine(), HostBucket::empty)
                .merge(snapshot);
        return this;
    }

    public HostBucketSource add(long bucketStart, HostBucket bucket) {
        buckets.computeIfAbsent(bucketStart, b -> new TreeMap<>()).merge(bucket.machine(), bucket, HostBucket::merge);
        return this;
    }

    @Override
    public void forEachBucket(QueryWindow window, Consumer<BucketDigests> visitor) {
        for (Map.Entry<Long, TreeMap<String, HostBucket>> bucket
                : buckets.subMap(window.firstBucket(), true, window.lastBucket(), true).entrySet()) {
            List<MachineDigest> digests = new ArrayList<>();
            for (HostBucket hostBucket : bucket.getValue().values()) {
                MachineDigest digest = DigestBuilder.of(hostBucket, window.startMicros(), window.endMicros());
                if (digest != null) {
                    digests.add(digest);
                }
            }
            if (!digests.isEmpty()) {
                visitor.accept(BucketDigests.of(bucket.getKey(), digests));
            }
        }
    }
}
