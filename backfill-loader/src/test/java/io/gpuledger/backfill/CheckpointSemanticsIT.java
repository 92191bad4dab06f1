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
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints across runs: complete files are skipped, a rewritten (grown) file is resumed after its watermark, kept
 * when the replay finishes (so a repeat sends only what is new), dropped by {@code restart}.
 */
@WithKafka
class CheckpointSemanticsIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    private static Path generated;

    @TempDir
    Path work;

    @BeforeAll
    static void generate() {
        // October 28 to November 3: two files.
        generated = Months.days(shared.resolve("generated"), LocalDate.of(2025, 10, 28), 7, 3);
    }

    private LoaderSettings settings(KafkaBroker kafka, Path dir, String topic) {
        return TestReplays.settings(kafka, dir, topic, work);
    }

    @Test
    void aRunStoppedByABadFileKeepsTheFinishedFilesAndTheRerunSkipsThem(KafkaBroker kafka) throws Exception {
        Path dir = Files.createDirectories(work.resolve("files"));
        Files.copy(generated.resolve("gpu_state_2025-10.db"), dir.resolve("gpu_state_2025-10.db"));
        BadFiles.withBadRows(dir);
        String topic = kafka.uniqueTopicName("stopped");
        Map<SnapshotKey, List<SlotGpuRow>> october = FileSnapshots.of(dir.resolve("gpu_state_2025-10.db"));

        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, dir, topic)).run())
                .isInstanceOfSatisfying(LoaderException.class,
                        e -> assertThat(e.reason()).isEqualTo(LoaderException.Reason.BAD_FILE));
        assertThat(checkpointFiles()).as("October's, complete").hasSize(1);

        // The bad file is replaced by a good one; October is not sent again.
        Files.copy(generated.resolve("gpu_state_2025-11.db"), dir.resolve(BadFiles.FILE),
                StandardCopyOption.REPLACE_EXISTING);
        ReplaySummary rerun = new BackfillLoader(settings(kafka, dir, topic)).run();

        Map<SnapshotKey, List<SlotGpuRow>> november = FileSnapshots.of(dir.resolve(BadFiles.FILE));
        assertThat(rerun.files()).extracting(FileResult::outcome)
                .containsExactly(FileResult.Outcome.ALREADY_ACKNOWLEDGED, FileResult.Outcome.REPLAYED);
        assertThat(rerun.rows()).isEqualTo(FileSnapshots.rows(november));
        assertThat(rerun.render().get(0)).contains("gpu_state_2025-10.db: skipped");
        Map<SnapshotKey, List<SlotGpuRow>> both = new LinkedHashMap<>(october);
        both.putAll(november);
        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(records.size()).as("each snapshot exactly once").isEqualTo(both.size());
        Snapshots.assertSame(records.distinctSnapshots(), both);
        assertThat(checkpointFiles()).as("kept, complete, once the replay is done").hasSize(2);

        // Repeating a complete replay sends nothing; --restart sends it all again.
        ReplaySummary repeated = new BackfillLoader(settings(kafka, dir, topic)).run();
        assertThat(repeated.rows()).isZero();
        assertThat(repeated.files()).extracting(FileResult::outcome)
                .containsOnly(FileResult.Outcome.ALREADY_ACKNOWLEDGED);
        ReplaySummary restarted = new BackfillLoader(settings(kafka, dir, topic).with(LoaderSettings.RESTART, true))
                .run();
        assertThat(restarted.rows()).isEqualTo(FileSnapshots.rows(both));
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isEqualTo(2L * both.size());
    }

    @Test
    void aRewrittenFileIsResumedAfterItsWatermarkAndRestartIgnoresTheCheckpoints(KafkaBroker kafka)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve("restart"));
        Files.copy(generated.resolve("gpu_state_2025-10.db"), dir.resolve("gpu_state_2025-10.db"));
        Files.copy(generated.resolve("gpu_state_2025-11.db"), dir.resolve("gpu_state_2025-11.db"));
        Files.writeString(dir.resolve("gpu_state_2025-12.db"), "not a database");
        String topic = kafka.uniqueTopicName("restart");
        long octoberRows = FileSnapshots.rows(FileSnapshots.of(dir.resolve("gpu_state_2025-10.db")));
        long novemberRows = FileSnapshots.rows(FileSnapshots.of(dir.resolve("gpu_state_2025-11.db")));
        LoaderSettings settings = settings(kafka, dir, topic);

        assertThatThrownBy(() -> new BackfillLoader(settings).run()).isInstanceOf(LoaderException.class);
        assertThat(checkpointFiles()).as("October's and November's, complete").hasSize(2);

        // November is rewritten (same rows, a new modification time): resumed after its watermark, so nothing of
        // it is sent again; October is skipped.
        Path november = dir.resolve("gpu_state_2025-11.db");
        Files.setLastModifiedTime(november, FileTime.fromMillis(Files.getLastModifiedTime(november).toMillis()
                + 60_000));
        Files.delete(dir.resolve("gpu_state_2025-12.db"));
        ReplaySummary afterChange = new BackfillLoader(settings).run();

        assertThat(afterChange.files()).extracting(FileResult::outcome)
                .containsExactly(FileResult.Outcome.ALREADY_ACKNOWLEDGED, FileResult.Outcome.REPLAYED);
        assertThat(afterChange.files().get(1).resumedAfter()).isNotNull();
        assertThat(afterChange.rows()).as("nothing of November is new").isZero();
        assertThat(checkpointFiles()).hasSize(2);

        // Stopped again; --restart then replays both files although their checkpoints say complete.
        Files.writeString(dir.resolve("gpu_state_2025-12.db"), "not a database");
        assertThatThrownBy(() -> new BackfillLoader(settings).run()).isInstanceOf(LoaderException.class);
        assertThat(checkpointFiles()).hasSize(2);
        Files.delete(dir.resolve("gpu_state_2025-12.db"));
        ReplaySummary restarted = new BackfillLoader(settings.with(LoaderSettings.RESTART, true)).run();

        assertThat(restarted.files()).extracting(FileResult::outcome).containsOnly(FileResult.Outcome.REPLAYED);
        assertThat(restarted.rows()).isEqualTo(octoberRows + novemberRows);
        assertThat(checkpointFiles()).as("kept, complete").hasSize(2);
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
}
