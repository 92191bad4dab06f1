package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import java.time.Duration;

/** Where snapshots go: Kafka, or nowhere (a dry run). Acknowledgements are reported to the {@link AckTracker}. */
interface RecordSender extends AutoCloseable {

    /** Sends one snapshot as one record; its acknowledgement (or failure) reaches {@code group} later. */
    void send(HostSnapshot snapshot, AckTracker.Group group);

    /** Stops; records not acknowledged within {@code timeout} fail. */
    void close(Duration timeout);

    @Override
    default void close() {
        close(Duration.ZERO);
    }
}
