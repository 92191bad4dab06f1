package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.testdata.SlotRows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rules §2.9: the legacy 3-class sets. Each class column is a membership code: {@code A} = any-state set,
 * {@code C} = "claimed" set, {@code U} = "unclaimed" set, {@code -} = not in that set. Priority and Shared are judged
 * on the row as a representative, Backfill on the row as a raw row.
 */
class LegacyClassTest {

    @ParameterizedTest(name = "{0} {1} PP [{2}]: Priority {3}, Shared {4}, Backfill {5}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # Name          | State     | PP    | Priority | Shared | Backfill
            slot1_1@h       | Claimed   | ALab  | AC-      | ---    | ---
            slot1@h         | Unclaimed | ALab  | A-U      | ---    | ---
            slot1@h         | Unclaimed | NULL  | A-U      | ---    | ---
            slot1@h         | Unclaimed | '  '  | A-U      | ---    | ---
            slot1_1@h       | Claimed   | ''    | ---      | AC-    | ---
            slot1@h         | Unclaimed | ''    | ---      | A-U    | ---
            # Drained and Owner are in neither the claimed nor the unclaimed set
            slot1@h         | Drained   | ALab  | A--      | ---    | ---
            slot1@h         | Owner     | ''    | ---      | A--    | ---
            slot1@h         | Drained   | ''    | ---      | A--    | ---
            # interactive with "" PP is not Shared; with a PP it is Priority
            interactive1@h  | Unclaimed | ''    | ---      | ---    | ---
            interactive1@h  | Claimed   | ALab  | AC-      | ---    | ---
            # a backfill Claimed representative joins the unclaimed set judged by the backfill row's own PP
            backfill2_1@h   | Claimed   | ''    | ---      | --U    | AC-
            backfill2_1@h   | Claimed   | ALab  | --U      | ---    | AC-
            backfill2_1@h   | Claimed   | NULL  | --U      | ---    | AC-
            backfill2@h     | Unclaimed | ''    | ---      | ---    | A-U
            backfill2@h     | Unclaimed | ALab  | ---      | ---    | A-U
            backfill2@h     | Drained   | ''    | ---      | ---    | A--
            """)
    void membership(String name, String state, String pp, String priority, String shared, String backfill) {
        SlotGpuRow row = SlotRows.row(name, state, pp, null);

        assertThat(code(LegacyClass.PRIORITY, row)).isEqualTo(priority);
        assertThat(code(LegacyClass.SHARED, row)).isEqualTo(shared);
        assertThat(code(LegacyClass.BACKFILL, row)).isEqualTo(backfill);
    }

    private static String code(LegacyClass legacyClass, SlotGpuRow row) {
        return (legacyClass.anyState(row) ? "A" : "-")
                + (legacyClass.claimed(row) ? "C" : "-")
                + (legacyClass.unclaimed(row) ? "U" : "-");
    }
}
