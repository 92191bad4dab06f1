package io.gpuledger.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.backfill.BackfillLoader;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.topic.SnapshotTopic;
import io.gpuledger.ingest.topic.TopicConfigGuard;
import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.streams.topology.InternalTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History older than the changelogs' retention in wall-clock terms (every replay of old months) survives a lost
 * local state directory: given two days of snapshots from 60 days ago and {@code --history-days 30}, when they are
 * replayed, the broker has had every chance to delete by age, and the service restarts without its state and without
 * a replay, then every report (windows that cut buckets, the GPU model snapshot) is identical.
 *
 * <p>The broker rolls small segments and checks retention every second, so a deleting configuration shows here
 * within seconds; a canary topic that does delete by age proves the retention check ran before the restart.
 */
class HistoryDurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(60);

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dir.resolve("kafka"))
                .withBrokerProperty("log.segment.bytes", String.valueOf(1024 * 1024))
                .withBrokerProperty("log.retention.check.interval.ms", "1000")
                .withBrokerProperty("log.segment.delete.delay.ms", "0")).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static StreamsAppConfig config(String applicationId, String topic) {
        return StreamsAppConfig.of(Map.of(
                "bootstrap-servers", broker.bootstrapServers(),
                "data-dir", dir.resolve("service").toString(),
                "application-id", applicationId,
                "topic", topic,
                "partitions", "3",
                "http-port", "0",
                "history-days", "30",
                "raw-retention-days", "90",
                "commit-interval-ms", "200"));
    }

    /** Windows that cut buckets and windows on bucket boundaries, every report type. */
    private static List<String> queries() {
        String day2 = FIRST_DAY.plusDays(1).toString();
        return List.of(
                "/api/v1/report?hours-back=24&end-time=" + day2 + "T07:07:00",
                "/api/v1/report?hours-back=24&end-time=" + day2 + "T12:00:00",
                "/api/v1/report?hours-back=6&end-time=" + day2 + "T23:52:30",
                "/api/v1/report?type=timeseries&hours-back=12&end-time=" + day2 + "T10:03:00",
                "/api/v1/report?type=monthly&month=" + FIRST_DAY.toString().substring(0, 7),
                "/api/v1/report?type=gpu_model_snapshot&snapshot-time=" + day2 + "T09:00:00",
                "/api/v1/report?type=gpu_model_snapshot&snapshot-time=" + day2
                        + "T09:00:00&gpu-model=NVIDIA%20H200");
    }

    private static Map<String, JsonNode> reports(ServiceLauncher.Instance instance) throws Exception {
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (String query : queries()) {
            HttpFixtures.Answer answer = HttpFixtures.get(instance.baseUrl(), query);
            assertThat(answer.status()).as("%s: %s", query, answer.body()).isEqualTo(200);
            JsonNode report = JSON.readTree(answer.body());
            if (report.has("metadata")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) report.get("metadata")).remove(
                        List.of("generated_at", "analysis_runtime_seconds"));
            }
            reports.put(query, report);
        }
        return reports;
    }

    private static void awaitReady(ServiceLauncher.Instance instance) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> instance.service().readiness().isReady());
    }

    @Test
    void oldHistorySurvivesALostStateDirectoryAndARestartWithoutReplay() throws Exception {
        Path files = dir.resolve("files");
        Files.createDirectories(files);
        new SnapshotGenerator(new GeneratorSettings(FIRST_DAY, 2, 8, 5, 7, ZoneOffset.UTC)).generate(files);
        String topic = "snapshots-old";
        StreamsAppConfig config = config("durability-old", topic);
        new BackfillLoader(LoaderSettings.of(files)
                .with(LoaderSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .with(CommonSettings.TOPIC, topic)
                .with(CommonSettings.PARTITIONS, 3)
                .with(CommonSettings.REPLICATION_FACTOR, 1)
                .with(CommonSettings.HISTORY, Duration.ofDays(30))
                .with(LoaderSettings.CHECKPOINT_DIR, dir.resolve("checkpoints"))).run();

        Map<String, JsonNode> before;
        try (ServiceLauncher.Instance instance = ServiceLauncher.start(config)) {
            awaitReady(instance);
            before = reports(instance);
        }
        assertThat(before.get(queries().get(0)).at("/metadata/total_records").asLong()).isPositive();

        // Every internal topic and the snapshot topic keep what the stores need, by their configuration.
        assertThat(TopicConfigGuard.check(admin, TopicConfigGuard.rules(Map.of(topic, SnapshotTopic.RULES),
                InternalTopics.rules("durability-old")), Duration.ofSeconds(30))).isEmpty();
        awaitRetentionCheckDeletedAnOldCanary();

        HttpFixtures.deleteRecursively(config.stateDir());
        try (ServiceLauncher.Instance instance = ServiceLauncher.start(config)) {
            awaitReady(instance);
            Map<String, JsonNode> after = reports(instance);
            for (String query : queries()) {
                assertThat(after.get(query)).as("%s after the state directory was lost: first difference %s", query,
                        HttpFixtures.firstDifference(before.get(query), after.get(query)))
                        .isEqualTo(before.get(query));
            }
        }
    }

    @Test
    void topicsSetUpByHandToDeleteByAgeAreRepairedAtStartup() throws Exception {
        String applicationId = "durability-repair";
        String topic = "snapshots-by-hand";
        String changelog = InternalTopics.changelog(applicationId, "host-buckets");
        admin.createTopics(List.of(
                new NewTopic(topic, 3, (short) 1).configs(Map.of("retention.ms", "604800000")),
                new NewTopic(changelog, 3, (short) 1).configs(Map.of("cleanup.policy", "compact,delete",
                        "retention.ms", "86400000")))).all().get(30, TimeUnit.SECONDS);

        try (ServiceLauncher.Instance instance = ServiceLauncher.start(config(applicationId, topic))) {
            awaitReady(instance);
        }

        Map<String, String> snapshotTopic = configOf(topic);
        assertThat(snapshotTopic).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
        assertThat(configOf(changelog)).containsEntry("cleanup.policy", "compact");
        assertThat(TopicConfigGuard.check(admin, TopicConfigGuard.rules(Map.of(topic, SnapshotTopic.RULES),
                InternalTopics.rules(applicationId)), Duration.ofSeconds(30))).isEmpty();
    }

    private static Map<String, String> configOf(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<String, String> values = new LinkedHashMap<>();
        admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).entries()
                .forEach(entry -> values.put(entry.name(), entry.value()));
        return values;
    }

    /** A topic that does delete by age, written with old timestamps: its log start moves once retention has run. */
    private static void awaitRetentionCheckDeletedAnOldCanary() throws Exception {
        String canary = "canary-deletes-by-age";
        admin.createTopics(List.of(new NewTopic(canary, 1, (short) 1).configs(Map.of("retention.ms", "86400000"))))
                .all().get(30, TimeUnit.SECONDS);
        long old = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] payload = new byte[16 * 1024];
            for (int i = 0; i < 200; i++) {
                producer.send(new ProducerRecord<>(canary, 0, old, null, payload));
            }
            producer.flush();
        }
        TopicPartition partition = new TopicPartition(canary, 0);
        await("the broker's retention check deleted old segments").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).all()
                        .get(10, TimeUnit.SECONDS).get(partition).offset() > 0);
    }
}
