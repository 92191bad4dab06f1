package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} and {@code /api/v1/openmetrics} of a real running service (HTTP API, Kafka Streams on the test
 * broker) with rules Example A produced to its topic.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsHttpIT {

    private ServiceLauncher.Instance instance;
    private String base;

    @BeforeAll
    void startAndProduceExampleA(KafkaBroker kafka, @TempDir Path dir) {
        String topic = kafka.createTopic(kafka.uniqueTopicName("metrics-http"), 2);
        instance = ServiceFixtures.start(kafka, topic, "metrics-http-" + topic, dir, 2);
        base = instance.baseUrl();
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        Awaitility.await("Example A in the gauges").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> scrape().contains("gpuledger_bucket_rows{bucket=\"current\"} 15.0")
                        && scrape().contains("gpuledger_bucket_rows{bucket=\"complete\"} 16.0"));
        // Task and store meters appear at the Kafka Streams binder's next rescan.
        Awaitility.await("Kafka Streams task meters").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> scrape().contains("kafka_stream_task_"));
    }

    @AfterAll
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    private String scrape() {
        HttpFixtures.Answer answer = HttpFixtures.get(base, "/metrics");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void aLiveScrapeOverHttpPassesPromtoolCheckMetrics() throws Exception {
        HttpFixtures.get(base, "/api/v1/report?hours-back=1");
        String text = scrape();
        Files.writeString(Path.of("target", "live-scrape.prom"), text);
        Promtool.Result check = Promtool.run(text, "check", "metrics");
        assertThat(check.exitCode()).as("promtool check metrics:\n%s", check.output()).isZero();
        assertThat(text).contains("kafka_stream_thread_process_total", "kafka_consumer_fetch_manager_records_lag",
                "jvm_memory_used_bytes", "gpuledger_allocation_owner 1.0",
                "http_server_requests_seconds_count{route=\"/api/v1/report\",status=\"200\"}",
                "http_server_requests_seconds_count{route=\"/metrics\",status=\"200\"}");
        HttpFixtures.Answer headers = HttpFixtures.get(base, "/metrics");
        assertThat(headers.header("Content-Type")).isEqualTo(GpuLedgerMetrics.PROMETHEUS_TEXT);
    }

    @Test
    void prometheusGetsOpenMetricsWhenItAsksForIt() {
        HttpFixtures.Answer answer = HttpFixtures.get(base, "/metrics", Map.of("Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));
        assertThat(answer.header("Content-Type")).isEqualTo(GpuLedgerMetrics.OPENMETRICS_TEXT);
        assertThat(answer.body()).endsWith("# EOF\n");
    }

    @Test
    void liveAllocationGaugesAreThoseOfTheGoldenFile() throws Exception {
        Map<String, Double> live = ScrapedSeries.parse(scrape());
        Map<String, Double> golden = ScrapedSeries.parse(Files.readString(
                Path.of("src/test/resources/metrics/example-a-allocation.prom")));
        int compared = 0;
        for (Map.Entry<String, Double> expected : golden.entrySet()) {
            if (expected.getKey().startsWith("gpuledger_complete_bucket_age_seconds")) {
                continue; // depends on the wall clock
            }
            assertThat(live).as(expected.getKey()).containsEntry(expected.getKey(), expected.getValue());
            compared++;
        }
        assertThat(compared).isGreaterThan(150);
    }

    @Test
    void historyIsTheGoldenOpenMetricsOfTheCompleteBucket() throws Exception {
        HttpFixtures.Answer answer = HttpFixtures.get(base, "/api/v1/openmetrics");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo(OpenMetricsHistory.CONTENT_TYPE);
        assertThat(answer.body()).isEqualTo(Files.readString(
                Path.of("src/test/resources/metrics/example-a-history.om")));
        // 10:00 is the only complete bucket; asking for 10:15 onwards gives an empty history.
        HttpFixtures.Answer empty = HttpFixtures.get(base, "/api/v1/openmetrics?from=2025-11-03%2010:15");
        assertThat(empty.body()).isEqualTo("# EOF\n");
        assertThat(answer.body()).contains(" " + Instant.parse("2025-11-03T16:15:00Z").getEpochSecond() + "\n");
    }

    @Test
    void historyParametersAreValidated() {
        HttpFixtures.Answer badTime = HttpFixtures.get(base, "/api/v1/openmetrics?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body()).contains("from must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS: got 'yesterday'");
        HttpFixtures.Answer unknown = HttpFixtures.get(base, "/api/v1/openmetrics?hours-back=1");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("hours-back");
        HttpFixtures.Answer twice = HttpFixtures.get(base, "/api/v1/openmetrics?to=2025-11-03&to=2025-11-04");
        assertThat(twice.status()).isEqualTo(400);
    }
}
