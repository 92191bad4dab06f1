package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.backfill.support.BadFiles;
import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Months;
import io.gpuledger.backfill.support.SnapshotKey;
import io.gpuledger.backfill.support.Snapshots;
import io.gpuledger.backfill.support.TestReplays;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.monthly.RejectsFile;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the loader refuses: topics that would delete history, rows the streams app would drop as late, bad files
 * (nothing of a rejected file is produced) — and what {@code skip-bad-rows} lets through.
 */
@WithKafka
class GuardsIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    /** October 25-31, 3 machines. */
    private static Path octoberDir;
    private static Map<SnapshotKey, List<SlotGpuRow>> octoberSnapshots;

    @TempDir
    Path work;

    @BeforeAll
    static void generate() {
        octoberDir = Months.days(shared.resolve("october"), LocalDate.of(2025, 10, 25), 7, 3);
        octoberSnapshots = FileSnapshots.of(octoberDir.resolve("gpu_state_2025-10.db"));
    }

    private LoaderSettings settings(KafkaBroker kafka, Path dbDir, String topic) {
        return TestReplays.settings(kafka, dbDir, topic, work);
    }

    @Test
    void anExistingTopicWhoseRetentionDeletesHistoryIsRefusedUnlessForced(KafkaBroker kafka) {
        String topic = kafka.createTopic(kafka.uniqueTopicName("week"), 2, Map.of("retention.ms", "604800000"));

        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, octoberDir, topic)).run())
                .isInstanceOfSatisfying(LoaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LoaderException.Reason.TOPIC);
                    assertThat(e.getMessage()).contains("topic " + topic, "retention.ms=604800000", "--force")
                            .doesNotContain("\n");
                });
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isZero();

        ReplaySummary forced = new BackfillLoader(settings(kafka, octoberDir, topic).with(LoaderSettings.FORCE, true)).run();

        assertThat(forced.rows()).isEqualTo(FileSnapshots.rows(octoberSnapshots));
        Snapshots.assertSame(TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT).distinctSnapshots(),
                octoberSnapshots);
    }

    @Test
    void aCompactedTopicIsRefused(KafkaBroker kafka) {
        String topic = kafka.createTopic(kafka.uniqueTopicName("compact"), 1,
                Map.of("cleanup.policy", "compact", "retention.ms", "-1"));

        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, octoberDir, topic)).run())
                .isInstanceOfSatisfying(LoaderException.class, e -> assertThat(e.getMessage())
                        .contains("topic " + topic + " has cleanup.policy=compact: it would delete history"));
    }

    @Test
    void rowsOlderThanTheTopicsLatestRecordMinusTheHistoryAreRefusedBeforeAnythingIsSent(KafkaBroker kafka)
            throws Exception {
        String topic = kafka.createTopic(kafka.uniqueTopicName("late"), 2, Map.of("retention.ms", "-1"));
        // Brokers refuse record times more than an hour ahead of their clock; January 2026 is history here.
        LocalDateTime latest = LocalDateTime.of(2026, 1, 1, 12, 0);
        produceOne(kafka, topic, latest);
        LocalDateTime oldest = octoberSnapshots.keySet().stream().map(SnapshotKey::timestamp)
                .min(LocalDateTime::compareTo).orElseThrow();

        // 2026-01-01 minus 30 days is 2025-12-02: all of October is older.
        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, octoberDir, topic)
                .with(CommonSettings.HISTORY, Duration.ofDays(30))).run())
                .isInstanceOfSatisfying(LoaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LoaderException.Reason.LATE_ROW);
                    assertThat(e.getMessage()).contains("gpu_state_2025-10.db", SnapshotTime.format(oldest),
                            "2026-01-01 12:00:00", "--history-days 30").doesNotContain("\n");
                    assertThat(e.getMessage()).containsPattern("rowid \\d+");
                });
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isEqualTo(1);

        // The default 400 days reach back to November 2024.
        ReplaySummary accepted = new BackfillLoader(settings(kafka, octoberDir, topic)).run();

        assertThat(accepted.rows()).isEqualTo(FileSnapshots.rows(octoberSnapshots));
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isEqualTo(1 + octoberSnapshots.size());
    }

    static List<BadFiles.Case> badFiles() {
        return BadFiles.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRejectedWithOneLineNamingItAndNothingOfItIsProduced(BadFiles.Case badFile, KafkaBroker kafka)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve("files"));
        Files.copy(octoberDir.resolve("gpu_state_2025-10.db"), dir.resolve("gpu_state_2025-10.db"));
        badFile.writer().write(dir);
        String topic = kafka.uniqueTopicName("bad");

        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, dir, topic)).run())
                .isInstanceOfSatisfying(LoaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LoaderException.Reason.BAD_FILE);
                    assertThat(e.getMessage()).contains(dir.resolve(BadFiles.FILE).toString(), badFile.mustName())
                            .doesNotContain("\n");
                });

        // October, before it, went through whole; nothing of November did.
        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        Snapshots.assertSame(records.distinctSnapshots(), octoberSnapshots);
        assertThat(records.records()).noneMatch(r -> r.snapshot().timestamp().getMonthValue() == 11);
    }

    @Test
    void skipBadRowsListsThemInTheRejectsFileAndReplaysTheRest(KafkaBroker kafka) throws Exception {
        Path dir = Files.createDirectories(work.resolve("skip"));
        Path file = BadFiles.withBadRows(dir);
        Path rejects = work.resolve("out/rejects.tsv");
        String topic = kafka.uniqueTopicName("skip");

        ReplaySummary summary = new BackfillLoader(settings(kafka, dir, topic).with(CommonSettings.SKIP_BAD_ROWS, true)
                .with(LoaderSettings.REJECTS, rejects)).run();

        assertThat(summary.badRows()).isEqualTo(2);
        assertThat(summary.rows()).isEqualTo(BadFiles.GOOD_ROWS);
        assertThat(summary.rejectsFile()).isEqualTo(rejects);
        List<String> lines = Files.readAllLines(rejects, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(RejectsFile.HEADER);
        assertThat(lines.get(1)).startsWith(file + "\t4\ttimestamp\t'2025-11-01 10:05'\t");
        assertThat(lines.get(2)).startsWith(file + "\t5\tGPUs_GlobalMemoryMb\t'lots'\t");
        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(records.rows()).isEqualTo(BadFiles.GOOD_ROWS);
        Snapshots.assertSame(records.distinctSnapshots(), FileSnapshots.of(file));
    }

    @Test
    void withoutSkipBadRowsTheSameFileIsRejectedWhole(KafkaBroker kafka) throws Exception {
        Path dir = Files.createDirectories(work.resolve("strict"));
        BadFiles.withBadRows(dir);
        String topic = kafka.uniqueTopicName("strict");

        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, dir, topic)).run())
                .isInstanceOfSatisfying(LoaderException.class, e -> assertThat(e.getMessage())
                        .contains("rejected, 2 bad rows", "rowid 4, column timestamp", "nothing of this file was sent"));
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isZero();
    }

    private static void produceOne(KafkaBroker kafka, String topic, LocalDateTime time) throws Exception {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        HostSnapshot snapshot = new HostSnapshot("future.example.org", time, List.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, null, SnapshotTime.toRecordMillis(time),
                    snapshot.machine().getBytes(StandardCharsets.UTF_8), HostSnapshotJson.toBytes(snapshot)))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
