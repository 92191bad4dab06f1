package io.gpuledger.streams.metrics;

import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.query.EdgeDigests;
import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.query.StoreDigestSource;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import io.gpuledger.streams.window.SummarySource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * {@link GaugeInputs} over the state stores: the rollup store of the owner, its in-memory summaries of the default
 * configuration, and a way to get a whole bucket's digests from the host-buckets of every instance.
 */
public final class StoreGaugeInputs implements GaugeInputs {

    /** The report API's source for one window: its edge buckets gathered from every instance. */
    @FunctionalInterface
    public interface WindowSources {
        SummarySource forWindow(QueryWindow window);
    }

    private final BooleanSupplier ownsRollups;
    private final Supplier<? extends ReadOnlyKeyValueStore<Long, BucketRollup>> rollups;
    private final WindowSources windowSources;
    private final RollupSummaries summaries;
    private final QueryConfig config;

    /**
     * @param ownsRollups       whether this instance owns the rollups now
     * @param rollups           the rollup store (asked for on each use: it is only valid on the owner)
     * @param windowSources the report API's source of a window (edge buckets from every instance)
     * @param summaries     summaries of the default configuration (history's inner buckets)
     * @param config        the configured default
     */
    public StoreGaugeInputs(BooleanSupplier ownsRollups,
                            Supplier<? extends ReadOnlyKeyValueStore<Long, BucketRollup>> rollups,
                            WindowSources windowSources, RollupSummaries summaries, QueryConfig config) {
        this.ownsRollups = ownsRollups;
        this.rollups = rollups;
        this.windowSources = windowSources;
        this.summaries = summaries;
        this.config = config;
    }

    @Override
    public boolean ownsRollups() {
        return ownsRollups.getAsBoolean();
    }

    @Override
    public long latestSnapshotMicros() {
        return StoreDigestSource.latestSnapshotMicros(rollups.get());
    }

    @Override
    public long earliestBucketMicros() {
        return StoreDigestSource.earliestBucketMicros(rollups.get());
    }

    @Override
    public QueryConfig config() {
        return config;
    }

    @Override
    public SummarySource liveSource() {
        return (window, queryConfig, legacySets, visitor) ->
                windowSources.forWindow(window).forEachSummary(window, queryConfig, legacySets, visitor);
    }

    /** The report API's source of a window on a single instance: every edge digest is local. */
    public static WindowSources localWindowSources(
            Supplier<? extends ReadOnlyKeyValueStore<String, Long>> machines,
            Supplier<? extends ReadOnlyWindowStore<String, HostBucket>> hostBuckets,
            Supplier<? extends ReadOnlyKeyValueStore<Long, BucketRollup>> rollups, RollupSummaries summaries) {
        return window -> {
            Map<Long, List<MachineDigest>> edges = new HashMap<>();
            for (long edge : StoreDigestSource.edgeBuckets(window)) {
                edges.put(edge, EdgeDigests.local(machines.get(), hostBuckets.get(), edge, window));
            }
            return summaries.source(rollups.get(), edges);
        };
    }

    @Override
    public SummarySource historySource() {
        ReadOnlyKeyValueStore<Long, BucketRollup> store = rollups.get();
        return (window, queryConfig, legacySets, visitor) -> {
            // Bucket-aligned windows: their edge buckets are whole, so the rollups hold them exactly.
            Map<Long, List<MachineDigest>> edges = new HashMap<>();
            edges.put(window.firstBucket(), decode(store.get(window.firstBucket())));
            edges.put(window.lastBucket(), decode(store.get(window.lastBucket())));
            summaries.source(store, edges).forEachSummary(window, queryConfig, legacySets, visitor);
        };
    }

    private static List<MachineDigest> decode(BucketRollup rollup) {
        if (rollup == null) {
            return List.of();
        }
        List<MachineDigest> digests = new ArrayList<>(rollup.entries().size());
        for (BucketRollup.Entry entry : rollup.entries()) {
            digests.add(entry.decode());
        }
        return digests;
    }

    @Override
    public void forEachBucket(long fromBucket, long toBucket, LongConsumer visitor) {
        if (toBucket < fromBucket) {
            return;
        }
        try (KeyValueIterator<Long, BucketRollup> range = rollups.get().range(fromBucket, toBucket)) {
            while (range.hasNext()) {
                var entry = range.next();
                if (!entry.value.entries().isEmpty()) {
                    visitor.accept(entry.key);
                }
            }
        }
    }
}
