package io.gpuledger.streams.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.backfill.BackfillLoader;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.ingest.live.LiveMetrics;
import io.gpuledger.ingest.live.LiveRun;
import io.gpuledger.ingest.live.LiveSettings;
import io.gpuledger.ingest.live.SnapshotPublisher;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path end to end on a real broker: {@code ingest live} publishes two collections of the example ads (and
 * appends them to a monthly file); the service reports them within seconds even with a 30 s commit interval; and a
 * replay of the monthly file into another service gives the same report JSON as the live path.
 */
@WithKafka
class LivePathIT {

    private static final String REPORT = "/api/v1/report?hours-back=24";
    /** Two collector runs five minutes apart, 16 rows each. */
    private static final String FIRST = "2026-12-07 10:05:16.123456";
    private static final String SECOND = "2026-12-07 10:10:16.654321";

    @TempDir
    Path dir;

    private static String ads() throws Exception {
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                LivePathIT.class.getResourceAsStream("/live/pool-collection.json")), StandardCharsets.UTF_8)) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        }
    }

    private LiveSettings live(KafkaBroker kafka, String topic, String collectedAt) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap-servers", kafka.bootstrapServers());
        flags.put("topic", topic);
        flags.put("partitions", "2");
        flags.put("also-write", dir.resolve("files").toString());
        flags.put("collector-zone", "UTC");
        flags.put("metrics-port", "-1");
        flags.put("collected-at", collectedAt);
        return LiveSettings.from(LiveSettings.TABLE.load(flags));
    }

    private void publish(KafkaBroker kafka, String topic, String collectedAt) throws Exception {
        LiveSettings settings = live(kafka, topic, collectedAt);
        try (LiveRun run = new LiveRun(settings, SnapshotPublisher.connect(settings), new LiveMetrics(),
                Clock.systemUTC(), new PrintWriter(new StringWriter()))) {
            assertThat(run.readStream("pool-collection.json", new StringReader(ads()))).isTrue();
        }
    }

    private static ServiceLauncher.Instance service(KafkaBroker kafka, String topic, Path stateDir) {
        ServiceLauncher.Instance instance = HttpFixtures.start(HttpFixtures.config(kafka, topic, "live-" + topic,
                stateDir, 2, Map.of("collector-zone", "UTC", "commit-interval-ms", "30000")));
        HttpFixtures.awaitReady(instance.baseUrl(), Duration.ofMinutes(2));
        return instance;
    }

    private static JsonNode awaitReport(ServiceLauncher.Instance instance, long totalRecords, Duration atMost) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpFixtures.Answer answer = HttpFixtures.get(instance.baseUrl(), REPORT);
            if (answer.status() != 200) {
                return false;
            }
            report[0] = answer.json();
            return report[0].at("/metadata/total_records").asLong() == totalRecords;
        });
        return report[0];
    }

    @Test
    void aLiveCollectionIsReportedWithinSecondsAndItsReplayGivesTheSameReport(KafkaBroker kafka) throws Exception {
        String liveTopic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("live"), 2);
        JsonNode liveReport;
        try (ServiceLauncher.Instance instance = service(kafka, liveTopic, dir.resolve("live-state"))) {
            publish(kafka, liveTopic, FIRST);
            // Well inside the 30 s commit interval: the live header made the service commit at once.
            awaitReport(instance, 16, Duration.ofSeconds(10));
            publish(kafka, liveTopic, SECOND);
            liveReport = awaitReport(instance, 32, Duration.ofSeconds(10));
            String metrics = HttpFixtures.get(instance.baseUrl(), "/metrics").body();
            // 2026-12-07 10:10:16.654321 UTC
            assertThat(metrics).contains("gpuledger_latest_snapshot_timestamp_seconds 1.796638216654321E9");
        }

        // The loader creates the topic of the replay as it creates any snapshots topic.
        String replayTopic = kafka.uniqueTopicName("replayed");
        new BackfillLoader(LoaderSettings.of(dir.resolve("files"))
                .with(LoaderSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(io.gpuledger.ingest.settings.CommonSettings.TOPIC, replayTopic)
                .with(io.gpuledger.ingest.settings.CommonSettings.PARTITIONS, 2)
                .with(LoaderSettings.CHECKPOINT_DIR, dir.resolve("checkpoints"))).run(ProgressListener.NONE);
        try (ServiceLauncher.Instance instance = service(kafka, replayTopic, dir.resolve("replay-state"))) {
            JsonNode replayReport = awaitReport(instance, 32, Duration.ofSeconds(60));

            assertThat(HttpFixtures.firstDifference(comparable(liveReport), comparable(replayReport))).isNull();
        }
    }

    private static JsonNode comparable(JsonNode report) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = report.deepCopy();
        if (copy.get("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode metadata) {
            metadata.remove("generated_at");
            metadata.remove("analysis_runtime_seconds");
        }
        return copy;
    }
}
