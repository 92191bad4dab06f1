package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.progress.ReplayProgress;
import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Months;
import io.gpuledger.backfill.support.SnapshotKey;
import io.gpuledger.backfill.support.Snapshots;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away in the middle of a replay: the loader retries within its deadline, stops with one line naming
 * the last fully acknowledged snapshot, and a rerun continues from the checkpoint so that the topic ends up holding
 * every snapshot of the file. Uses a broker of its own, since it is stopped and started again.
 */
class BrokerOutageIT {

    @TempDir
    Path work;

    private EmbeddedKafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBrokerThatGoesAwayStopsTheReplayAndARerunContinuesFromTheCheckpoint() throws Exception {
        Path dir = Months.october(work.resolve("files"), 10);
        Path file = dir.resolve("gpu_state_2025-10.db");
        Map<SnapshotKey, List<SlotGpuRow>> expected = FileSnapshots.of(file);
        long fileRows = FileSnapshots.rows(expected);
        Path dataDir = work.resolve("kafka");
        broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
        // Throttled so that the broker surely goes away mid-file; a 5 s deadline keeps the test short.
        LoaderSettings settings = LoaderSettings.of(dir)
                .with(LoaderSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .with(CommonSettings.PARTITIONS, 3)
                .with(CommonSettings.REPLICATION_FACTOR, 1)
                .with(LoaderSettings.CHECKPOINT_DIR, work.resolve("checkpoints"))
                .with(LoaderSettings.DELIVERY_TIMEOUT, Duration.ofSeconds(5))
                .with(LoaderSettings.MAX_ROWS_PER_SECOND, 40_000L);
        AtomicLong acknowledged = new AtomicLong();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(ReplayProgress progress) {
                acknowledged.set(progress.rowsDone());
            }
        };
        CompletableFuture<ReplaySummary> replay =
                CompletableFuture.supplyAsync(() -> new BackfillLoader(settings).run(listener));

        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() > 30_000 || replay.isDone());
        assertThat(replay).as("still replaying when the broker goes away").isNotDone();
        broker.close();

        await().atMost(Duration.ofSeconds(60)).until(replay::isDone);
        ExecutionException failed = catchThrowableOfType(ExecutionException.class, replay::get);
        assertThat(failed.getCause()).isInstanceOf(LoaderException.class);
        LoaderException error = (LoaderException) failed.getCause();
        assertThat(error.reason()).isEqualTo(LoaderException.Reason.DELIVERY);
        assertThat(error.getMessage()).contains("last fully acknowledged snapshot: " + file + " at ",
                "rerun the same command").doesNotContain("\n");
        assertThat(error.lastAcknowledged()).hasValueSatisfying(last -> assertThat(last.file()).isEqualTo(file));
        assertThat(checkpoints()).hasSize(1);

        broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
        long kept = TopicRecords.count(broker.bootstrapServers(), settings.topic());
        assertThat(kept).as("records acknowledged before the outage").isPositive().isLessThan(expected.size());
        ReplaySummary rerun = new BackfillLoader(settings.with(LoaderSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .with(LoaderSettings.MAX_ROWS_PER_SECOND, 0L)).run();

        assertThat(rerun.files()).singleElement().satisfies(result -> {
            assertThat(result.resumedAfter()).isEqualTo(error.lastAcknowledged().orElseThrow().timestamp());
            assertThat(result.rows()).isPositive().isLessThan(fileRows);
        });
        TopicRecords records = TopicRecords.readAll(broker.bootstrapServers(), settings.topic(),
                Duration.ofSeconds(60));
        // Every snapshot is there; those sent twice (after the watermark, acknowledged before the outage) are equal.
        Snapshots.assertSame(records.distinctSnapshots(), expected);
        assertThat(records.size()).isGreaterThanOrEqualTo(expected.size());
        assertThat(checkpoints()).as("a completed run keeps its checkpoint, complete").hasSize(1);
    }

    private List<Path> checkpoints() throws IOException {
        Path dir = work.resolve("checkpoints");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".checkpoint")).toList();
        }
    }
}
