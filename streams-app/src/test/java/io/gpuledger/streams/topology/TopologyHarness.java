package io.gpuledger.streams.topology;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotSerde;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.query.EdgeDigests;
import io.gpuledger.streams.query.StoreDigestSource;
import io.gpuledger.streams.window.DigestSource;
import io.gpuledger.streams.window.QueryWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The real topology in a {@link TopologyTestDriver}: pipe snapshots in, then compute reports from the stores exactly
 * as the service does (edges from host-buckets, inner buckets from rollups).
 */
public final class TopologyHarness implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, HostSnapshot> input;
    private final Path stateDir;

    public TopologyHarness() {
        this(TopologySettings.defaults(), false);
    }

    public TopologyHarness(TopologySettings settings, boolean inMemoryStores) {
        try {
            stateDir = Files.createTempDirectory("gpuledger-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "gpuledger-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        if (inMemoryStores) {
            properties.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                    org.apache.kafka.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        }
        driver = new TopologyTestDriver(GpuLedgerTopology.build(settings), properties);
        input = driver.createInputTopic(settings.inputTopic(), Serdes.String().serializer(),
                new HostSnapshotSerde().serializer());
    }

    public TopologyHarness pipe(Collection<HostSnapshot> snapshots) {
        for (HostSnapshot snapshot : snapshots) {
            input.pipeInput(snapshot.machine(), snapshot, SnapshotTime.toRecordMillis(snapshot.timestamp()));
        }
        return this;
    }

    public KeyValueStore<Long, BucketRollup> rollups() {
        return driver.getKeyValueStore(GpuLedgerTopology.BUCKET_ROLLUPS);
    }

    public WindowStore<String, HostBucket> hostBuckets() {
        return driver.getWindowStore(GpuLedgerTopology.HOST_BUCKETS);
    }

    public KeyValueStore<String, Long> machines() {
        return driver.getKeyValueStore(GpuLedgerTopology.MACHINES);
    }

    /** The source a report over {@code window} reads, as the service builds it. */
    public DigestSource source(QueryWindow window) {
        return new StoreDigestSource(rollups(), edgeDigests(window));
    }

    /** Digests of the window's edge buckets, as the rollup owner gathers them. */
    public Map<Long, List<MachineDigest>> edgeDigests(QueryWindow window) {
        Map<Long, List<MachineDigest>> edges = new HashMap<>();
        for (long edge : StoreDigestSource.edgeBuckets(window)) {
            edges.put(edge, EdgeDigests.local(machines(), hostBuckets(), edge, window));
        }
        return edges;
    }

    /** Default window end: the latest snapshot in the rollups. */
    public long latestSnapshotMicros() {
        return StoreDigestSource.latestSnapshotMicros(rollups());
    }

    public long droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total"))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue()).sum();
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: a temp dir
        }
    }
}
