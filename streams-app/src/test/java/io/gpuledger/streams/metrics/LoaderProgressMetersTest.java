package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.backfill.FileResult;
import io.gpuledger.backfill.LoaderException;
import io.gpuledger.backfill.progress.FileStart;
import io.gpuledger.backfill.progress.ReplayProgress.Phase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loader's run totals become per-file counters, exact at each file's end. */
class LoaderProgressMetersTest {

    private static final Path OCTOBER = Path.of("/data/gpu_state_2025-10.db");
    private static final Path NOVEMBER = Path.of("/data/gpu_state_2025-11.db");

    private final GpuLedgerMetrics metrics = GpuLedgerMetrics.create();
    private final LoaderProgressMeters listener = new LoaderProgressMeters(metrics.replayProgress());

    @AfterEach
    void close() {
        metrics.close();
    }

    private String text() {
        return new String(metrics.scrape(null).body(), StandardCharsets.UTF_8);
    }

    private static io.gpuledger.backfill.progress.ReplayProgress progress(Path file, long rows, long snapshots) {
        return new io.gpuledger.backfill.progress.ReplayProgress(Phase.SENDING, file, 1, 2, rows, rows, 2000, true,
                snapshots, 0, 1.0, 1.0);
    }

    @Test
    void runTotalsAreSplitPerFileAndSettledWhenEachFinishes() {
        listener.fileStarted(new FileStart(OCTOBER, 1, 2, 1000, 3, null, 0.1));
        listener.progress(progress(OCTOBER, 400, 20));
        assertThat(text()).contains("gpuledger_replay_rows_total{source=\"gpu_state_2025-10.db\"} 400.0")
                .contains("gpuledger_replay_bad_rows_total{source=\"gpu_state_2025-10.db\"} 3.0");
        // November starts while October's last acknowledgements are still coming: they stay October's.
        listener.fileStarted(new FileStart(NOVEMBER, 2, 2, 1000, 0, null, 0.1));
        listener.progress(progress(NOVEMBER, 1100, 55));
        assertThat(text()).contains("gpuledger_replay_rows_total{source=\"gpu_state_2025-10.db\"} 1000.0")
                .contains("gpuledger_replay_rows_total{source=\"gpu_state_2025-11.db\"} 100.0");
        listener.fileFinished(new FileResult(OCTOBER, FileResult.Outcome.REPLAYED, 1000, 50, 3, null, null, null, 2.0));
        listener.progress(progress(NOVEMBER, 2000, 100));
        listener.fileFinished(new FileResult(NOVEMBER, FileResult.Outcome.REPLAYED, 1000, 50, 0, null, null, null, 2.0));
        String text = text();
        assertThat(text).contains("gpuledger_replay_rows_total{source=\"gpu_state_2025-10.db\"} 1000.0")
                .contains("gpuledger_replay_rows_total{source=\"gpu_state_2025-11.db\"} 1000.0")
                .contains("gpuledger_replay_completed_files_total{source=\"gpu_state_2025-11.db\"} 1.0")
                .contains("gpuledger_replay_rejected_files_total{source=\"gpu_state_2025-11.db\"} 0.0");
        // Snapshots are the files' own counts, not the run's increments split by guess.
        double snapshots = ScrapedSeries.parse(text).entrySet().stream()
                .filter(e -> e.getKey().startsWith("gpuledger_replay_snapshots_total"))
                .mapToDouble(java.util.Map.Entry::getValue).sum();
        assertThat(snapshots).isEqualTo(100.0);
    }

    @Test
    void aRejectedFileIsCounted() {
        listener.progress(new io.gpuledger.backfill.progress.ReplayProgress(Phase.CHECKING, NOVEMBER, 1, 1, 0, 0, 10,
                false, 0, 0, 0.1, 0.0));
        listener.failed(new LoaderException(LoaderException.Reason.BAD_FILE, "gpu_state_2025-11.db: not SQLite", null));
        assertThat(text()).contains("gpuledger_replay_rejected_files_total{source=\"gpu_state_2025-11.db\"} 1.0");
    }
}
