package io.gpuledger.ingest.snapshot;

import java.util.function.Consumer;

/**
 * A stream of {@link HostSnapshot}s in timestamp order (docs/architecture.md: the replayer reads from this, whether the snapshots
 * come from monthly SQLite files or from fixtures). Every snapshot of one timestamp comes before any snapshot of a
 * later timestamp, and one (machine, timestamp) appears once.
 */
public interface SnapshotSource extends AutoCloseable {

    /** The next snapshot, or null when there are no more. */
    HostSnapshot next();

    /** Passes every remaining snapshot to {@code action}, in order. */
    default void forEach(Consumer<? super HostSnapshot> action) {
        for (HostSnapshot snapshot = next(); snapshot != null; snapshot = next()) {
            action.accept(snapshot);
        }
    }

    @Override
    void close();
}
