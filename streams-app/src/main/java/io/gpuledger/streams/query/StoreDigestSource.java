package io.gpuledger.streams.query;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.digest.MachineDigestCodec;
import io.gpuledger.streams.window.BucketDigests;
import io.gpuledger.streams.window.DigestSource;
import io.gpuledger.streams.window.QueryWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A window's digests from the stores: the edge buckets from host-buckets (gathered from every instance by the caller,
 * restricted to in-window snapshots), the buckets in between from the {@code bucket-rollups} store.
 */
public final class StoreDigestSource implements DigestSource {

    private final ReadOnlyKeyValueStore<Long, BucketRollup> rollups;
    private final Map<Long, List<MachineDigest>> edgeDigests;

    /**
     * @param rollups     the rollup store
     * @param edgeDigests digests of the window's first and last buckets, by bucket start, from all instances
     */
    public StoreDigestSource(ReadOnlyKeyValueStore<Long, BucketRollup> rollups,
                             Map<Long, List<MachineDigest>> edgeDigests) {
        this.rollups = rollups;
        this.edgeDigests = edgeDigests;
    }

    /** The edge buckets of a window: its first and last bucket (one when they coincide). */
    public static List<Long> edgeBuckets(QueryWindow window) {
        return window.firstBucket() == window.lastBucket() ? List.of(window.firstBucket())
                : List.of(window.firstBucket(), window.lastBucket());
    }

    @Override
    public void forEachBucket(QueryWindow window, Consumer<BucketDigests> visitor) {
        long first = window.firstBucket();
        long last = window.lastBucket();
        visitEdge(first, visitor);
        if (last - first > SnapshotTime.BUCKET_MICROS) {
            try (KeyValueIterator<Long, BucketRollup> inner =
                         rollups.range(first + SnapshotTime.BUCKET_MICROS, last - SnapshotTime.BUCKET_MICROS)) {
                while (inner.hasNext()) {
                    KeyValue<Long, BucketRollup> entry = inner.next();
                    if (!entry.value.entries().isEmpty()) {
                        visitor.accept(new RollupDigests(entry.key, entry.value));
                    }
                }
            }
        }
        if (last != first) {
            visitEdge(last, visitor);
        }
    }

    private void visitEdge(long bucketStart, Consumer<BucketDigests> visitor) {
        List<MachineDigest> digests = edgeDigests.getOrDefault(bucketStart, List.of());
        if (!digests.isEmpty()) {
            List<MachineDigest> sorted = new ArrayList<>(digests);
            sorted.sort(Comparator.comparing(MachineDigest::machine));
            visitor.accept(BucketDigests.of(bucketStart, sorted));
        }
    }

    /** A rollup's entries, decoded only as far as a pass needs. */
    private record RollupDigests(long bucketStartMicros, BucketRollup rollup) implements BucketDigests {
        @Override
        public List<MachineDigestCodec.Header> headers() {
            return rollup.entries().stream().map(BucketRollup.Entry::header).toList();
        }

        @Override
        public List<MachineDigest> digests() {
            return rollup.entries().stream().map(BucketRollup.Entry::decode).toList();
        }
    }

    /** The latest snapshot timestamp in the rollups (the default window end, rules §3.1), or -1 when empty. */
    public static long latestSnapshotMicros(ReadOnlyKeyValueStore<Long, BucketRollup> rollups) {
        try (KeyValueIterator<Long, BucketRollup> latest = rollups.reverseAll()) {
            while (latest.hasNext()) {
                BucketRollup rollup = latest.next().value;
                long max = -1;
                for (BucketRollup.Entry entry : rollup.entries()) {
                    max = Math.max(max, entry.header().lastTimestamp());
                }
                if (max >= 0) {
                    return max;
                }
            }
        }
        return -1;
    }

    /** The earliest snapshot timestamp in the rollups, or -1 when empty. */
    public static long earliestSnapshotMicros(ReadOnlyKeyValueStore<Long, BucketRollup> rollups) {
        try (KeyValueIterator<Long, BucketRollup> earliest = rollups.all()) {
            while (earliest.hasNext()) {
                BucketRollup rollup = earliest.next().value;
                long min = Long.MAX_VALUE;
                for (BucketRollup.Entry entry : rollup.entries()) {
                    min = Math.min(min, entry.header().firstTimestamp());
                }
                if (min != Long.MAX_VALUE) {
                    return min;
                }
            }
        }
        return -1;
    }

    /** The earliest bucket retained, or -1 when empty. */
    public static long earliestBucketMicros(ReadOnlyKeyValueStore<Long, BucketRollup> rollups) {
        try (KeyValueIterator<Long, BucketRollup> earliest = rollups.all()) {
            return earliest.hasNext() ? earliest.next().key : -1;
        }
    }
}
