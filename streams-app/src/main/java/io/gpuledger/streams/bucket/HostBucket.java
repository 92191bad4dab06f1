package io.gpuledger.streams.bucket;

import io.gpuledger.ingest.classify.RowIdentity;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one machine reported inside one 15-minute bucket, kept per snapshot timestamp (architecture §1).
 *
 * <p>This is a join-semilattice: merging a snapshot is a per-row-identity maximum (rules §1.5), so merging the same
 * snapshot twice, in pieces, or out of order, gives the same bucket. It holds only facts, no configuration: the
 * CHTC list, exclusions, filters and the researcher set are applied when a report is computed.
 *
 * <p>Snapshots are kept individually because the two edge buckets of a window count only their in-window snapshots
 * (rules §3.1). Each snapshot is a separately encoded block, so merging a new snapshot into a stored bucket touches only
 * that snapshot's rows. Instances are mutable only through {@code merge}; the Kafka Streams aggregator owns them one
 * call at a time.
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
    /** Snapshot blocks in timestamp order, one per distinct timestamp. */
    private final ArrayList<SnapshotBlock> blocks;

    HostBucket(String machine, ArrayList<SnapshotBlock> blocks) {
        this.machine = machine;
        this.blocks = blocks;
    }

    public static HostBucket empty(String machine) {
        return new HostBucket(machine, new ArrayList<>(4));
    }

    /**
     * A bucket that takes its machine from the first snapshot merged into it: the Kafka Streams aggregator's
     * initializer does not see the key.
     */
    public static HostBucket unnamed() {
        return new HostBucket(null, new ArrayList<>(4));
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

    List<SnapshotBlock> blocks() {
        return blocks;
    }

    /**
     * Merges one snapshot (or a piece of it) into this bucket and returns this bucket. The caller guarantees the
     * snapshot belongs to this bucket.
     */
    public HostBucket merge(HostSnapshot snapshot) {
        if (machine == null) {
            machine = snapshot.machine();
        } else if (!snapshot.machine().equals(machine)) {
            throw new IllegalArgumentException("snapshot of " + snapshot.machine() + " merged into bucket of " + machine);
        }
        return mergeRows(SnapshotTime.toMicros(snapshot.timestamp()), snapshot.rows());
    }

    /** Merges another bucket of the same machine (e.g. two pieces held apart). */
    public HostBucket merge(HostBucket other) {
        if (machine == null) {
            machine = other.machine;
        }
        for (SnapshotBlock block : other.blocks) {
            mergeRows(block.timestampMicros, block.rows());
        }
        return this;
    }

    private HostBucket mergeRows(long timestampMicros, List<SlotGpuRow> newRows) {
        int index = indexOf(timestampMicros);
        TreeMap<SlotGpuRow, SlotGpuRow> rows = new TreeMap<>(IDENTITY_ORDER);
        if (index >= 0) {
            for (SlotGpuRow row : blocks.get(index).rows()) {
                rows.put(row, row);
            }
        }
        for (SlotGpuRow row : newRows) {
            rows.merge(row, row, RowIdentity::keep);
        }
        SnapshotBlock merged = SnapshotBlock.of(timestampMicros, rows.values());
        if (index >= 0) {
            blocks.set(index, merged);
        } else {
            blocks.add(-index - 1, merged);
        }
        return this;
    }

    /** Binary search by timestamp: the index, or {@code -(insertion point) - 1}. */
    private int indexOf(long timestampMicros) {
        int low = 0;
        int high = blocks.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long time = blocks.get(middle).timestampMicros;
            if (time < timestampMicros) {
                low = middle + 1;
            } else if (time > timestampMicros) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /** Snapshots in time order, rows in identity order. */
    public List<Snapshot> snapshots() {
        List<Snapshot> result = new ArrayList<>(blocks.size());
        for (SnapshotBlock block : blocks) {
            result.add(new Snapshot(block.timestampMicros, block.rows()));
        }
        return result;
    }

    /** Snapshots with {@code fromMicros <= timestamp <= toMicros}. */
    public List<Snapshot> snapshotsBetween(long fromMicros, long toMicros) {
        List<Snapshot> result = new ArrayList<>(blocks.size());
        for (SnapshotBlock block : blocks) {
            if (block.timestampMicros >= fromMicros && block.timestampMicros <= toMicros) {
                result.add(new Snapshot(block.timestampMicros, block.rows()));
            }
        }
        return result;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public int rowCount() {
        int count = 0;
        for (SnapshotBlock block : blocks) {
            count += block.rowCount();
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof HostBucket that)) {
            return false;
        }
        return Objects.equals(machine, that.machine) && snapshots().equals(that.snapshots());
    }

    @Override
    public int hashCode() {
        return Objects.hash(machine, blocks.size());
    }

    @Override
    public String toString() {
        return "HostBucket[" + machine + ", " + blocks.size() + " snapshots, " + rowCount() + " rows]";
    }
}
