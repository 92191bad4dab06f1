package io.gpuledger.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.streams.http.HttpSettings;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A number that cannot be complete yet says so: given a service whose startup replay has not finished, when a report
 * is asked, then it is served marked partial (JSON metadata, a first line in text, a banner on the page) while
 * {@code /health/ready} says why; once the replay is processed the same report is complete, never the partial one
 * again from the cache.
 */
@WithKafka
class PartialReportsIT {

    @Test
    void reportsDuringAReplaySayTheyArePartialAndStopSayingItOnceItIsProcessed(KafkaBroker kafka) throws Exception {
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("partial"), 2);
        Path dir = HttpFixtures.tempDir("partial");
        var config = HttpFixtures.config(kafka, topic, kafka.uniqueTopicName("partial-app"), dir, 2, Map.of());
        try (ServiceLauncher.Instance instance = ServiceLauncher.start(config, HttpSettings.from(config), true)) {
            String base = instance.baseUrl();
            // The replay's records arrive; the replay itself has not said it is done.
            HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
            String query = HttpFixtures.report("end-time", SpecExamples.A.T2, "hours-back", "1");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(HttpFixtures.get(base, query).json().at("/metadata/total_records").asLong())
                            .isEqualTo(31));

            HttpFixtures.Answer partial = HttpFixtures.get(base, query);
            assertThat(partial.json().at("/metadata/partial").asBoolean()).isTrue();
            assertThat(partial.json().at("/metadata/partial_reason").asText()).contains("replay");
            assertThat(HttpFixtures.get(base, query + "&format=text").body())
                    .startsWith("PARTIAL NUMBERS: startup replay in progress");
            assertThat(HttpFixtures.get(base, "/?end-time=" + HttpFixtures.encode(SpecExamples.A.T2)
                    + "&hours-back=1").body()).contains("id=\"partial-notice\"");
            HttpFixtures.Answer ready = HttpFixtures.get(base, "/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("replay");

            instance.service().readiness().captureTargets();
            HttpFixtures.awaitReady(base, Duration.ofMinutes(1));

            HttpFixtures.Answer complete = HttpFixtures.get(base, query);
            assertThat(complete.json().at("/metadata/partial").asBoolean()).isFalse();
            assertThat(complete.json().at("/metadata/partial_reason").isNull()).isTrue();
            assertThat(complete.json().at("/metadata/total_records").asLong()).isEqualTo(31);
            assertThat(HttpFixtures.get(base, query + "&format=text").body()).doesNotContain("PARTIAL");
        } finally {
            HttpFixtures.deleteRecursively(dir);
        }
    }
}
