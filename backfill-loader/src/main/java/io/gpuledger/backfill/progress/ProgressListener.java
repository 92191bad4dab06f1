package io.gpuledger.backfill.progress;

import io.gpuledger.backfill.FileResult;
import io.gpuledger.backfill.ReplaySummary;

/**
 * Receives a replay's progress: the CLI draws a bar from it, the streams app shows it and exports gauges. Every method
 * is called on the thread that called {@code BackfillLoader.run}, never concurrently; a listener must return quickly
 * (it holds up sending).
 */
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** The files are selected and Kafka is ready (or it is a dry run). */
    default void started(ReplayPlan plan) {
    }

    /** A file passed its validation scan and is about to be sent. */
    default void fileStarted(FileStart start) {
    }

    /** Called a few times a second while the replay runs. */
    default void progress(ReplayProgress progress) {
    }

    /** Every selected snapshot of a file was acknowledged (or the file was skipped, see its outcome). */
    default void fileFinished(FileResult result) {
    }

    /** The replay finished: every selected row was acknowledged. Not called when it fails. */
    default void finished(ReplaySummary summary) {
    }
}
