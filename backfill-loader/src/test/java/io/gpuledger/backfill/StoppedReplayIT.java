package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.progress.ReplayProgress;
import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Months;
import io.gpuledger.backfill.support.SnapshotKey;
import io.gpuledger.backfill.support.Snapshots;
import io.gpuledger.backfill.support.TestReplays;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay stopped on request (the service's cancel) stops between two snapshot times with everything it sent
 * acknowledged and checkpointed: the rerun sends exactly the rest, so the topic holds every snapshot once.
 */
@WithKafka
class StoppedReplayIT {

    @TempDir
    Path work;

    @Test
    void aStoppedReplayRerunSendsExactlyTheRestAndNothingTwice(KafkaBroker kafka) {
        Path dir = Months.october(work.resolve("files"), 10);
        Map<SnapshotKey, List<SlotGpuRow>> expected = FileSnapshots.of(dir.resolve("gpu_state_2025-10.db"));
        String topic = kafka.uniqueTopicName("stopped");
        // Paced, so that the stop surely lands in the middle of the file.
        LoaderSettings settings = TestReplays.settings(kafka, dir, topic, work)
                .with(LoaderSettings.MAX_ROWS_PER_SECOND, 20_000L);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acknowledgedBeforeStop = new AtomicLong();
        ProgressListener stopAfterSomeRows = new ProgressListener() {
            @Override
            public void progress(ReplayProgress progress) {
                acknowledgedBeforeStop.set(progress.rowsDone());
                if (progress.rowsDone() > 5_000) {
                    stop.set(true);
                }
            }
        };

        assertThatThrownBy(() -> new BackfillLoader(settings).run(stopAfterSomeRows, stop::get))
                .isInstanceOf(LoaderException.class)
                .hasMessageStartingWith("stopped on request; last fully acknowledged snapshot: ")
                .extracting(e -> ((LoaderException) e).reason()).isEqualTo(LoaderException.Reason.STOPPED);
        long recordsAfterStop = TopicRecords.count(kafka.bootstrapServers(), topic);
        assertThat(recordsAfterStop).isPositive().isLessThan(expected.size());

        ReplaySummary rerun = new BackfillLoader(settings).run();

        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, Duration.ofSeconds(60));
        Snapshots.assertSame(records.distinctSnapshots(), expected);
        assertThat(records.size()).as("every snapshot once").isEqualTo(expected.size());
        assertThat(rerun.snapshots()).isEqualTo(expected.size() - recordsAfterStop);
        assertThat(rerun.files().get(0).resumedAfter()).isNotNull();
    }
}
