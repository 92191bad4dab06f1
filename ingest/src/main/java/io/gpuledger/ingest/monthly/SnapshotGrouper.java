package io.gpuledger.ingest.monthly;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Cuts a stream of rows in timestamp order into {@link HostSnapshot}s: all rows of one timestamp value are collected
 * (machines may interleave within it), then emitted as one snapshot per machine, machines in first-seen order. Only
 * one timestamp's rows (one collector run, ~600 rows) are held at a time.
 */
final class SnapshotGrouper {

    private LocalDateTime current;
    private final Map<String, List<SlotGpuRow>> rowsByMachine = new LinkedHashMap<>();
    private long rows;

    /**
     * Adds a row; when its timestamp differs from the previous row's, the previous timestamp's snapshots go to
     * {@code ready} first.
     *
     * @throws IllegalStateException when timestamps go backwards (the caller promised timestamp order)
     */
    void add(LocalDateTime timestamp, String machine, SlotGpuRow row, Queue<HostSnapshot> ready) {
        if (current != null && !timestamp.equals(current)) {
            if (timestamp.isBefore(current)) {
                throw new IllegalStateException("rows out of timestamp order: " + timestamp + " after " + current);
            }
            flush(ready);
        }
        current = timestamp;
        rowsByMachine.computeIfAbsent(machine, m -> new ArrayList<>()).add(row);
        rows++;
    }

    /** Emits the snapshots of the timestamp being collected. */
    void flush(Queue<HostSnapshot> ready) {
        for (Map.Entry<String, List<SlotGpuRow>> machine : rowsByMachine.entrySet()) {
            ready.add(new HostSnapshot(machine.getKey(), current, machine.getValue()));
        }
        rowsByMachine.clear();
    }

    /** Rows added so far. */
    long rows() {
        return rows;
    }
}
