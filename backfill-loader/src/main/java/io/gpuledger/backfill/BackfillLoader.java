package io.gpuledger.backfill;

import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.replay.ReplayRun;
import java.util.Objects;
import java.util.function.BooleanSupplier;

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
        return run(listener, () -> false);
    }

    /**
     * {@link #run(ProgressListener)} that stops soon after {@code stop} turns true: at the next change of snapshot
     * time, once every record sent is acknowledged and checkpointed, so that a rerun sends nothing twice (an
     * interrupt, by contrast, abandons what is in flight and a rerun sends the last moments again). It then throws
     * {@link LoaderException} with {@link LoaderException.Reason#STOPPED}.
     *
     * @param stop read on the calling thread between records; must be cheap
     */
    public ReplaySummary run(ProgressListener listener, BooleanSupplier stop) {
        return ReplayRun.run(settings, Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(stop,
                "stop"));
    }

    /** {@link #run(ProgressListener)} without progress reports. */
    public ReplaySummary run() {
        return run(ProgressListener.NONE);
    }
}
