package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gpuledger.backfill.progress.FileStart;
import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.progress.ReplayPlan;
import io.gpuledger.backfill.progress.ReplayProgress;
import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Months;
import io.gpuledger.backfill.support.SnapshotKey;
import io.gpuledger.backfill.support.Snapshots;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.monthly.TimeRange;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays of generated months into the test broker, read back with a stock consumer. */
@WithKafka
class ReplayIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    private static Path october;
    private static Map<SnapshotKey, List<SlotGpuRow>> octoberSnapshots;
    private static Path twoMonths;

    @TempDir
    Path work;

    @BeforeAll
    static void generate() {
        october = Months.october(shared.resolve("october"), 10);
        octoberSnapshots = FileSnapshots.of(october.resolve("gpu_state_2025-10.db"));
        twoMonths = Months.days(shared.resolve("two-months"), LocalDate.of(2025, 10, 27), 10, 3);
    }

    private LoaderSettings settings(KafkaBroker kafka, Path dbDir, String topic) {
        return LoaderSettings.of(dbDir)
                .with(LoaderSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(CommonSettings.TOPIC, topic)
                .with(CommonSettings.PARTITIONS, 3)
                .with(LoaderSettings.CHECKPOINT_DIR, work.resolve("checkpoints"))
                .with(LoaderSettings.DELIVERY_TIMEOUT, Duration.ofSeconds(30));
    }

    @Test
    void aReplayedMonthReadsBackAsExactlyTheSnapshotsAndRowsOfItsFile(KafkaBroker kafka) throws Exception {
        String topic = kafka.uniqueTopicName("month");

        ReplaySummary summary = new BackfillLoader(settings(kafka, october, topic)).run();

        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        long fileRows = FileSnapshots.rows(octoberSnapshots);
        assertThat(octoberSnapshots).hasSizeGreaterThan(25_000);
        assertThat(records.size()).isEqualTo(octoberSnapshots.size());
        Snapshots.assertSame(records.distinctSnapshots(), octoberSnapshots);
        assertThat(records.rows()).isEqualTo(fileRows);
        for (TopicRecords.Consumed record : records.records()) {
            assertThat(record.key()).isEqualTo(record.snapshot().machine());
            assertThat(record.timestamp()).isEqualTo(SnapshotTime.toRecordMillis(record.snapshot().timestamp()));
        }
        assertThat(summary.rows()).isEqualTo(fileRows);
        assertThat(summary.snapshots()).isEqualTo(octoberSnapshots.size());
        assertThat(summary.dryRun()).isFalse();
        assertThat(summary.files()).singleElement().satisfies(file -> {
            assertThat(file.outcome()).isEqualTo(FileResult.Outcome.REPLAYED);
            assertThat(file.rows()).isEqualTo(fileRows);
            assertThat(file.first()).isEqualTo(octoberSnapshots.keySet().stream().map(SnapshotKey::timestamp)
                    .min(LocalDateTime::compareTo).orElseThrow());
            assertThat(file.last()).isEqualTo(octoberSnapshots.keySet().stream().map(SnapshotKey::timestamp)
                    .max(LocalDateTime::compareTo).orElseThrow());
        });
        try (Admin admin = kafka.newAdmin()) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .hasSize(3);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all().get().values().iterator().next();
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }
        assertThat(checkpointFiles()).as("a complete run leaves its file's checkpoint, complete").hasSize(1);
    }

    @Test
    void replayingTwiceWithRestartDoublesTheRecordsWithIdenticalContent(KafkaBroker kafka) {
        String topic = kafka.uniqueTopicName("twice");
        LoaderSettings settings = settings(kafka, october, topic);

        ReplaySummary first = new BackfillLoader(settings).run();
        ReplaySummary repeated = new BackfillLoader(settings).run();
        ReplaySummary second = new BackfillLoader(settings.with(LoaderSettings.RESTART, true)).run();

        assertThat(repeated.rows()).as("without --restart, nothing is new").isZero();

        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(first.rows()).isEqualTo(second.rows()).isEqualTo(FileSnapshots.rows(octoberSnapshots));
        assertThat(records.size()).isEqualTo(2 * octoberSnapshots.size());
        assertThat(records.rows()).isEqualTo(2 * FileSnapshots.rows(octoberSnapshots));
        // distinctSnapshots() also fails when two records of one snapshot differ in content.
        Snapshots.assertSame(records.distinctSnapshots(), octoberSnapshots);
        Map<SnapshotKey, Long> copies = records.records().stream()
                .collect(Collectors.groupingBy(TopicRecords.Consumed::snapshotKey, Collectors.counting()));
        assertThat(copies.values()).containsOnly(2L);
    }

    @Test
    void monthsCanBeReplayedInAnyOrder(KafkaBroker kafka) {
        String topic = kafka.uniqueTopicName("order");
        Map<SnapshotKey, List<SlotGpuRow>> octoberFile = FileSnapshots.of(twoMonths.resolve("gpu_state_2025-10.db"));
        Map<SnapshotKey, List<SlotGpuRow>> novemberFile = FileSnapshots.of(twoMonths.resolve("gpu_state_2025-11.db"));
        Map<SnapshotKey, List<SlotGpuRow>> expected = new LinkedHashMap<>(octoberFile);
        expected.putAll(novemberFile);

        ReplaySummary november = new BackfillLoader(settings(kafka, twoMonths, topic)
                .with(LoaderSettings.FROM, "2025-11")).run();
        ReplaySummary october = new BackfillLoader(settings(kafka, twoMonths, topic)
                .with(LoaderSettings.TO, "2025-10")).run();

        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(november.rows()).isEqualTo(FileSnapshots.rows(novemberFile)).isPositive();
        assertThat(october.rows()).isEqualTo(FileSnapshots.rows(octoberFile)).isPositive();
        assertThat(records.size()).isEqualTo(expected.size());
        Snapshots.assertSame(records.distinctSnapshots(), expected);
    }

    @Test
    void fromAndToSelectExactlyTheirSnapshots(KafkaBroker kafka) {
        String topic = kafka.uniqueTopicName("range");
        TimeRange range = TimeRange.ofFlags("2025-10-03", "2025-10-04T11:30");
        Map<SnapshotKey, List<SlotGpuRow>> expected = octoberSnapshots.entrySet().stream()
                .filter(e -> range.contains(e.getKey().timestamp()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        ReplaySummary summary = new BackfillLoader(settings(kafka, october, topic)
                .with(LoaderSettings.FROM, "2025-10-03").with(LoaderSettings.TO, "2025-10-04T11:30")).run();

        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(expected).isNotEmpty();
        assertThat(records.size()).isEqualTo(expected.size());
        Snapshots.assertSame(records.distinctSnapshots(), expected);
        assertThat(summary.rows()).isEqualTo(FileSnapshots.rows(expected));
        assertThat(records.records()).allSatisfy(r -> assertThat(r.snapshot().timestamp())
                .isAfterOrEqualTo(LocalDateTime.of(2025, 10, 3, 0, 0))
                .isBefore(LocalDateTime.of(2025, 10, 4, 11, 31)));
    }

    @Test
    void aDryRunCountsEverythingAndSendsNothingWithoutABroker(KafkaBroker kafka) {
        String topic = kafka.uniqueTopicName("dry");

        ReplaySummary summary = new BackfillLoader(LoaderSettings.of(october).with(CommonSettings.TOPIC, topic)
                .with(LoaderSettings.DRY_RUN, true)
                .with(LoaderSettings.CHECKPOINT_DIR, work.resolve("checkpoints"))).run();

        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.rows()).isEqualTo(FileSnapshots.rows(octoberSnapshots));
        assertThat(summary.snapshots()).isEqualTo(octoberSnapshots.size());
        assertThat(summary.render()).last().asString().startsWith("dry run, nothing sent");
        assertThat(TopicRecords.endOffsets(kafka.bootstrapServers(), topic)).as("topic never created").isEmpty();
        assertThat(work.resolve("checkpoints")).doesNotExist();
    }

    @Test
    void theListenerHearsEveryStepInOrder(KafkaBroker kafka) {
        String topic = kafka.uniqueTopicName("listener");
        List<String> events = new ArrayList<>();
        List<ReplayProgress> progress = new ArrayList<>();
        Map<String, Object> seen = new HashMap<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void started(ReplayPlan plan) {
                events.add("started");
                seen.put("plan", plan);
            }

            @Override
            public void fileStarted(FileStart start) {
                events.add("fileStarted");
                seen.put("start", start);
            }

            @Override
            public void progress(ReplayProgress p) {
                progress.add(p);
            }

            @Override
            public void fileFinished(FileResult result) {
                events.add("fileFinished");
            }

            @Override
            public void finished(ReplaySummary summary) {
                events.add("finished");
            }
        };

        new BackfillLoader(settings(kafka, october, topic)).run(listener);

        long rows = FileSnapshots.rows(octoberSnapshots);
        assertThat(events).containsExactly("started", "fileStarted", "fileFinished", "finished");
        assertThat(((ReplayPlan) seen.get("plan")).files()).containsExactly(october.resolve("gpu_state_2025-10.db"));
        assertThat(((ReplayPlan) seen.get("plan")).estimatedRows()).isPositive();
        assertThat(((FileStart) seen.get("start")).rowsToEmit()).isEqualTo(rows);
        assertThat(progress).isNotEmpty();
        assertThat(progress).extracting(ReplayProgress::rowsDone).isSorted();
        ReplayProgress last = progress.get(progress.size() - 1);
        assertThat(last.rowsDone()).isEqualTo(rows);
        assertThat(last.rowsTotal()).isEqualTo(rows);
        assertThat(last.totalExact()).isTrue();
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.snapshotsDone()).isEqualTo(octoberSnapshots.size());
        assertThat(last.phase()).isEqualTo(ReplayProgress.Phase.DONE);
        assertThat(progress).extracting(ReplayProgress::phase).startsWith(ReplayProgress.Phase.CHECKING)
                .contains(ReplayProgress.Phase.SENDING);
    }

    private List<Path> checkpointFiles() throws IOException {
        Path dir = work.resolve("checkpoints");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".checkpoint")).toList();
        }
    }

    @Test
    void interruptingTheCallingThreadStopsTheReplayAndKeepsItsCheckpoint(KafkaBroker kafka) throws Exception {
        String topic = kafka.uniqueTopicName("interrupted");
        LoaderSettings settings = settings(kafka, october, topic);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread replay = new Thread(() -> {
            try {
                new BackfillLoader(settings.with(LoaderSettings.MAX_ROWS_PER_SECOND, 30_000L)).run(new ProgressListener() {
                    @Override
                    public void progress(ReplayProgress p) {
                        acknowledged.set(p.rowsDone());
                    }
                });
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "replay-to-interrupt");
        replay.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() > 20_000 || !replay.isAlive());
        assertThat(replay.isAlive()).isTrue();
        replay.interrupt();
        replay.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(replay.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOfSatisfying(LoaderException.class, e -> {
            assertThat(e.reason()).isEqualTo(LoaderException.Reason.INTERRUPTED);
            assertThat(e.getMessage()).startsWith("interrupted; last fully acknowledged snapshot: ");
        });
        assertThat(checkpointFiles()).hasSize(1);

        ReplaySummary rerun = new BackfillLoader(settings).run();

        assertThat(rerun.files().get(0).resumedAfter()).isNotNull();
        Snapshots.assertSame(TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT).distinctSnapshots(),
                octoberSnapshots);
        assertThat(checkpointFiles()).as("kept, complete").hasSize(1);
    }

    @Test
    void anEmptyDirectoryIsAnError(KafkaBroker kafka) throws IOException {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Files.writeString(empty.resolve("gpu_state_2025-10_dev.db"), "ignored name");

        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, empty, kafka.uniqueTopicName("none"))).run())
                .isInstanceOfSatisfying(LoaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LoaderException.Reason.NO_FILES);
                    assertThat(e.getMessage()).contains(empty.toString()).doesNotContain("\n");
                });
    }
}
