package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.ingest.testdata.Rows;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Given a report already answered, when the same report is asked again it is the same computation (dashboards
 * repeat themselves), and when a snapshot of that window arrives the next answer includes it: a cached report never
 * outlives a change of its data.
 */
@WithKafka
class ReportCacheHttpIT {

    @Test
    void aRepeatedReportIsReusedUntilItsDataChanges(KafkaBroker kafka) {
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("cache"), 2);
        Path dir = HttpFixtures.tempDir("cache");
        // Produced before the start: readiness covers what the topic held at startup, so the first answer is whole.
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        try (ServiceLauncher.Instance instance = HttpFixtures.start(HttpFixtures.config(kafka, topic,
                kafka.uniqueTopicName("cache-app"), dir, 2, Map.of()))) {
            String base = instance.baseUrl();
            HttpFixtures.awaitReady(base, Duration.ofMinutes(2));
            String query = HttpFixtures.report("end-time", SpecExamples.A.T2, "hours-back", "1");

            HttpFixtures.Answer first = HttpFixtures.get(base, query);
            HttpFixtures.Answer again = HttpFixtures.get(base, query);
            assertThat(first.json().at("/metadata/total_records").asLong()).isEqualTo(31);
            assertThat(again.json().at("/metadata/generated_at").asText())
                    .isEqualTo(first.json().at("/metadata/generated_at").asText());
            assertThat(again.json()).isEqualTo(first.json());

            // One more row inside the same window: a new GPU on R at t1.
            HttpFixtures.produce(kafka, topic, Rows.at(SpecExamples.A.T1).on(SpecExamples.A.R)
                    .device(SpecExamples.L40S, SpecExamples.L40S_MB).pp("ALab")
                    .slot("slot1").unclaimed("GPU-r5").rows().snapshots());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(HttpFixtures.get(base, query).json().at("/metadata/total_records").asLong())
                            .isEqualTo(32));
        } finally {
            HttpFixtures.deleteRecursively(dir);
        }
    }
}
