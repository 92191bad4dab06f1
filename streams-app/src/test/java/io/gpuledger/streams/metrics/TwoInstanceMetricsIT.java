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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.ThreadMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application, each holding some host-bucket partitions: only the rollup owner exports the
 * allocation gauges, computed from both instances' host-buckets, and the other one says it is not the owner and
 * redirects history requests there.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstanceMetricsIT {

    /** Example A's three machines hash to partitions 0, 1 and 2 of three: two instances always share them. */
    private static final int PARTITIONS = 3;

    private ServiceLauncher.Instance a;
    private ServiceLauncher.Instance b;

    @BeforeAll
    void startTwoInstancesThenProduce(KafkaBroker kafka, @TempDir Path dirA, @TempDir Path dirB) {
        String topic = kafka.createTopic(kafka.uniqueTopicName("metrics-two"), PARTITIONS);
        String applicationId = "metrics-two-" + topic;
        a = ServiceFixtures.start(kafka, topic, applicationId, dirA, PARTITIONS);
        b = ServiceFixtures.start(kafka, topic, applicationId, dirB, PARTITIONS);
        Awaitility.await("both instances hold input partitions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> !inputPartitions(a).isEmpty()
                        && !inputPartitions(b).isEmpty()
                        && HttpFixtures.get(a.baseUrl(), "/health/ready").status() == 200
                        && HttpFixtures.get(b.baseUrl(), "/health/ready").status() == 200);
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        Awaitility.await("Example A in the owner's gauges").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    String owner = scrape(owner());
                    return owner.contains("gpuledger_bucket_rows{bucket=\"current\"} 15.0")
                            && owner.contains("gpuledger_bucket_rows{bucket=\"complete\"} 16.0");
                });
    }

    @AfterAll
    void stop() {
        for (ServiceLauncher.Instance instance : new ServiceLauncher.Instance[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    private static Set<Integer> inputPartitions(ServiceLauncher.Instance instance) {
        Set<Integer> partitions = new TreeSet<>();
        String topic = instance.service().config().topic();
        for (ThreadMetadata thread : instance.service().streams().metadataForLocalThreads()) {
            thread.activeTasks().forEach(task -> task.topicPartitions().stream()
                    .filter(partition -> partition.topic().equals(topic))
                    .forEach(partition -> partitions.add(partition.partition())));
        }
        return partitions;
    }

    private static String scrape(ServiceLauncher.Instance instance) {
        return HttpFixtures.get(instance.baseUrl(), "/metrics").body();
    }

    private ServiceLauncher.Instance owner() {
        return scrape(a).contains("gpuledger_allocation_owner 1.0") ? a : b;
    }

    private ServiceLauncher.Instance other() {
        return owner() == a ? b : a;
    }

    @Test
    void exactlyOneInstanceExportsTheAllocationGauges() {
        String owner = scrape(owner());
        String other = scrape(other());
        assertThat(owner).contains("gpuledger_allocation_owner 1.0");
        assertThat(other).contains("gpuledger_allocation_owner 0.0")
                .doesNotContain("gpuledger_class_allocation_ratio{")
                .doesNotContain("gpuledger_latest_snapshot_timestamp_seconds ")
                // Its own JVM and Streams meters are still there.
                .contains("jvm_memory_used_bytes", "kafka_stream_thread_process_total");
    }

    @Test
    void theOwnersGaugesCoverBothInstancesHostBuckets() throws Exception {
        // The premise: each instance holds at least one machine of Example A (partitions 0, 1, 2 of 3).
        Set<Integer> machinePartitions = Set.of(0, 1, 2);
        assertThat(inputPartitions(a)).containsAnyElementsOf(machinePartitions);
        assertThat(inputPartitions(b)).containsAnyElementsOf(machinePartitions);
        // The golden file holds the numbers of all three machines.
        Map<String, Double> live = ScrapedSeries.parse(scrape(owner()));
        Map<String, Double> golden = ScrapedSeries.parse(Files.readString(
                Path.of("src/test/resources/metrics/example-a-allocation.prom")));
        golden.forEach((series, value) -> {
            if (!series.startsWith("gpuledger_complete_bucket_age_seconds")) {
                assertThat(live).as(series).containsEntry(series, value);
            }
        });
    }

    @Test
    void historyRequestsToTheOtherInstanceAreRedirectedToTheOwner() {
        HttpFixtures.Answer redirect = HttpFixtures.get(other().baseUrl(), "/api/v1/openmetrics?from=2025-11-03");
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.header("Location")).isEqualTo(owner().baseUrl() + "api/v1/openmetrics?from=2025-11-03");
        HttpFixtures.Answer history = HttpFixtures.get(owner().baseUrl(), "/api/v1/openmetrics?from=2025-11-03");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains("gpuledger_total_allocation_ratio{bucket=\"complete\",total=\"all\"} 0.5 ")
                .endsWith("# EOF\n");
    }
}
