package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.app.GpuLedgerService;
import io.gpuledger.streams.config.ConfigLoader;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real service (Kafka Streams on the test broker) with SPEC Example A produced to its topic: its scrape passes
 * {@code promtool check metrics}, and its allocation gauges are those of the golden file.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveServiceMetricsTest {

    private GpuLedgerService service;
    private GpuLedgerMetrics metrics;

    @BeforeAll
    void startServiceWithExampleA(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        String topic = kafka.uniqueTopicName("metrics-live");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap-servers", kafka.bootstrapServers());
        flags.put("data-dir", dir.toString());
        flags.put("application-id", "metrics-live-" + topic);
        flags.put("topic", topic);
        flags.put("partitions", "2");
        flags.put("commit-interval-ms", "200");
        flags.put("collector-zone", "America/Chicago");
        StreamsAppConfig config = new ConfigLoader(flags, Map.of(), null).load();
        service = new GpuLedgerService(config).start("127.0.0.1:18080");
        metrics = GpuLedgerMetrics.create();
        metrics.bindKafkaStreams(service.streams());
        metrics.attachAllocation(ServiceGaugeInputs.local(service), CollectorZone.of(config.collectorZone()),
                java.time.Clock.systemUTC(), Duration.ZERO);
        produce(kafka, topic, SpecExamples.exampleA().snapshots());
        service.readiness().captureTargets();
        Awaitility.await("service ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(service.readiness()::isReady);
        Awaitility.await("allocation gauges").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape().contains("gpuledger_total_allocation_ratio{bucket=\"current\""));
        // Task and store meters show up at the binder's next rescan.
        Awaitility.await("Kafka Streams meters").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> scrape().contains("kafka_stream_thread_"));
    }

    @AfterAll
    void stop() {
        if (metrics != null) {
            metrics.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private String scrape() {
        return new String(metrics.scrape(null).body(), StandardCharsets.UTF_8);
    }

    private static void produce(KafkaBroker kafka, String topic, List<HostSnapshot> snapshots) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (HostSnapshot snapshot : snapshots) {
                producer.send(new ProducerRecord<>(topic, null, SnapshotTime.toRecordMillis(snapshot.timestamp()),
                        snapshot.machine(), HostSnapshotJson.toBytes(snapshot)));
            }
            producer.flush();
        }
    }

    @Test
    void aLiveScrapePassesPromtoolCheckMetrics() throws Exception {
        String text = scrape();
        Files.writeString(Path.of("target", "live-scrape.prom"), text);
        Promtool.Result check = Promtool.run(text, "check", "metrics");
        assertThat(check.exitCode()).as("promtool check metrics:\n%s", check.output()).isZero();
        assertThat(text).contains("kafka_stream_thread_", "jvm_memory_used_bytes", "gpuledger_allocation_owner 1.0");
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
}
