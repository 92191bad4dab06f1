package io.gpuledger.streams.bucket;

import io.gpuledger.ingest.classify.RowIdentity;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one machine reported inside one 15-minute bucket, kept per snapshot timestamp (DESIGN 1).
 *
 * <p>This is a join-semilattice: merging a snapshot is a per-row-identity maximum (SPEC 1.5), so merging the same
 * snapshot twice, in pieces, or out of order, gives the same bucket. It holds only facts, no configuration: the
 * CHTC list, exclusions, filters and the researcher set are applied when a report is computed.
 *
 * <p>Snapshots are kept individually because the two edge buckets of a window count only their in-window snapshots
 * (SPEC 3.1). Instances are mutable only through {@link #merge}; the DSL aggregator owns them one call at a time.
 */
public final class HostBucket {

    /** Rows of one snapshot in identity order: (Name, GPU id), nulls first. */
    static final Comparator<SlotGpuRow> IDENTITY_ORDER = Comparator.comparing(SlotGpuRow::name)
            .thenComparing(SlotGpuRow::gpuId, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** One snapshot's deduplicated rows. */
    public record Snapshot(long timestampMicros, List<SlotGpuRow> rows) {
    }

    /** Null only before the first merge of a bucket created by {@link #unnamed()}. */
    private String machine;
    private final TreeMap<Long, TreeMap<SlotGpuRow, SlotGpuRow>> snapshots;

    private HostBucket(String machine, TreeMap<Long, TreeMap<SlotGpuRow, SlotGpuRow>> snapshots) {
        this.machine = machine;
        this.snapshots = snapshots;
    }

    public static HostBucket empty(String machine) {
        return new HostBucket(machine, new TreeMap<>());
    }

    /**
     * A bucket that takes its machine from the first snapshot merged into it: the Kafka Streams aggregator's
     * initializer does not see the key.
     */
    public static HostBucket unnamed() {
        return new HostBucket(null, new TreeMap<>());
    }

    public static HostBucket of(HostSnapshot... pieces) {
        HostBucket bucket = empty(pieces[0].machine());
        for (HostSnapshot piece : pieces) {
            bucket.merge(piece);
        }
        return bucket;
    }

    public String machine() {
        return machine;
    }

    /**
     * Merges one snapshot (or a piece of it) into this bucket and returns this bucket. The caller guarantees the
     * snapshot belongs to this machine and bucket.
     */
    public HostBucket merge(HostSnapshot snapshot) {
        if (machine == null) {
            machine = snapshot.machine();
        } else if (!snapshot.machine().equals(machine)) {
            throw new IllegalArgumentException("snapshot of " + snapshot.machine() + " merged into bucket of " + machine);
        }
        return mergeRows(SnapshotTime.toMicros(snapshot.timestamp()), snapshot.rows());
    }

    HostBucket mergeRows(long timestampMicros, List<SlotGpuRow> newRows) {
        TreeMap<SlotGpuRow, SlotGpuRow> rows =
                snapshots.computeIfAbsent(timestampMicros, t -> new TreeMap<>(IDENTITY_ORDER));
        for (SlotGpuRow row : newRows) {
            rows.merge(row, row, RowIdentity::keep);
        }
        return this;
    }

    /** Merges another bucket of the same machine (e.g. a restored and a new piece). */
    public HostBucket merge(HostBucket other) {
        if (machine == null) {
            machine = other.machine;
        }
        for (Map.Entry<Long, TreeMap<SlotGpuRow, SlotGpuRow>> entry : other.snapshots.entrySet()) {
            TreeMap<SlotGpuRow, SlotGpuRow> rows =
                    snapshots.computeIfAbsent(entry.getKey(), t -> new TreeMap<>(IDENTITY_ORDER));
            for (SlotGpuRow row : entry.getValue().values()) {
                rows.merge(row, row, RowIdentity::keep);
            }
        }
        return this;
    }

    /** Snapshots in time order, rows in identity order. */
    public List<Snapshot> snapshots() {
        List<Snapshot> result = new ArrayList<>(snapshots.size());
        for (Map.Entry<Long, TreeMap<SlotGpuRow, SlotGpuRow>> entry : snapshots.entrySet()) {
            result.add(new Snapshot(entry.getKey(), Collections.unmodifiableList(new ArrayList<>(entry.getValue().values()))));
        }
        return result;
    }

    /** Snapshots with {@code fromMicros <= timestamp <= toMicros}. */
    public List<Snapshot> snapshotsBetween(long fromMicros, long toMicros) {
        List<Snapshot> result = new ArrayList<>();
        for (Map.Entry<Long, TreeMap<SlotGpuRow, SlotGpuRow>> entry
                : snapshots.subMap(fromMicros, true, toMicros, true).entrySet()) {
            result.add(new Snapshot(entry.getKey(), Collections.unmodifiableList(new ArrayList<>(entry.getValue().values()))));
        }
        return result;
    }

    public boolean isEmpty() {
        return snapshots.isEmpty();
    }

    public int rowCount() {
        int count = 0;
        for (TreeMap<SlotGpuRow, SlotGpuRow> rows : snapshots.values()) {
            count += rows.size();
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof HostBucket that)) {
            return false;
        }
        if (!machine.equals(that.machine) || !snapshots.keySet().equals(that.snapshots.keySet())) {
            return false;
        }
        for (Map.Entry<Long, TreeMap<SlotGpuRow, SlotGpuRow>> entry : snapshots.entrySet()) {
            if (!List.copyOf(entry.getValue().values())
                    .equals(List.copyOf(that.snapshots.get(entry.getKey()).values()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(machine, snapshots.keySet());
    }

    @Override
    public String toString() {
        return "HostBucket[" + machine + ", " + snapshots.size() + " snapshots, " + rowCount() + " rows]";
    }
}
