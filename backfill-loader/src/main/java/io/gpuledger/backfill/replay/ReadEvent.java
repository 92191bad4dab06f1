package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.FileSummary;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import java.util.List;

/** What the reading thread hands to the sending thread, in order. */
sealed interface ReadEvent {

    /** A file was opened; its validation scan runs now. */
    record Opened(FileTask task) implements ReadEvent {
    }

    /** The validation scan passed (or found only rows to skip). */
    record Checked(FileTask task, FileCheck check) implements ReadEvent {
    }

    /** Snapshots to send, in timestamp order. */
    record Batch(FileTask task, List<HostSnapshot> snapshots) implements ReadEvent {
    }

    /** Every selected snapshot of the file was handed over. */
    record Finished(FileTask task, FileSummary summary) implements ReadEvent {
    }

    /** Reading stopped: a rejected file, a late row, an I/O error. */
    record Failed(FileTask task, RuntimeException error) implements ReadEvent {
    }

    /** All files were read. */
    record End() implements ReadEvent {
    }
}
