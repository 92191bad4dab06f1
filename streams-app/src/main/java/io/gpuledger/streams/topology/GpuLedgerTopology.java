package io.gpuledger.streams.topology;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotSerde;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.bucket.HostBucketCodec;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.digest.DigestBuilder;
import io.gpuledger.streams.digest.MachineDigestCodec;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole data flow, top to bottom (architecture §1):
 *
 * <ol>
 *   <li>{@code gpu.host-snapshots} (key = machine, value = one machine's snapshot) →</li>
 *   <li>per machine, 15-minute windows merged into a {@link HostBucket} (a semilattice: replays and duplicates change
 *       nothing) → windowed store {@value #HOST_BUCKETS}, kept for the configured history and deleted on stream time
 *       once it leaves it ({@link HostBucketExpiry});</li>
 *   <li>per machine, the latest snapshot seen → store {@value #MACHINES} (freshness; which machines to read);</li>
 *   <li>each changed host-bucket as a configuration-free digest, re-keyed by bucket start into one partition →</li>
 *   <li>per bucket, every machine's digest → store {@value #BUCKET_ROLLUPS}, which long-window reports read; each
 *       write is announced to in-memory listeners (summaries of the default configuration), and buckets that left
 *       the history are deleted on stream time ({@link RollupExpiry}).</li>
 * </ol>
 *
 * The store type (RocksDB or in-memory) follows the Streams config {@code dsl.store.suppliers.class}. Every changelog
 * and the repartition topic are configured by {@link InternalTopics}, so the stores can be rebuilt from them at any
 * time.
 */
public final class GpuLedgerTopology {

    public static final String HOST_BUCKETS = "host-buckets";
    public static final String MACHINES = "machines";
    public static final String BUCKET_ROLLUPS = "bucket-rollups";
    public static final String BUCKET_DIGESTS_TOPIC_NAME = "bucket-digests";

    private static final Logger LOG = LoggerFactory.getLogger(GpuLedgerTopology.class);
    private static final Duration BUCKET = Duration.ofMinutes(SnapshotTime.BUCKET_MINUTES);

    private GpuLedgerTopology() {
    }

    /** The topology with Kafka Streams' defaults (topology tests). */
    public static Topology build(TopologySettings settings) {
        Properties defaults = new Properties();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, "gpuledger");
        defaults.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return build(settings, defaults);
    }

    /** The topology for the Kafka Streams configuration it will run with (store types, exception handlers). */
    public static Topology build(TopologySettings settings, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        HostSnapshotSerde snapshotSerde = new HostSnapshotSerde();

        KStream<String, HostSnapshot> snapshots = builder.stream(settings.inputTopic(),
                        Consumed.with(Serdes.String(), snapshotSerde)
                                .withTimestampExtractor(new SnapshotTimestampExtractor())
                                .withName("snapshots"))
                .filter(GpuLedgerTopology::keyedByItsMachine, Named.as("keyed-by-machine"))
                // A live collection is committed (and so visible) at once; history waits for the commit interval.
                .processValues(LiveCommitRequest::new, Named.as("commit-after-live"));

        KStream<Windowed<String>, HostBucket> hostBucketChanges = snapshots
                .groupByKey(Grouped.with("by-machine", Serdes.String(), snapshotSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(BUCKET, settings.history()))
                .aggregate(HostBucket::unnamed,
                        (machine, snapshot, bucket) -> bucket.merge(snapshot),
                        Named.as("merge-into-host-bucket"),
                        Materialized.<String, HostBucket, WindowStore<Bytes, byte[]>>as(HOST_BUCKETS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new HostBucketCodec())
                                // A day past the history: segments drop only what HostBucketExpiry has deleted.
                                .withRetention(settings.history().plus(BUCKET).plus(Duration.ofDays(1)))
                                .withLoggingEnabled(InternalTopics.changelogConfig()))
                .toStream(Named.as("host-bucket-changes"));
        hostBucketChanges.process(() -> new HostBucketExpiry(settings.history()), Named.as("expire-old-host-buckets"),
                HOST_BUCKETS);

        KStream<Long, BucketRollup> rollupChanges = hostBucketChanges
                // An expired host-bucket's deletion passes by too; its bucket's rollup expires on its own.
                .filter((window, bucket) -> bucket != null, Named.as("live-host-buckets"))
                .map((window, bucket) -> KeyValue.pair(window.window().start() * 1000L,
                                MachineDigestCodec.encode(DigestBuilder.of(bucket))),
                        Named.as("digest-by-bucket"))
                .repartition(Repartitioned.with(Serdes.Long(), Serdes.ByteArray())
                        .withName(BUCKET_DIGESTS_TOPIC_NAME)
                        .withNumberOfPartitions(1))
                .groupByKey(Grouped.with("by-bucket", Serdes.Long(), Serdes.ByteArray()))
                .aggregate(BucketRollup::empty,
                        (bucketStart, digest, rollup) -> {
                            // Announced before the write too, so no summary of the old rollup outlives it.
                            settings.rollupUpdated().accept(bucketStart);
                            return rollup.with(MachineDigestCodec.readHeader(digest, 0, digest.length).machine(),
                                    digest);
                        },
                        Named.as("roll-up-bucket"),
                        // Cached: a bucket's rollup (every machine's digest) is written and changelogged once per
                        // commit, not once per machine.
                        Materialized.<Long, BucketRollup, KeyValueStore<Bytes, byte[]>>as(BUCKET_ROLLUPS)
                                .withKeySerde(Serdes.Long())
                                .withValueSerde(new BucketRollup.RollupSerde())
                                .withLoggingEnabled(InternalTopics.changelogConfig()))
                .toStream(Named.as("rollup-changes"));
        rollupChanges.foreach((bucketStart, rollup) -> settings.rollupUpdated().accept(bucketStart),
                Named.as("notify-rollup-listeners"));
        rollupChanges.process(() -> new RollupExpiry(settings.history()), Named.as("expire-old-rollups"),
                BUCKET_ROLLUPS);

        snapshots
                .groupByKey(Grouped.with("machine-latest", Serdes.String(), snapshotSerde))
                .aggregate(() -> Long.MIN_VALUE,
                        (machine, snapshot, latest) -> Math.max(latest, SnapshotTime.toMicros(snapshot.timestamp())),
                        Named.as("latest-snapshot-per-machine"),
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(MACHINES)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long())
                                .withLoggingEnabled(InternalTopics.changelogConfig()));

        return builder.build();
    }

    /** A record keyed by another machine would split that machine's buckets across partitions: drop it, loudly. */
    private static boolean keyedByItsMachine(String key, HostSnapshot snapshot) {
        if (snapshot == null) {
            return false;
        }
        if (!snapshot.machine().equals(key)) {
            LOG.warn("Skipping snapshot of {} at {}: record key is '{}', expected the machine", snapshot.machine(),
                    SnapshotTime.format(snapshot.timestamp()), key);
            return false;
        }
        return true;
    }
}
