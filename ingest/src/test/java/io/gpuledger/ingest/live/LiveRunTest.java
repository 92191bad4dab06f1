package io.gpuledger.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One collection at a time: published whole, or refused and counted; the summary line says which. */
class LiveRunTest {

    private final StringWriter out = new StringWriter();
    private final LiveMetrics metrics = new LiveMetrics();
    private final List<List<HostSnapshot>> published = new ArrayList<>();

    private final LiveRun.Publisher recording = new LiveRun.Publisher() {
        @Override
        public int publish(List<HostSnapshot> snapshots) {
            published.add(snapshots);
            return snapshots.size();
        }

        @Override
        public void close() {
        }
    };

    private LiveRun run(LiveSettings settings, LiveRun.Publisher publisher) {
        return new LiveRun(settings, publisher, metrics, Clock.systemUTC(), new PrintWriter(out));
    }

    private static LiveSettings utc() {
        return LiveSettings.dryRunDefaults().with(io.gpuledger.ingest.settings.CommonSettings.COLLECTOR_ZONE,
                ZoneOffset.UTC);
    }

    @Test
    void eachArrayOfAStreamIsOneCollectionStampedWhenItStarts() throws Exception {
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        boolean allGood;
        try (LiveRun run = run(utc(), recording)) {
            allGood = run.readStream("two-collections.json",
                    new StringReader(LiveAds.text("two-collections.json")));
        }

        assertThat(allGood).isTrue();
        assertThat(published).extracting(List::size).containsExactly(1, 2);
        assertThat(published.get(1).get(0).timestamp()).isAfter(before)
                .isAfterOrEqualTo(published.get(0).get(0).timestamp());
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString().lines().toList().get(1)).endsWith(": 2 ads, 2 rows, 2 machines -> 2 records to "
                + "gpu.host-snapshots");
        assertThat(metrics.collections()).isEqualTo(2);
    }

    @Test
    void aDryRunPublishesNothingAndSaysSo() throws Exception {
        try (LiveRun run = run(utc().with(LiveSettings.COLLECTED_AT, "2026-12-07 10:05:16.123456"), null)) {
            assertThat(run.readStream("bad-ads.json", new StringReader(LiveAds.text("bad-ads.json")))).isTrue();
        }

        assertThat(out.toString()).isEqualTo("2026-12-07 10:05:16.123456: 7 ads (5 bad, skipped), 2 rows, 1 machines"
                + " -> not published (--dry-run)" + System.lineSeparator());
    }

    @Test
    void aCollectionStampedBeyondTheSkewIsRefusedAndCounted() throws Exception {
        String inThreeDays = SnapshotTime.format(LocalDateTime.now(ZoneOffset.UTC).plusDays(3));
        boolean allGood;
        try (LiveRun run = run(utc().with(LiveSettings.COLLECTED_AT, inThreeDays), recording)) {
            allGood = run.readStream("pool", new StringReader(LiveAds.text("pool-collection.json")));
        }

        assertThat(allGood).isFalse();
        assertThat(published).isEmpty();
        assertThat(metrics.failures(LiveMetrics.Failure.REFUSED)).isEqualTo(1);
    }

    @Test
    void unparseableInputFailsTheStreamAndIsCounted() throws Exception {
        boolean allGood;
        try (LiveRun run = run(utc(), recording)) {
            allGood = run.readStream("not-json.json", new StringReader(LiveAds.text("not-json.json")));
        }

        assertThat(allGood).isFalse();
        assertThat(published).isEmpty();
        assertThat(metrics.failures(LiveMetrics.Failure.FAILED)).isEqualTo(1);
    }

    @Test
    void aPublisherThatFailsCountsTheCollectionAsNotStored() {
        LiveRun.Publisher refusing = new LiveRun.Publisher() {
            @Override
            public int publish(List<HostSnapshot> snapshots) {
                throw new LiveInputException("Kafka did not acknowledge the collection within 60 s");
            }

            @Override
            public void close() {
            }
        };
        try (LiveRun run = run(utc(), refusing)) {
            assertThat(run.handle(LiveAds.collection("pool-collection.json"))).isFalse();
        }

        assertThat(metrics.failures(LiveMetrics.Failure.NOT_STORED)).isEqualTo(1);
        assertThat(metrics.collections()).isZero();
    }

    @Test
    void metricsShowTheLastSuccessAdsRowsAndFailures() throws Exception {
        try (LiveRun run = run(utc(), recording)) {
            run.handle(LiveAds.collection("pool-collection.json"));
            run.handle(LiveAds.collection("bad-ads.json"));
        }
        metrics.failed(LiveMetrics.Failure.TIMEOUT);

        int port = metrics.serve("127.0.0.1", 0);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().lines()).contains("gpuledger_live_collections_total 2",
                    "gpuledger_live_ads_total 20", "gpuledger_live_bad_ads_total 5", "gpuledger_live_rows_total 18",
                    "gpuledger_live_records_total 7", "gpuledger_live_last_collection_rows 2",
                    "gpuledger_live_failures_total{reason=\"timeout\"} 1",
                    "gpuledger_live_failures_total{reason=\"refused\"} 0");
            assertThat(response.body()).containsPattern("gpuledger_live_last_success_timestamp_seconds 1[0-9]{9}\\.");
        } finally {
            metrics.close();
        }
    }
}
