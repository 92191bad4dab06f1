package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.testdata.SlotRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules §2.4: the dedup rank table, its tie-break and the two facts stated under it. */
class DedupRankTest {

    private static final String R = "GPUHealthy == False";

    @ParameterizedTest(name = "{0} {1} reason [{2}] -> rank {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # Name            | State      | PreventJobsReason   | rank
            # 6: primary, Claimed (prevented or not)
            slot1_1@h         | Claimed    | NULL                | 6
            slot1_1@h         | Claimed    | GPUHealthy == False | 6
            interactive1@h    | Claimed    | NULL                | 6
            # 5: primary, Unclaimed, not prevented (a blank reason is not prevented)
            slot1@h           | Unclaimed  | NULL                | 5
            slot1@h           | Unclaimed  | '   '               | 5
            # 4: primary, any other state, not prevented
            slot1@h           | Drained    | NULL                | 4
            slot1@h           | Owner      | NULL                | 4
            slot1@h           | Matched    | NULL                | 4
            slot1@h           | Preempting | NULL                | 4
            slot1@h           | Backfill   | NULL                | 4
            slot1@h           | Delete     | NULL                | 4
            # 3: backfill, Claimed (a reason does not matter on backfill rows)
            backfill2_1@h     | Claimed    | NULL                | 3
            backfill2_1@h     | Claimed    | GPUHealthy == False | 3
            # 2: primary, not Claimed, prevented ("prevented-idle")
            slot1@h           | Unclaimed  | GPUHealthy == False | 2
            slot1@h           | Drained    | GPUHealthy == False | 2
            slot1@h           | Owner      | GPUHealthy == False | 2
            # 1: backfill, Unclaimed
            backfill2@h       | Unclaimed  | NULL                | 1
            backfill2@h       | Unclaimed  | GPUHealthy == False | 1
            # 0: backfill, any other state
            backfill2@h       | Drained    | NULL                | 0
            backfill2@h       | Owner      | GPUHealthy == False | 0
            slot1_backfill@h  | Matched    | NULL                | 0
            """)
    void rankTable(String name, String state, String reason, int rank) {
        assertThat(DedupRank.rank(SlotRows.row(name, state, "", reason))).isEqualTo(rank);
    }

    @Test
    void namedRanksAreTheTableNumbers() {
        assertThat(List.of(DedupRank.PRIMARY_CLAIMED, DedupRank.PRIMARY_UNCLAIMED, DedupRank.PRIMARY_OTHER,
                DedupRank.BACKFILL_CLAIMED, DedupRank.PRIMARY_PREVENTED_IDLE, DedupRank.BACKFILL_UNCLAIMED,
                DedupRank.BACKFILL_OTHER)).containsExactly(6, 5, 4, 3, 2, 1, 0);
    }

    @Test
    void representativeIsTheHighestRankWhateverTheInputOrder() {
        List<SlotGpuRow> oneOfEachRank = List.of(
                SlotRows.row("backfill2@h", "Drained", "", null),
                SlotRows.row("backfill2@h", "Unclaimed", "", null),
                SlotRows.row("slot1@h", "Unclaimed", "", R),
                SlotRows.row("backfill2_1@h", "Claimed", "", null),
                SlotRows.row("slot1@h", "Drained", "", null),
                SlotRows.row("slot1@h", "Unclaimed", "", null),
                SlotRows.row("slot1_1@h", "Claimed", "", null));
        Random shuffler = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<SlotGpuRow> shuffled = new ArrayList<>(oneOfEachRank);
            Collections.shuffle(shuffled, shuffler);
            shuffled.sort(DedupRank.BEST_FIRST);
            assertThat(shuffled).extracting(DedupRank::rank).containsExactly(6, 5, 4, 3, 2, 1, 0);
        }
    }

    @Test
    void tieGoesToTheLexicographicallySmallestName() {
        SlotGpuRow slot1 = SlotRows.row("slot1@h", "Unclaimed", "", null);
        SlotGpuRow slot2 = SlotRows.row("slot2@h", "Unclaimed", "p", null);

        assertThat(DedupRank.beats(slot1, slot2)).isTrue();
        assertThat(DedupRank.beats(slot2, slot1)).isFalse();
        assertThat(best(slot2, slot1)).isSameAs(slot1);
        assertThat(best(slot1, slot2)).isSameAs(slot1);
    }

    @Test
    void nameTieBreakIsOrdinalStringOrder() {
        // ordinal: "slot10" < "slot2" and upper case sorts before lower case
        SlotGpuRow slot10 = SlotRows.row("slot10@h", "Unclaimed", "", null);
        SlotGpuRow slot2 = SlotRows.row("slot2@h", "Unclaimed", "", null);
        SlotGpuRow upper = SlotRows.row("Slot9@h", "Unclaimed", "", null);

        assertThat(best(slot2, slot10)).isSameAs(slot10);
        assertThat(best(slot10, upper)).isSameAs(upper);
    }

    @Test
    void aRowDoesNotBeatItself() {
        SlotGpuRow row = SlotRows.row("slot1@h", "Unclaimed", "", null);
        assertThat(DedupRank.beats(row, row)).isFalse();
    }

    @Test
    void gpuRunningABackfillJobIsRepresentedByItsPrimaryUnclaimedRow() {
        // "A GPU running a backfill job is represented by its primary Unclaimed row (5 > 3)"
        SlotGpuRow primaryIdle = SlotRows.row("slot1@h", "Unclaimed", "ALab", null);
        SlotGpuRow backfillJob = SlotRows.row("backfill2_1@h", "Claimed", "", null);

        assertThat(best(backfillJob, primaryIdle)).isSameAs(primaryIdle);
        assertThat(ClassRules.realClass(best(backfillJob, primaryIdle), false)).isEqualTo(GpuClass.PRO);
    }

    @Test
    void preventedIdlePrimaryLosesToBackfillClaimedAndBeatsBackfillUnclaimed() {
        SlotGpuRow preventedIdle = SlotRows.row("slot1@h", "Unclaimed", "ALab", R);
        SlotGpuRow backfillJob = SlotRows.row("backfill2_1@h", "Claimed", "", null);
        SlotGpuRow backfillIdle = SlotRows.row("backfill2@h", "Unclaimed", "", null);

        assertThat(best(preventedIdle, backfillJob)).isSameAs(backfillJob);
        assertThat(best(preventedIdle, backfillIdle)).isSameAs(preventedIdle);
    }

    private static SlotGpuRow best(SlotGpuRow... rows) {
        SlotGpuRow best = rows[0];
        for (SlotGpuRow row : rows) {
            if (DedupRank.beats(row, best)) {
                best = row;
            }
        }
        return best;
    }
}
