package io.gpuledger.streams.app;

import io.gpuledger.backfill.FileResult;
import io.gpuledger.backfill.ReplaySummary;
import io.gpuledger.backfill.progress.FileStart;
import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.progress.ReplayPlan;
import io.gpuledger.backfill.progress.ReplayProgress;

/** Passes a startup replay's progress to the console and to the service's metrics. */
final class ReplayProgressRelay implements ProgressListener {

    private final ProgressListener console;
    private final ProgressListener metrics;

    ReplayProgressRelay(ProgressListener console, ProgressListener metrics) {
        this.console = console;
        this.metrics = metrics;
    }

    @Override
    public void started(ReplayPlan plan) {
        console.started(plan);
        metrics.started(plan);
    }

    @Override
    public void fileStarted(FileStart file) {
        console.fileStarted(file);
        metrics.fileStarted(file);
    }

    @Override
    public void progress(ReplayProgress progress) {
        console.progress(progress);
        metrics.progress(progress);
    }

    @Override
    public void fileFinished(FileResult result) {
        console.fileFinished(result);
        metrics.fileFinished(result);
    }

    @Override
    public void finished(ReplaySummary summary) {
        console.finished(summary);
        metrics.finished(summary);
    }
}
