package io.gpuledger.backfill.replay;

import io.gpuledger.backfill.checkpoint.Checkpoint;
import io.gpuledger.backfill.checkpoint.FileIdentity;
import io.gpuledger.ingest.monthly.FileCheck;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * One selected file in a replay. The reading thread uses only the final fields; the rest is the sending thread's
 * bookkeeping (the {@link AckTracker} never touches it).
 */
final class FileTask {

    final int index;
    final Path file;
    final YearMonth month;
    final FileIdentity identity;
    final Checkpoint.Resume resume;
    /** Rows an earlier run acknowledged up to the checkpoint this run resumes after. */
    final long rowsAcknowledgedBefore;

    FileCheck check;
    long openedNanos;
    long finishedNanos;
    long rowsSent;
    long snapshotsSent;
    LocalDateTime firstSent;
    LocalDateTime lastSent;
    /** Contiguous watermark of this run: everything up to it is acknowledged. */
    LocalDateTime lastAcknowledged;
    long rowsAcknowledged;
    long snapshotsAcknowledged;
    boolean watermarkMoved;
    boolean readDone;
    boolean finished;

    FileTask(int index, Path file, YearMonth month, FileIdentity identity, Checkpoint.Resume resume,
             long rowsAcknowledgedBefore) {
        this.index = index;
        this.file = file;
        this.month = month;
        this.identity = identity;
        this.resume = resume;
        this.rowsAcknowledgedBefore = rowsAcknowledgedBefore;
    }

    boolean skipped() {
        return resume.action() == Checkpoint.Resume.Action.SKIP_FILE;
    }

    /** Only snapshots after this are read, or null. */
    LocalDateTime resumeAfter() {
        return resume.action() == Checkpoint.Resume.Action.RESUME_AFTER ? resume.after() : null;
    }

    /** The watermark a checkpoint records: this run's, else the one it resumed after. */
    LocalDateTime watermark() {
        return lastAcknowledged != null ? lastAcknowledged : resumeAfter();
    }

    String name() {
        return String.valueOf(file.getFileName());
    }
}
