package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.testdata.SlotRows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rules §1.5: rows with one identity {@code (timestamp, Machine, Name, normalised GPU id)} are resolved by content: the
 * greatest by (rank, State, RemoteOwner, PrioritizedProjects, GlobalJobId; nulls first, ordinal) is kept, whatever
 * the order they arrive in.
 */
class RowIdentityTest {

    private static final String R = "GPUHealthy == False";

    @Test
    void conflictingRowsResolveToTheSameRowInEveryArrivalOrder() {
        List<SlotGpuRow> conflicting = List.of(
                SlotRows.row("slot1@h", "GPU-1", "Unclaimed", "ALab", null, null),
                SlotRows.row("slot1@h", "GPU-1", "Claimed", "ALab", "alice@chtc.wisc.edu", null),
                SlotRows.row("slot1@h", "GPU-1", "Claimed", "ALab", "bob@chtc.wisc.edu", null),
                SlotRows.row("slot1@h", "GPU-1", "Drained", "ALab", null, R),
                SlotRows.row("slot1@h", "GPU-1", "Claimed", null, "bob@chtc.wisc.edu", null));

        List<SlotGpuRow> kept = permutations(conflicting).stream().map(RowIdentityTest::resolve).toList();

        assertThat(kept).hasSize(120).containsOnly(conflicting.get(2));
    }

    @Test
    void rowsEqualOnTheSpecFieldsStillResolveIndependentlyOfOrder() {
        // The rules leave these ties open; the implementation breaks them by the remaining columns
        SlotGpuRow a = new SlotGpuRow("slot1@h", "GPU-1", "Unclaimed", "NVIDIA L40S", 46068L, "", 0.5, null, null,
                null, null);
        SlotGpuRow b = new SlotGpuRow("slot1@h", "GPU-1", "Unclaimed", "NVIDIA L40S", 46068L, "", 0.25, null, null,
                null, null);
        SlotGpuRow c = new SlotGpuRow("slot1@h", "GPU-1", "Unclaimed", null, null, "", null, null, null, null, 10L);

        assertThat(permutations(List.of(a, b, c)).stream().map(RowIdentityTest::resolve).distinct()).hasSize(1);
    }

    @Test
    void rankComesFirst() {
        SlotGpuRow claimed = SlotRows.row("slot1@h", "GPU-1", "Claimed", "", null, null);
        SlotGpuRow unclaimed = SlotRows.row("slot1@h", "GPU-1", "Unclaimed", "", "zed@x", null);

        assertThat(RowIdentity.keep(claimed, unclaimed)).isSameAs(claimed);
        assertThat(RowIdentity.keep(unclaimed, claimed)).isSameAs(claimed);
    }

    @Test
    void thenStateInOrdinalOrder() {
        // Drained and Owner have rank 4; "Owner" > "Drained"
        SlotGpuRow drained = SlotRows.row("slot1@h", "GPU-1", "Drained", "", null, null);
        SlotGpuRow owner = SlotRows.row("slot1@h", "GPU-1", "Owner", "", null, null);

        assertThat(RowIdentity.keep(drained, owner)).isSameAs(owner);
        assertThat(RowIdentity.keep(owner, drained)).isSameAs(owner);
    }

    @Test
    void thenRemoteOwnerWithNullFirst() {
        SlotGpuRow noOwner = SlotRows.row("slot1@h", "GPU-1", "Claimed", "", null, null);
        SlotGpuRow empty = SlotRows.row("slot1@h", "GPU-1", "Claimed", "", "", null);
        SlotGpuRow alice = SlotRows.row("slot1@h", "GPU-1", "Claimed", "", "alice@x", null);

        assertThat(RowIdentity.keep(noOwner, empty)).isSameAs(empty);
        assertThat(RowIdentity.keep(alice, empty)).isSameAs(alice);
    }

    @Test
    void thenPrioritizedProjectsWithNullFirst() {
        SlotGpuRow nullPp = SlotRows.row("slot1@h", "GPU-1", "Unclaimed", null, null, null);
        SlotGpuRow emptyPp = SlotRows.row("slot1@h", "GPU-1", "Unclaimed", "", null, null);
        SlotGpuRow pp = SlotRows.row("slot1@h", "GPU-1", "Unclaimed", "ALab", null, null);

        assertThat(RowIdentity.keep(nullPp, emptyPp)).isSameAs(emptyPp);
        assertThat(RowIdentity.keep(pp, emptyPp)).isSameAs(pp);
    }

    @Test
    void thenGlobalJobId() {
        SlotGpuRow job1 = new SlotGpuRow("slot1_1@h", "GPU-1", "Claimed", "NVIDIA L40S", 46068L, "", null, "u@x",
                "submit#1.0#100", null, null);
        SlotGpuRow job2 = new SlotGpuRow("slot1_1@h", "GPU-1", "Claimed", "NVIDIA L40S", 46068L, "", null, "u@x",
                "submit#2.0#100", null, null);
        SlotGpuRow noJob = new SlotGpuRow("slot1_1@h", "GPU-1", "Claimed", "NVIDIA L40S", 46068L, "", null, "u@x",
                null, null, null);

        assertThat(RowIdentity.keep(job1, job2)).isSameAs(job2);
        assertThat(RowIdentity.keep(noJob, job1)).isSameAs(job1);
    }

    @Test
    void identityIsNameAndGpuIdWithinOneSnapshot() {
        SlotGpuRow row = SlotRows.row("slot1@h", "GPU-1", "Unclaimed", "", null, null);

        assertThat(RowIdentity.sameIdentity(row, SlotRows.row("slot1@h", "GPU-1", "Claimed", "p", "u@x", R)))
                .isTrue();
        assertThat(RowIdentity.sameIdentity(row, SlotRows.row("slot2@h", "GPU-1", "Unclaimed", "", null, null)))
                .isFalse();
        assertThat(RowIdentity.sameIdentity(row, SlotRows.row("slot1@h", "GPU-2", "Unclaimed", "", null, null)))
                .isFalse();
        assertThat(RowIdentity.sameIdentity(SlotRows.row("backfill2@h", null, "Unclaimed", "", null, null),
                SlotRows.row("backfill2@h", null, "Owner", "", null, null))).isTrue();
    }

    private static SlotGpuRow resolve(List<SlotGpuRow> arrivalOrder) {
        SlotGpuRow kept = arrivalOrder.get(0);
        for (SlotGpuRow next : arrivalOrder.subList(1, arrivalOrder.size())) {
            kept = RowIdentity.keep(kept, next);
        }
        return kept;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }
}
