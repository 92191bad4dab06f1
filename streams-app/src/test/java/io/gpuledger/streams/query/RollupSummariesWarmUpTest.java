package io.gpuledger.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs beside the stream thread. A store iterator is a snapshot, so a rollup update (and its
 * invalidation) can land between the iterator's value and the warm-up's look at the bucket's version: the warm-up
 * must not keep a summary of the older value under the newer version.
 */
class RollupSummariesWarmUpTest {

    @Test
    void warmUpRacingAnUpdateKeepsNoStaleSummary() {
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(4, 1, 3))
                .forEachSnapshot(generated -> snapshots.addAll(generated.hostSnapshots()));
        HostSnapshot middle = snapshots.get(snapshots.size() / 2);
        long bucket = SnapshotTime.bucketStartMicros(SnapshotTime.toMicros(middle.timestamp()));
        // Before the update, one machine's snapshots of that bucket had not arrived.
        List<HostSnapshot> before = snapshots.stream().filter(s -> !(s.machine().equals(middle.machine())
                && SnapshotTime.bucketStartMicros(SnapshotTime.toMicros(s.timestamp())) == bucket)).toList();
        assertThat(before).hasSizeLessThan(snapshots.size());

        RollupSummaries summaries = new RollupSummaries(QueryConfig.defaults());
        try (TopologyHarness old = new TopologyHarness(); TopologyHarness current = new TopologyHarness()) {
            old.pipe(before);
            current.pipe(snapshots);
            assertThat(old.rollups().get(bucket).encode()).as("the update changed the bucket's rollup")
                    .isNotEqualTo(current.rollups().get(bucket).encode());
            summaries.warmUp(new RacingStore(old.rollups(), current.rollups(), () -> summaries.invalidate(bucket)));

            QueryWindow window = QueryWindow.endingAt(SnapshotTime.fromMicros(current.latestSnapshotMicros()), 24);
            assertThat(bucket).isGreaterThan(window.firstBucket()).isLessThan(window.lastBucket());
            String cached = ReportJson.toJson(ReportEngine.allocation(
                    summaries.source(current.rollups(), current.edgeDigests(window)), window, QueryConfig.defaults()));
            String uncached = ReportJson.toJson(ReportEngine.allocation(
                    RollupSummaries.uncached(current.rollups(), current.edgeDigests(window)), window,
                    QueryConfig.defaults()));
            assertThat(cached).isEqualTo(uncached);
        }
    }

    /** Iterates the old contents (the iterator's snapshot) while reads see the new ones, the update announced. */
    private record RacingStore(ReadOnlyKeyValueStore<Long, BucketRollup> old,
                               ReadOnlyKeyValueStore<Long, BucketRollup> current, Runnable updateArrives)
            implements ReadOnlyKeyValueStore<Long, BucketRollup> {

        @Override
        public BucketRollup get(Long key) {
            return current.get(key);
        }

        @Override
        public KeyValueIterator<Long, BucketRollup> range(Long from, Long to) {
            return current.range(from, to);
        }

        @Override
        public KeyValueIterator<Long, BucketRollup> all() {
            KeyValueIterator<Long, BucketRollup> snapshot = old.all();
            updateArrives.run();
            return snapshot;
        }

        @Override
        public long approximateNumEntries() {
            return current.approximateNumEntries();
        }
    }
}
