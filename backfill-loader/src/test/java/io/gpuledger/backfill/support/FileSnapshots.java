package io.gpuledger.backfill.support;

import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.TimeRange;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a monthly file holds, read with the ingest reader: the expected side of every replay test. */
public final class FileSnapshots {

    private FileSnapshots() {
    }

    /** Every snapshot of {@code file} inside {@code range}, by (machine, timestamp), rows in file order. */
    public static Map<SnapshotKey, List<SlotGpuRow>> of(Path file, TimeRange range) {
        Map<SnapshotKey, List<SlotGpuRow>> snapshots = new LinkedHashMap<>();
        ReadOptions options = ReadOptions.defaults().withRange(range).withSkipBadRows(null);
        try (MonthFileReader reader = HistoryFiles.open(file, options)) {
            for (HostSnapshot snapshot = reader.next(); snapshot != null; snapshot = reader.next()) {
                List<SlotGpuRow> previous = snapshots.put(new SnapshotKey(snapshot.machine(), snapshot.timestamp()),
                        snapshot.rows());
                if (previous != null) {
                    throw new IllegalStateException("two snapshots of " + snapshot.machine() + " at "
                            + snapshot.timestamp() + " in " + file);
                }
            }
        }
        return snapshots;
    }

    public static Map<SnapshotKey, List<SlotGpuRow>> of(Path file) {
        return of(file, TimeRange.ALL);
    }

    /** Rows of all snapshots. */
    public static long rows(Map<SnapshotKey, List<SlotGpuRow>> snapshots) {
        return snapshots.values().stream().mapToLong(List::size).sum();
    }
}
