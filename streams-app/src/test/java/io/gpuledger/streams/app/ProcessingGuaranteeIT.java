package io.gpuledger.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.http.HttpSettings;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The selectable variants of the service (issue 4): exactly-once processing instead of at-least-once, in-memory
 * stores instead of RocksDB. Given rules Example A on a real broker, each variant reports the rules' numbers, each
 * snapshot sent twice.
 */
@WithKafka
class ProcessingGuaranteeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "exactly-once={0}, in-memory stores={1}")
    @CsvSource({"true, false", "false, true", "true, true"})
    void everyVariantReportsExampleA(boolean exactlyOnce, boolean inMemory, KafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        String topic = kafka.createTopic(kafka.uniqueTopicName("variants"), 3,
                Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
        StreamsAppConfig config = StreamsAppConfig.of(Map.of(
                "bootstrap-servers", kafka.bootstrapServers(),
                "data-dir", dir.toString(),
                "application-id", kafka.uniqueTopicName("variants-app"),
                "topic", topic,
                "http-port", "0",
                "commit-interval-ms", "200",
                "exactly-once", String.valueOf(exactlyOnce),
                "in-memory-stores", String.valueOf(inMemory)));
        produceTwice(kafka, topic);
        try (ServiceLauncher.Instance instance = ServiceLauncher.start(config, HttpSettings.from(config))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> instance.service().readiness().isReady());
            String url = instance.baseUrl() + "api/v1/report?hours-back=1&end-time="
                    + URLEncoder.encode(SpecExamples.A.T2, StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode report = new ObjectMapper().readTree(response.body());
            assertThat(report.at("/metadata/total_records").asLong()).isEqualTo(31);
            JsonNode total = report.at("/real_slots/0");
            assertThat(total.get("label").asText()).isEqualTo("TOTAL (primary + secondary)");
            assertThat(total.get("claimed").asDouble()).isEqualTo(4.0);
            assertThat(total.get("available").asDouble()).isEqualTo(8.0);
            assertThat(report.at("/device_stats/Backfill-ResearcherOwned/NVIDIA L40S/avg_total_available")
                    .asDouble()).isEqualTo(2.5);
        }
    }

    /** Example A, every snapshot sent twice: the aggregates are unions, so nothing may count twice. */
    private static void produceTwice(KafkaBroker kafka, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int copy = 0; copy < 2; copy++) {
                for (HostSnapshot snapshot : SpecExamples.exampleA().snapshots()) {
                    producer.send(new ProducerRecord<>(topic, null, SnapshotTime.toRecordMillis(snapshot.timestamp()),
                            snapshot.machine(), HostSnapshotJson.toBytes(snapshot))).get(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
