package io.gpuledger.backfill.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.monthly.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    private static final LocalDateTime WATERMARK = LocalDateTime.of(2025, 10, 12, 10, 5, 3, 123_456_000);
    private static final TimeRange OCTOBER = TimeRange.ofFlags("2025-10", "2025-10");

    @TempDir
    Path dir;

    private Checkpoint checkpoint(Path file, boolean complete) throws Exception {
        return new Checkpoint(FileIdentity.of(file), "cluster-1", "gpu.host-snapshots", "topic-id-1", OCTOBER,
                WATERMARK, 1234, complete, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private Path monthlyFile(String subdir) throws Exception {
        Path file = Files.createDirectories(dir.resolve(subdir)).resolve("gpu_state_2025-10.db");
        Files.writeString(file, "stands for a monthly file");
        return file;
    }

    @Test
    void aSavedCheckpointLoadsBackEqualUnderClusterAndTopic() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("cp"), "cluster-1", "gpu.host-snapshots");
        Path file = monthlyFile("dbs");
        Checkpoint saved = checkpoint(file, false);

        store.save(saved);

        assertThat(store.load(file)).contains(saved);
        assertThat(store.pathFor(file)).startsWith(dir.resolve("cp/cluster-1/gpu.host-snapshots"));
        assertThat(store.pathFor(file).getFileName().toString()).startsWith("gpu_state_2025-10.db-")
                .endsWith(".checkpoint");
        assertThat(store.delete(file)).isTrue();
        assertThat(store.load(file)).isEmpty();
        assertThat(store.delete(file)).isFalse();
    }

    @Test
    void filesOfTheSameNameInTwoDirectoriesHaveTheirOwnCheckpoints() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("cp"), "cluster-1", "gpu.host-snapshots");
        Path first = monthlyFile("a");
        Path second = monthlyFile("b");

        store.save(checkpoint(first, false));

        assertThat(store.pathFor(first)).isNotEqualTo(store.pathFor(second));
        assertThat(store.load(second)).isEmpty();
    }

    @Test
    void anotherClusterOrTopicDoesNotSeeIt() throws Exception {
        Path file = monthlyFile("dbs");
        new CheckpointStore(dir.resolve("cp"), "cluster-1", "gpu.host-snapshots").save(checkpoint(file, true));

        assertThat(new CheckpointStore(dir.resolve("cp"), "cluster-2", "gpu.host-snapshots").load(file)).isEmpty();
        assertThat(new CheckpointStore(dir.resolve("cp"), "cluster-1", "other").load(file)).isEmpty();
    }

    @Test
    void anUnreadableCheckpointIsIgnored() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("cp"), "cluster-1", "gpu.host-snapshots");
        Path file = monthlyFile("dbs");
        store.save(checkpoint(file, false));
        Files.writeString(store.pathFor(file), "version=1\nfile=" + file + "\ngarbage");

        assertThat(store.load(file)).isEmpty();
    }

    @Test
    void resumeRules() throws Exception {
        Path file = monthlyFile("dbs");
        FileIdentity now = FileIdentity.of(file);
        Checkpoint partial = checkpoint(file, false);
        Checkpoint complete = checkpoint(file, true);

        assertThat(partial.resumeFor(now, "topic-id-1", OCTOBER))
                .isEqualTo(new Checkpoint.Resume(Checkpoint.Resume.Action.RESUME_AFTER, WATERMARK,
                        "continuing after the last acknowledged snapshot"));
        assertThat(complete.resumeFor(now, "topic-id-1", OCTOBER).action())
                .isEqualTo(Checkpoint.Resume.Action.SKIP_FILE);
        // A later end: what lies after the watermark is still to send.
        assertThat(complete.resumeFor(now, "topic-id-1", TimeRange.ofFlags("2025-10", "2025-11")).action())
                .isEqualTo(Checkpoint.Resume.Action.RESUME_AFTER);
        // A later start is covered too; an earlier one is not.
        assertThat(partial.resumeFor(now, "topic-id-1", TimeRange.ofFlags("2025-10-05", "2025-10")).action())
                .isEqualTo(Checkpoint.Resume.Action.RESUME_AFTER);
        assertThat(partial.resumeFor(now, "topic-id-1", TimeRange.ofFlags("2025-09", "2025-10")).reason())
                .contains("starts earlier");
        assertThat(partial.resumeFor(now, "topic-id-2", OCTOBER).reason()).contains("created again");
        // A month rewritten by the collector (it grew): only snapshots after the watermark are new, even when the
        // checkpoint said complete.
        assertThat(complete.resumeFor(new FileIdentity(now.file(), now.size() + 1, now.modifiedMillis()),
                "topic-id-1", OCTOBER)).satisfies(resume -> {
                    assertThat(resume.action()).isEqualTo(Checkpoint.Resume.Action.RESUME_AFTER);
                    assertThat(resume.after()).isEqualTo(WATERMARK);
                    assertThat(resume.reason()).contains("rewritten since");
                });
        assertThat(partial.resumeFor(new FileIdentity(now.file(), now.size(), now.modifiedMillis() + 1),
                "topic-id-1", OCTOBER).action()).isEqualTo(Checkpoint.Resume.Action.RESUME_AFTER);
    }
}
