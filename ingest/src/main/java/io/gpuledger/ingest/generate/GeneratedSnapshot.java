package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One collector run: every row shares {@link #timestamp} (rules §1.5). Rows are grouped by machine, machines in host
 * order.
 *
 * @param timestamp     the snapshot time
 * @param timestampText the stored form, six fraction digits
 * @param rows          its rows in write order
 */
public record GeneratedSnapshot(LocalDateTime timestamp, String timestampText, List<GeneratedRow> rows) {

    public GeneratedSnapshot {
        rows = List.copyOf(rows);
    }

    /** The month whose file the rows go to. */
    public YearMonth month() {
        return YearMonth.from(timestamp);
    }

    /** The snapshot as the Kafka topic carries it: one {@link HostSnapshot} per machine, ids normalised. */
    public List<HostSnapshot> hostSnapshots() {
        Map<String, List<SlotGpuRow>> rowsByMachine = new LinkedHashMap<>();
        for (GeneratedRow row : rows) {
            rowsByMachine.computeIfAbsent(row.machine(), machine -> new ArrayList<>()).add(row.toSlotGpuRow());
        }
        List<HostSnapshot> snapshots = new ArrayList<>(rowsByMachine.size());
        rowsByMachine.forEach((machine, machineRows) -> snapshots.add(new HostSnapshot(machine, timestamp, machineRows)));
        return snapshots;
    }
}
