package io.gpuledger.backfill;

import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.replay.ReplayRun;
import java.util.Objects;

/**
 * Replays monthly {@code gpu_state} files into the snapshots topic: the library behind the {@code backfill-loader}
 * command and the streams app's {@code --replay DIR} (same code path).
 *
 * <pre>{@code
 * LoaderSettings settings = LoaderSettings.of(replayDir)
 *         .with(LoaderSettings.BOOTSTRAP_SERVERS, bootstrap)
 *         .with(CommonSettings.TOPIC, topic)
 *         .with(CommonSettings.HISTORY, history)        // the streams app's grace/retention
 *         .with(CommonSettings.SKIP_BAD_ROWS, skipBadRows);
 * try {
 *     ReplaySummary summary = new BackfillLoader(settings).run(new ProgressListener() {
 *         public void progress(ReplayProgress p) { rowsGauge.set(p.rowsDone()); }
 *     });
 *     log.info("replayed {} rows", summary.rows());
 * } catch (LoaderException e) {
 *     log.error(e.getMessage());               // one line: file, row, topic or last acknowledged snapshot
 * }
 * }</pre>
 *
 * <p>{@link #run} returns only when every selected row was acknowledged by the broker (or counted, for a dry run);
 * otherwise it throws {@link LoaderException}. Interrupting the calling thread stops the replay (checkpoints kept).
 */
public final class BackfillLoader {

    private final LoaderSettings settings;

    public BackfillLoader(LoaderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LoaderSettings settings() {
        return settings;
    }

    /**
     * Replays the selected files, reporting progress to {@code listener} on the calling thread.
     *
     * @throws LoaderException with a one-line message when the replay did not finish
     */
    public ReplaySummary run(ProgressListener listener) {
        return ReplayRun.run(settings, Objects.requireNonNull(listener, "listener"));
    }

    /** {@link #run(ProgressListener)} without progress reports. */
    public ReplaySummary run() {
        return run(ProgressListener.NONE);
    }
}
