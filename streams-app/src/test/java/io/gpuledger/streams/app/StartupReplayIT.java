package io.gpuledger.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.ingest.generate.GenerationSummary;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.http.HttpSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given monthly files, when the service starts in demo mode with them as its samples, then the replay is produced,
 * processed, reported over HTTP, and a second start reuses it without producing anything again.
 */
class StartupReplayIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void demoReplaysItsSamplesOnceAndAReportCountsEveryRow(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("samples");
        Files.createDirectories(samples);
        GenerationSummary generated = new SnapshotGenerator(GeneratorSettings.small(6, 2, 11)).generate(samples);
        StreamsAppConfig config = StreamsAppConfig.of(Map.of(
                "data-dir", dir.resolve("data").toString(),
                "replay", samples.toString(),
                "demo", "true",
                "http-port", "0"));

        long endOffsetAfterFirstStart;
        String firstReport;
        try (ServiceLauncher.Instance instance = start(config)) {
            StartupReplay.plan(config).run(instance.service(), instance.api().metrics().replayProgress());
            awaitReady(instance);
            firstReport = reportOverAllData(instance);
            // The replay's progress reached the service's metrics: every row, per monthly file.
            String metrics = new String(instance.api().metrics().scrape(null).body(),
                    java.nio.charset.StandardCharsets.UTF_8);
            double replayedRows = metrics.lines().filter(line -> line.startsWith("gpuledger_replay_rows_total{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            assertThat(replayedRows).isEqualTo((double) generated.rows());
            JsonNode report = new ObjectMapper().readTree(firstReport);
            assertThat(report.at("/metadata/total_records").asLong()).isEqualTo(generated.rows());
            assertThat(Files.readString(samples.resolve(StartupReplay.REPLAYED_MARKER)).strip())
                    .isEqualTo(instance.service().topic().topicId());
            endOffsetAfterFirstStart = endOffsets(instance);
        }

        try (ServiceLauncher.Instance instance = start(config)) {
            StartupReplay.plan(config).run(instance.service(), instance.api().metrics().replayProgress());
            awaitReady(instance);
            assertThat(endOffsets(instance)).as("nothing produced again").isEqualTo(endOffsetAfterFirstStart);
            assertThat(withoutRuntime(reportOverAllData(instance))).isEqualTo(withoutRuntime(firstReport));
        }
    }

    @Test
    void theSameMonthReplayedFromSqliteAndFromParquetGivesTheSameReport(@TempDir Path dir) throws Exception {
        SnapshotGenerator generator = new SnapshotGenerator(GeneratorSettings.small(6, 2, 23));
        GenerationSummary generated = generator.generate(dir.resolve("sqlite"), false,
                io.gpuledger.ingest.monthly.MonthFormat.SQLITE);
        generator.generate(dir.resolve("parquet"), false, io.gpuledger.ingest.monthly.MonthFormat.PARQUET);

        String fromSqlite = reportAfterReplaying(dir.resolve("sqlite"), dir.resolve("data-sqlite"));
        String fromParquet = reportAfterReplaying(dir.resolve("parquet"), dir.resolve("data-parquet"));

        assertThat(new ObjectMapper().readTree(fromParquet).at("/metadata/total_records").asLong())
                .isEqualTo(generated.rows());
        assertThat(withoutRuntime(fromParquet)).isEqualTo(withoutRuntime(fromSqlite));
    }

    private String reportAfterReplaying(Path samples, Path data) throws Exception {
        StreamsAppConfig config = StreamsAppConfig.of(Map.of(
                "data-dir", data.toString(),
                "replay", samples.toString(),
                "demo", "true",
                "http-port", "0"));
        try (ServiceLauncher.Instance instance = start(config)) {
            StartupReplay.plan(config).run(instance.service(), instance.api().metrics().replayProgress());
            awaitReady(instance);
            return reportOverAllData(instance);
        }
    }

    private static ServiceLauncher.Instance start(StreamsAppConfig config) throws InterruptedException {
        return ServiceLauncher.start(config, HttpSettings.from(config), true);
    }

    private static void awaitReady(ServiceLauncher.Instance instance) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> instance.service().readiness().isReady());
    }

    private String reportOverAllData(ServiceLauncher.Instance instance) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(instance.baseUrl() + "api/v1/report?hours-back=8784")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static long endOffsets(ServiceLauncher.Instance instance) throws Exception {
        var admin = instance.service().admin();
        var topic = instance.service().config().topic();
        var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request =
                new java.util.HashMap<>();
        partitions.forEach(p -> request.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static String withoutRuntime(String json) {
        return json.replaceAll("\"analysis_runtime_seconds\":[^,]*,", "").replaceAll("\"generated_at\":\"[^\"]*\"", "");
    }
}
