package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import java.time.Duration;

/** A dry run: every snapshot counts as acknowledged at once, nothing leaves the process. */
final class DryRunSender implements RecordSender {

    private final AckTracker tracker;

    DryRunSender(AckTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void send(HostSnapshot snapshot, AckTracker.Group group) {
        tracker.acknowledged(group, snapshot.rows().size(), null);
    }

    @Override
    public void close(Duration timeout) {
        // Nothing to release.
    }
}
