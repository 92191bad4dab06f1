package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.testdata.SlotRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules §2.5: Real classes on representatives, backfill classes by machine ownership, the researcher set. */
class ClassRulesTest {

    @ParameterizedTest(name = "representative {0} PP [{1}] chtc={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # Name              | PP       | chtc  | Real class
            # PRO = primary ∧ ppPrio ∧ ¬chtc;  PCO = primary ∧ ppPrio ∧ chtc
            slot1@h             | ALab     | false | PRO
            slot1@h             | ALab     | true  | PCO
            slot1_1@h           | NULL     | false | PRO
            slot1_1@h           | NULL     | true  | PCO
            slot1@h             | '   '    | false | PRO
            interactive1@h      | ALab     | false | PRO
            interactive1@h      | NULL     | true  | PCO
            # Shared = primary ∧ ppShared ∧ ¬interactive; the CHTC list is ignored
            slot1@h             | ''       | false | SHARED
            slot1@h             | ''       | true  | SHARED
            # none: the representative is a backfill row, or is interactive with "" PP
            backfill2_1@h       | ALab     | false | none
            backfill2_1@h       | ''       | false | none
            backfill2@h         | NULL     | true  | none
            interactive1@h      | ''       | false | none
            interactive1@h      | ''       | true  | none
            """)
    void realClassOfARepresentative(String name, String pp, boolean chtc, String expected) {
        GpuClass expectedClass = expected.equals("none") ? null : GpuClass.valueOf(expected);

        assertThat(ClassRules.realClass(name, pp, chtc)).isEqualTo(expectedClass);
        assertThat(ClassRules.realClass(SlotRows.row(name, "Unclaimed", pp, null), chtc)).isEqualTo(expectedClass);
    }

    @ParameterizedTest(name = "chtc={0} researcher={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # chtc | Machine ∈ ResearcherMachines | backfill class
            true   | false                        | BCO
            true   | true                         | BCO
            false  | true                         | BRO
            false  | false                        | BOC
            """)
    void backfillClassOfARawBackfillRow(boolean chtc, boolean researcher, GpuClass expected) {
        assertThat(ClassRules.backfillClass(chtc, researcher)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} PP [{2}] id [{3}] -> qualifies={4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # Name          | State     | PP    | GPU id | puts its machine in ResearcherMachines
            # primary ∧ ppStrict, in any state, with or without a GPU
            slot1@h         | Unclaimed | ALab  | GPU-1  | true
            slot1@h         | Drained   | ALab  | GPU-1  | true
            slot1_1@h       | Claimed   | ALab  | GPU-1  | true
            slot1@h         | Owner     | ALab  | ''     | true
            slot1@h         | Unclaimed | ALab  | NULL   | true
            interactive1@h  | Unclaimed | ALab  | GPU-1  | true
            slot1@h         | Unclaimed | '  '  | GPU-1  | true
            # NULL and "" PP do not qualify
            slot1@h         | Unclaimed | NULL  | GPU-1  | false
            slot1@h         | Unclaimed | ''    | GPU-1  | false
            # a backfill row's own PP never matters
            backfill2@h     | Unclaimed | ALab  | GPU-1  | false
            backfill2_1@h   | Claimed   | ALab  | GPU-1  | false
            """)
    void researcherMachineQualifyingRow(String name, String state, String pp, String gpuId, boolean qualifies) {
        assertThat(ClassRules.qualifiesResearcherMachine(SlotRows.row(name, gpuId, state, pp, null, null)))
                .isEqualTo(qualifies);
    }

    @Test
    void machineWithOnlyNullPpPrimaryRowsHasPrimaryGpusInProButBackfillInBoc() {
        // rules §2.5: "A machine whose primary rows carry only NULL PP is not a researcher machine"
        var primary = SlotRows.row("slot1@x", "Unclaimed", null, null);
        var backfill = SlotRows.row("backfill2@x", "Unclaimed", "", null);
        boolean researcher = ClassRules.qualifiesResearcherMachine(primary)
                || ClassRules.qualifiesResearcherMachine(backfill);

        assertThat(ClassRules.realClass(primary, false)).isEqualTo(GpuClass.PRO);
        assertThat(researcher).isFalse();
        assertThat(ClassRules.backfillClass(false, researcher)).isEqualTo(GpuClass.BOC);
    }

    @Test
    void chtcListedMachineWithEmptyPpIsSharedWithBackfillInBco() {
        var primary = SlotRows.row("slot1@cxiaogpu4000.chtc.wisc.edu", "Unclaimed", "", null);
        boolean chtc = ChtcOwnedList.shippedDefault().contains("cxiaogpu4000.chtc.wisc.edu");

        assertThat(chtc).isTrue();
        assertThat(ClassRules.realClass(primary, chtc)).isEqualTo(GpuClass.SHARED);
        assertThat(ClassRules.backfillClass(chtc, false)).isEqualTo(GpuClass.BCO);
    }
}
