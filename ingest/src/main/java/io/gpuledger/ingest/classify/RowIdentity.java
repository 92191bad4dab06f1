package io.gpuledger.ingest.classify;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Row identity is {@code (timestamp, Machine, Name, normalised GPU id)} (rules §1.5). Several input rows with one
 * identity are resolved by content, never by arrival order: the greatest by (rank, State, RemoteOwner,
 * PrioritizedProjects, GlobalJobId; nulls first, ordinal order) is kept.
 *
 * <p>the rules leave rows equal on those five fields unordered; to keep the result independent of arrival order in every
 * case, the remaining fields (device, memory, PreventJobsReason, usage, disk) break such ties the same way.
 */
public final class RowIdentity {

    /** Orders rows of one identity; the maximum is kept. */
    public static final Comparator<SlotGpuRow> CONTENT_ORDER = Comparator
            .<SlotGpuRow>comparingInt(DedupRank::rank)
            .thenComparing(nullsFirst(SlotGpuRow::state))
            .thenComparing(nullsFirst(SlotGpuRow::remoteOwner))
            .thenComparing(nullsFirst(SlotGpuRow::prioritizedProjects))
            .thenComparing(nullsFirst(SlotGpuRow::globalJobId))
            .thenComparing(nullsFirst(SlotGpuRow::deviceName))
            .thenComparing(SlotGpuRow::memoryMb, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(nullsFirst(SlotGpuRow::preventJobsReason))
            .thenComparing(SlotGpuRow::gpusAverageUsage, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(SlotGpuRow::disk, Comparator.nullsFirst(Comparator.naturalOrder()));

    private RowIdentity() {
    }

    private static Comparator<SlotGpuRow> nullsFirst(Function<SlotGpuRow, String> field) {
        return Comparator.comparing(field, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    /** Whether two rows share an identity within one (timestamp, machine). */
    public static boolean sameIdentity(SlotGpuRow a, SlotGpuRow b) {
        return a.name().equals(b.name()) && java.util.Objects.equals(a.gpuId(), b.gpuId());
    }

    /** The row kept when both arrive: the content maximum. */
    public static SlotGpuRow keep(SlotGpuRow a, SlotGpuRow b) {
        return CONTENT_ORDER.compare(a, b) >= 0 ? a : b;
    }
}
