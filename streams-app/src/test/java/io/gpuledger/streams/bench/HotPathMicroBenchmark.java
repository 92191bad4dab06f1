package io.gpuledger.streams.bench;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.bucket.HostBucketCodec;
import io.gpuledger.streams.digest.DigestBuilder;
import io.gpuledger.streams.digest.MachineDigestCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU cost per row of the topology's hot path, single thread, no Kafka: JSON decode, host-bucket merge with the
 * store's decode/encode round trip, digest building. Not a test; prints nanoseconds per row.
 */
public final class HotPathMicroBenchmark {

    public static void main(String[] args) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(120, 3, 42)).forEachSnapshot(s -> snapshots.addAll(s.hostSnapshots()));
        List<byte[]> json = new ArrayList<>();
        long rows = 0;
        for (HostSnapshot snapshot : snapshots) {
            json.add(HostSnapshotJson.toBytes(snapshot));
            rows += snapshot.rows().size();
        }
        System.out.printf("%,d snapshots, %,d rows, %.0f bytes of JSON per row%n", snapshots.size(), rows,
                json.stream().mapToLong(b -> b.length).sum() / (double) rows);
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (HostSnapshot snapshot : snapshots) {
                HostSnapshotJson.toBytes(snapshot);
            }
            long encode = System.nanoTime() - start;
            start = System.nanoTime();
            List<HostSnapshot> decoded = new ArrayList<>(json.size());
            for (byte[] bytes : json) {
                decoded.add(HostSnapshotJson.fromBytes(bytes));
            }
            long decode = System.nanoTime() - start;
            // The windowed aggregate: read the bucket from the cache (decode), merge, write it back (encode).
            start = System.nanoTime();
            Map<String, byte[]> buckets = new HashMap<>();
            Map<String, HostBucket> latest = new HashMap<>();
            for (HostSnapshot snapshot : decoded) {
                String key = snapshot.machine() + SnapshotTime.bucketStartMicros(SnapshotTime.toMicros(snapshot.timestamp()));
                byte[] stored = buckets.get(key);
                HostBucket bucket = stored == null ? HostBucket.unnamed() : HostBucketCodec.decode(stored);
                bucket.merge(snapshot);
                buckets.put(key, HostBucketCodec.encode(bucket));
                latest.put(key, bucket);
            }
            long aggregate = System.nanoTime() - start;
            start = System.nanoTime();
            for (HostBucket bucket : latest.values()) {
                MachineDigestCodec.encode(DigestBuilder.of(bucket));
            }
            long digest = System.nanoTime() - start;
            System.out.printf("round %d: json encode %4.0f ns/row, json decode %4.0f ns/row, bucket merge %4.0f ns/row,"
                    + " digests %4.0f ns/row (%d buckets)%n", round, encode / (double) rows, decode / (double) rows,
                    aggregate / (double) rows, digest / (double) rows, latest.size());
        }
    }
}
