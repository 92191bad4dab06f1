package io.gpuledger.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/**
 * Given three days of snapshots and a one-day history, when they are processed, then rollups of buckets that left
 * the history are gone, the ones inside it are all there, and reports inside the history are the same numbers as
 * with a history that keeps everything.
 */
class RollupExpiryTest {

    private static final Duration ONE_DAY = Duration.ofDays(1);
    private static final long BUCKET_MICROS = SnapshotTime.BUCKET_MICROS;

    @Test
    void rollupsThatLeftTheHistoryAreDeletedAndReportsInsideItDoNotChange() {
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(5, 3, 21).withStart(LocalDate.of(2025, 11, 1)))
                .forEachSnapshot(generated -> snapshots.addAll(generated.hostSnapshots()));
        try (TopologyHarness oneDay = new TopologyHarness(
                new TopologySettings(TopologySettings.DEFAULT_TOPIC, ONE_DAY), false);
             TopologyHarness everything = new TopologyHarness()) {
            oneDay.pipe(snapshots);
            everything.pipe(snapshots);

            long latestBucket = SnapshotTime.bucketStartMicros(oneDay.latestSnapshotMicros());
            long historyMicros = ONE_DAY.toNanos() / 1000;
            List<Long> kept = keys(oneDay);
            List<Long> all = keys(everything);
            assertThat(all.get(0)).as("three days were rolled up").isLessThan(latestBucket - 2 * historyMicros);
            // Punctuation runs every 15 minutes of stream time: at most one more bucket than the exact cut survives.
            assertThat(kept.get(0)).isBetween(latestBucket - historyMicros - 2 * BUCKET_MICROS,
                    latestBucket - historyMicros);
            assertThat(kept).as("every bucket inside the history is kept")
                    .isEqualTo(all.stream().filter(bucket -> bucket >= kept.get(0)).toList());

            QueryWindow window = QueryWindow.endingAt(SnapshotTime.fromMicros(oneDay.latestSnapshotMicros()), 23);
            assertThat(ReportJson.toJson(ReportEngine.allocation(oneDay.source(window), window,
                    QueryConfig.defaults())))
                    .isEqualTo(ReportJson.toJson(ReportEngine.allocation(everything.source(window), window,
                            QueryConfig.defaults())));
        }
    }

    private static List<Long> keys(TopologyHarness harness) {
        List<Long> keys = new ArrayList<>();
        try (KeyValueIterator<Long, BucketRollup> all = harness.rollups().all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
