package io.gpuledger.streams.http;

import static io.gpuledger.streams.http.HttpFixtures.comparable;
import static io.gpuledger.streams.http.HttpFixtures.get;
import static io.gpuledger.streams.http.HttpFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.report.GpuModelSnapshots;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 item 3, "any instance answers any query": two instances of one application (same application id, one
 * broker, a 4-partition topic, their own state dirs and ports) each hold part of the host buckets, one of them the
 * rollups. Both answer every report type with the same JSON, which also equals the report computed independently
 * from the same snapshots in a TopologyTestDriver. Then the rollup owner stops: while the survivor takes over it
 * answers 503 with Retry-After or the same JSON, never another number, and ends up answering everything itself.
 */
@WithKafka
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TwoInstancesHttpIT {

    private static final int PARTITIONS = 4;
    private static final String CLUSTER_SECRET = "two-instances-secret-4d1c";

    private static Path dirA;
    private static Path dirB;
    private static ServiceLauncher.Instance a;
    private static ServiceLauncher.Instance b;
    private static final Map<String, JsonNode> EXPECTED = new LinkedHashMap<>();

    @BeforeAll
    static void startTwoInstancesThenProduce(KafkaBroker kafka) throws IOException {
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("two-instances"), PARTITIONS);
        String applicationId = "two-instances-" + topic;
        dirA = HttpFixtures.tempDir("gpuledger-two-a-");
        dirB = HttpFixtures.tempDir("gpuledger-two-b-");
        // Both start on an empty topic, so the assignment is balanced at once (no instance is behind the other).
        // Every call between them shows the cluster secret; internal routes refuse anyone else.
        Path secret = Files.writeString(dirA.resolve("cluster-secret"), CLUSTER_SECRET);
        Map<String, String> secured = Map.of("cluster-secret-file", secret.toString());
        a = HttpFixtures.start(HttpFixtures.config(kafka, topic, applicationId, dirA, PARTITIONS, secured));
        b = HttpFixtures.start(HttpFixtures.config(kafka, topic, applicationId, dirB, PARTITIONS, secured));
        Awaitility.await("both instances hold host-bucket partitions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    assertThat(get(a.baseUrl(), "/health/ready").status()).isEqualTo(200);
                    assertThat(get(b.baseUrl(), "/health/ready").status()).isEqualTo(200);
                    assertThat(activeInputPartitions(a)).isNotEmpty();
                    assertThat(activeInputPartitions(b)).isNotEmpty();
                });

        // 10 hosts over 35 days from 2025-10-01 at a 15-minute cadence: a full October for the monthly report.
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(10, 35, 11).withIntervalMinutes(15))
                .forEachSnapshot(snapshot -> snapshots.addAll(snapshot.hostSnapshots()));
        HttpFixtures.produce(kafka, topic, snapshots);
        computeExpectedReports(snapshots);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        HttpFixtures.deleteRecursively(dirA);
        HttpFixtures.deleteRecursively(dirB);
    }

    private static Set<Integer> activeInputPartitions(ServiceLauncher.Instance instance) {
        Set<Integer> partitions = new TreeSet<>();
        String topic = instance.service().config().topic();
        for (ThreadMetadata thread : instance.service().streams().metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                task.topicPartitions().stream().filter(p -> p.topic().equals(topic))
                        .forEach(p -> partitions.add(p.partition()));
            }
        }
        return partitions;
    }

    /** The same reports from the same snapshots through the topology in a TopologyTestDriver: no HTTP, no fan-out. */
    private static void computeExpectedReports(List<HostSnapshot> snapshots) throws IOException {
        QueryConfig config = QueryConfig.defaults();
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.pipe(snapshots);
            LocalDateTime end = SnapshotTime.fromMicros(harness.latestSnapshotMicros());
            QueryWindow day = QueryWindow.endingAt(end, 24);
            QueryWindow hour = QueryWindow.endingAt(LocalDateTime.parse("2025-10-20T12:07:30"), 1);
            QueryWindow week = QueryWindow.endingAt(end, 168);
            YearMonth october = YearMonth.of(2025, 10);
            expect(report(), ReportEngine.allocation(harness.source(day), day, config));
            expect(report("hours-back", "1", "end-time", "2025-10-20 12:07:30"),
                    ReportEngine.allocation(harness.source(hour), hour, config));
            expect(report("type", "monthly"), ReportEngine.monthly(harness.source(ReportEngine.monthWindow(october)),
                    october, config));
            expect(report("type", "timeseries", "hours-back", "168", "bucket-minutes", "60"),
                    ReportEngine.timeSeries(harness.source(week), week, config, 60));
        }
        LocalDateTime target = LocalDateTime.parse("2025-11-02T12:00:00");
        List<HostSnapshot> around = snapshots.stream().filter(s -> Math.abs(Duration.between(target, s.timestamp())
                .toMinutes()) <= 10).toList();
        String model = around.stream().flatMap(s -> s.rows().stream()).map(r -> r.deviceName())
                .filter(name -> name != null && !name.isBlank()).sorted().findFirst().orElseThrow();
        expect(report("type", "gpu_model_snapshot", "snapshot-time", "2025-11-02 12:00:00", "window-minutes", "10",
                        "gpu-model", model),
                GpuModelSnapshots.compute(around, target, 10, model, config.exclusions()));
        expect(report("type", "gpu_model_snapshot", "snapshot-time", "2025-11-02 12:00:00", "window-minutes", "10"),
                GpuModelSnapshots.compute(around, target, 10, null, config.exclusions()));
    }

    private static void expect(String pathAndQuery, Object report) throws IOException {
        EXPECTED.put(pathAndQuery, comparable(HttpFixtures.JSON.readTree(ReportJson.toJson(report))));
    }

    @Test
    @org.junit.jupiter.api.Order(0)
    void internalRoutesAnswerOnlyCallersShowingTheClusterSecretAndAForgedForwardIsIgnored() {
        String internal = io.gpuledger.streams.query.ClusterStores.EDGE_DIGESTS_PATH + "?start=1&end=2&partitions="
                + activeInputPartitions(a).iterator().next();
        assertThat(get(a.baseUrl(), internal).status()).isEqualTo(403);
        assertThat(get(a.baseUrl(), internal, Map.of("X-Gpuledger-Cluster-Secret", CLUSTER_SECRET + "-not"))
                .status()).isEqualTo(403);
        assertThat(get(a.baseUrl(), internal, Map.of("X-Gpuledger-Cluster-Secret", CLUSTER_SECRET)).status())
                .as("a peer is answered").isEqualTo(200);
        // Claiming to be forwarded does not make an instance compute what its owner should: it forwards anyway.
        for (ServiceLauncher.Instance instance : List.of(a, b)) {
            Awaitility.await("a computed report from " + instance.baseUrl()).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                        HttpFixtures.Answer plain = get(instance.baseUrl(), "/api/v1/report?hours-back=24");
                        assertThat(plain.header("x-gpuledger-computed-by")).isNotNull();
                        HttpFixtures.Answer forged = get(instance.baseUrl(), "/api/v1/report?hours-back=24",
                                Map.of("X-Gpuledger-Forwarded-By", "outsider:1"));
                        assertThat(forged.header("x-gpuledger-computed-by"))
                                .isEqualTo(plain.header("x-gpuledger-computed-by"));
                    });
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void bothInstancesGiveTheIndependentlyComputedJsonThenTheSurvivorAlone() {
        // Wait until the stream has processed everything: the 24 h report equals the expected one.
        String day = report();
        Awaitility.await("all snapshots processed").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    HttpFixtures.Answer answer = get(a.baseUrl(), day);
                    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                    assertThat(HttpFixtures.firstDifference(EXPECTED.get(day), comparable(answer.json()))).isNull();
                });

        String owner = null;
        for (Map.Entry<String, JsonNode> expected : EXPECTED.entrySet()) {
            HttpFixtures.Answer fromA = get(a.baseUrl(), expected.getKey());
            HttpFixtures.Answer fromB = get(b.baseUrl(), expected.getKey());
            assertThat(fromA.status()).as("A %s -> %s", expected.getKey(), fromA).isEqualTo(200);
            assertThat(fromB.status()).as("B %s -> %s", expected.getKey(), fromB).isEqualTo(200);
            assertThat(HttpFixtures.firstDifference(expected.getValue(), comparable(fromA.json())))
                    .as("A %s", expected.getKey()).isNull();
            assertThat(HttpFixtures.firstDifference(expected.getValue(), comparable(fromB.json())))
                    .as("B %s", expected.getKey()).isNull();
            // One instance computes (the rollup owner); the other forwarded to it.
            assertThat(fromA.header("x-gpuledger-computed-by")).isEqualTo(fromB.header("x-gpuledger-computed-by"));
            owner = fromA.header("x-gpuledger-computed-by");
        }
        assertThat(owner).isIn(a.service().applicationServer(), b.service().applicationServer());

        // Stop the rollup owner: the survivor must take over the rollups and the other half of the host buckets.
        ServiceLauncher.Instance stopped = owner.equals(a.service().applicationServer()) ? a : b;
        ServiceLauncher.Instance survivor = stopped == a ? b : a;
        stopped.close();
        if (stopped == a) {
            a = null;
        } else {
            b = null;
        }
        List<Integer> statusesSeen = new ArrayList<>();
        for (Map.Entry<String, JsonNode> expected : EXPECTED.entrySet()) {
            Awaitility.await("survivor answers " + expected.getKey()).atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        HttpFixtures.Answer answer = get(survivor.baseUrl(), expected.getKey());
                        statusesSeen.add(answer.status());
                        if (answer.status() == 503) {
                            assertThat(answer.header("retry-after")).as("503 without Retry-After").isNotBlank();
                            return false;
                        }
                        // Anything but 503 must be the right answer: never a number from partial state.
                        assertThat(answer.status()).as("%s -> %s", expected.getKey(), answer).isEqualTo(200);
                        assertThat(HttpFixtures.firstDifference(expected.getValue(), comparable(answer.json())))
                                .as("survivor %s", expected.getKey()).isNull();
                        assertThat(answer.header("x-gpuledger-computed-by"))
                                .isEqualTo(survivor.service().applicationServer());
                        return true;
                    });
        }
        assertThat(get(survivor.baseUrl(), "/health/ready").status()).isEqualTo(200);
        assertThat(activeInputPartitions(survivor)).hasSize(PARTITIONS);
        // A 503 shows only when a query lands mid-rebalance; a quick takeover answers 200 at once. Both are right.
        assertThat(statusesSeen).contains(200).isSubsetOf(200, 503);
    }
}
