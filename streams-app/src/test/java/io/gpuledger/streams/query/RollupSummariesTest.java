package io.gpuledger.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.topology.TopologySettings;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import io.gpuledger.streams.window.SummarySource;
import java.time.Duration;
import io.gpuledger.streams.digest.MachineDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Given a generated cluster piped through the topology, reports from the in-memory summaries of the default
 * configuration equal reports summarised straight from the stores, before and after more data arrives.
 */
class RollupSummariesTest {

    private static final QueryConfig DEFAULTS = QueryConfig.defaults();

    @Test
    void cachedSummariesGiveTheSameReportsAsTheStoresAndFollowUpdates() {
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(10, 2, 7).withStart(LocalDate.of(2025, 10, 30)))
                .forEachSnapshot(generated -> snapshots.addAll(generated.hostSnapshots()));
        int half = snapshots.size() / 2;
        RollupSummaries summaries = new RollupSummaries(DEFAULTS);
        try (TopologyHarness harness = new TopologyHarness(
                new TopologySettings(TopologySettings.DEFAULT_TOPIC, Duration.ofDays(400), summaries::invalidate),
                false)) {
            harness.pipe(snapshots.subList(0, half));
            summaries.warmUp(harness.rollups());
            assertThat(summaries.isComplete()).isTrue();
            assertSameReports(harness, summaries);

            // New buckets and updates to known ones invalidate exactly what changed.
            harness.pipe(snapshots.subList(half, snapshots.size()));
            assertSameReports(harness, summaries);
        }
    }

    @Test
    void edgeDigestsAreReadOnlyWhenTheWindowCutsThroughAnEdgeBucket() {
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(8, 1, 11).withStart(LocalDate.of(2025, 10, 30)))
                .forEachSnapshot(generated -> snapshots.addAll(generated.hostSnapshots()));
        RollupSummaries summaries = new RollupSummaries(DEFAULTS);
        try (TopologyHarness harness = new TopologyHarness(
                new TopologySettings(TopologySettings.DEFAULT_TOPIC, Duration.ofDays(400), summaries::invalidate),
                false)) {
            harness.pipe(snapshots);
            summaries.warmUp(harness.rollups());
            LocalDateTime latest = SnapshotTime.fromMicros(harness.latestSnapshotMicros());
            int cutWindows = 0;
            // Window ends a minute apart: edges cut before, between and after the buckets' snapshots.
            for (int minutesBack = 0; minutesBack < 45; minutesBack++) {
                QueryWindow window = QueryWindow.endingAt(latest.minusMinutes(minutesBack), 3);
                Map<Long, List<MachineDigest>> digests = harness.edgeDigests(window);
                AtomicInteger asked = new AtomicInteger();
                SummarySource cached = summaries.source(harness.rollups(), () -> {
                    asked.incrementAndGet();
                    return digests;
                });
                SummarySource uncached = RollupSummaries.uncached(harness.rollups(), digests);
                assertThat(ReportJson.toJson(ReportEngine.allocation(cached, window, DEFAULTS)))
                        .as("window ending %d minutes before the latest snapshot", minutesBack)
                        .isEqualTo(ReportJson.toJson(ReportEngine.allocation(uncached, window, DEFAULTS)));
                boolean cut = cuts(snapshots, window.firstBucket(), window)
                        || cuts(snapshots, window.lastBucket(), window);
                assertThat(asked.get() > 0).as("edge digests asked, %d minutes back", minutesBack).isEqualTo(cut);
                cutWindows += cut ? 1 : 0;
            }
            assertThat(cutWindows).as("windows cutting an edge bucket").isBetween(1, 44);
        }
    }

    /** Whether the window holds some but not all snapshots of the bucket. */
    private static boolean cuts(List<HostSnapshot> snapshots, long bucketStart, QueryWindow window) {
        boolean inside = false;
        boolean outside = false;
        for (HostSnapshot snapshot : snapshots) {
            long timestamp = SnapshotTime.toMicros(snapshot.timestamp());
            if (SnapshotTime.bucketStartMicros(timestamp) == bucketStart) {
                inside |= window.contains(timestamp);
                outside |= !window.contains(timestamp);
            }
        }
        return inside && outside;
    }

    @Test
    void summariesAreKeptForTheHistoryOnlyAndOlderBucketsAreReadFromTheStore() {
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(6, 3, 5).withStart(LocalDate.of(2025, 10, 28)))
                .forEachSnapshot(generated -> snapshots.addAll(generated.hostSnapshots()));
        int twoDays = snapshots.size() * 2 / 3;
        RollupSummaries summaries = new RollupSummaries(DEFAULTS, Duration.ofDays(1));
        try (TopologyHarness harness = new TopologyHarness(
                new TopologySettings(TopologySettings.DEFAULT_TOPIC, Duration.ofDays(400), summaries::invalidate),
                false)) {
            harness.pipe(snapshots.subList(0, twoDays));
            summaries.warmUp(harness.rollups());
            long newestBucket = SnapshotTime.bucketStartMicros(harness.latestSnapshotMicros());
            assertThat(summaries.horizon()).isEqualTo(newestBucket - Duration.ofDays(1).toNanos() / 1000);
            // One day of 15-minute buckets, plus the newest.
            assertThat(summaries.size()).isEqualTo(97);
            assertSameReportsReachingBeforeTheHorizon(harness, summaries);

            harness.pipe(snapshots.subList(twoDays, snapshots.size()));
            assertThat(summaries.size()).as("buckets kept after another day").isLessThanOrEqualTo(97);
            assertSameReportsReachingBeforeTheHorizon(harness, summaries);
        }
    }

    private static void assertSameReportsReachingBeforeTheHorizon(TopologyHarness harness, RollupSummaries summaries) {
        LocalDateTime latest = SnapshotTime.fromMicros(harness.latestSnapshotMicros());
        for (int hoursBack : new int[] {6, 30, 47}) {
            QueryWindow window = QueryWindow.endingAt(latest, hoursBack);
            SummarySource cached = summaries.source(harness.rollups(), harness.edgeDigests(window));
            SummarySource uncached = RollupSummaries.uncached(harness.rollups(), harness.edgeDigests(window));
            assertThat(ReportJson.toJson(ReportEngine.allocation(cached, window, DEFAULTS)))
                    .as("%d h", hoursBack)
                    .isEqualTo(ReportJson.toJson(ReportEngine.allocation(uncached, window, DEFAULTS)));
        }
    }

    @Test
    void anotherConfigurationIsSummarisedFromTheStoresNotFromTheDefaultsSummaries() {
        RollupSummaries summaries = new RollupSummaries(DEFAULTS);
        QueryConfig other = new QueryConfig(ChtcOwnedList.of(), HostExclusions.none(), HostFilter.NONE, false);
        assertThat(summaries.servesConfig(DEFAULTS.withAllDevices(true))).isTrue();
        assertThat(summaries.servesConfig(other)).isFalse();
        assertThat(summaries.servesConfig(DEFAULTS.withHostFilter(new HostFilter("gpu")))).isFalse();
    }

    private static void assertSameReports(TopologyHarness harness, RollupSummaries summaries) {
        long latest = harness.latestSnapshotMicros();
        for (int hoursBack : new int[] {1, 6, 24, 48}) {
            QueryWindow window = QueryWindow.endingAt(SnapshotTime.fromMicros(latest), hoursBack);
            for (QueryConfig config : List.of(DEFAULTS, DEFAULTS.withAllDevices(true),
                    DEFAULTS.withHostFilter(new HostFilter("gpu")))) {
                SummarySource cached = summaries.source(harness.rollups(), harness.edgeDigests(window));
                SummarySource uncached = RollupSummaries.uncached(harness.rollups(), harness.edgeDigests(window));
                assertThat(ReportJson.toJson(ReportEngine.allocation(cached, window, config)))
                        .as("%d h, %s", hoursBack, config)
                        .isEqualTo(ReportJson.toJson(ReportEngine.allocation(uncached, window, config)));
                assertThat(ReportJson.toJson(ReportEngine.timeSeries(cached, window, config, 60)))
                        .isEqualTo(ReportJson.toJson(ReportEngine.timeSeries(uncached, window, config, 60)));
            }
        }
    }
}
