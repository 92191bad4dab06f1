package io.gpuledger.ingest.snapshot;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * All rows of one machine at one snapshot timestamp: the unit that travels through Kafka (architecture §1). Everything
 * deduplication needs (per snapshot, per GPU) is local to one such message.
 *
 * <p>A snapshot may still arrive in several pieces (a resumed replay, a run split across two monthly files); consumers
 * merge pieces by row identity (rules §1.5), so the result never depends on how it was cut.
 */
public record HostSnapshot(String machine, LocalDateTime timestamp, List<SlotGpuRow> rows) {

    public HostSnapshot {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(timestamp, "timestamp");
        rows = List.copyOf(rows);
    }
}
