package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.testdata.SlotRows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules §2.1: the per-row predicates. {@code ''} is the empty string, NULL is SQL NULL. */
class SlotPredicatesTest {

    @ParameterizedTest(name = "Name {0}: backfill={1} primary={2} interactive={3}")
    @CsvSource(delimiter = '|', textBlock = """
            # Name                                  | backfill | primary | interactive
            slot1@gpu2003.chtc.wisc.edu             | false    | true    | false
            slot1_1@gpu2003.chtc.wisc.edu           | false    | true    | false
            backfill2@gpu2003.chtc.wisc.edu         | true     | false   | false
            backfill2_1@gpu2003.chtc.wisc.edu       | true     | false   | false
            # rules §1.3: kinds come from Name substrings only
            slot1_backfill@h                        | true     | false   | false
            backfill_slot@h                         | true     | false   | false
            # interactive slots are primary
            interactive1@gpulab2004.chtc.wisc.edu   | false    | true    | true
            # contains is case-sensitive
            Backfill2@h                             | false    | true    | false
            BACKFILL2@h                             | false    | true    | false
            Interactive1@h                          | false    | true    | false
            """)
    void slotKindComesFromNameSubstringsCaseSensitively(String name, boolean backfill, boolean primary,
            boolean interactive) {
        assertThat(SlotPredicates.backfill(name)).isEqualTo(backfill);
        assertThat(SlotPredicates.primary(name)).isEqualTo(primary);
        assertThat(SlotPredicates.interactive(name)).isEqualTo(interactive);
    }

    @ParameterizedTest(name = "PP [{0}]: ppPrio={1} ppShared={2} ppStrict={3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # PrioritizedProjects | ppPrio | ppShared | ppStrict
            # NULL counts as prioritized, but is neither shared nor strict
            NULL                  | true   | false    | false
            # only the empty string is shared
            ''                    | false  | true     | false
            # all-whitespace is prioritized and strict (never trimmed)
            ' '                   | true   | false    | true
            '   '                 | true   | false    | true
            ALab                  | true   | false    | true
            'project1,project2'   | true   | false    | true
            """)
    void prioritizedProjectsPredicates(String pp, boolean ppPrio, boolean ppShared, boolean ppStrict) {
        assertThat(SlotPredicates.ppPrio(pp)).isEqualTo(ppPrio);
        assertThat(SlotPredicates.ppShared(pp)).isEqualTo(ppShared);
        assertThat(SlotPredicates.ppStrict(pp)).isEqualTo(ppStrict);
    }

    @ParameterizedTest(name = "PreventJobsReason [{0}]: prevented={1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                  | false
            ''                    | false
            '   '                 | false
            '\t'                  | false
            GPUHealthy == False   | true
            ' x '                 | true
            """)
    void preventedMeansReasonNotBlank(String reason, boolean prevented) {
        assertThat(SlotPredicates.prevented(reason)).isEqualTo(prevented);
    }

    @ParameterizedTest(name = "id [{0}]: hasGpu={1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                  | false
            ''                    | false
            GPU-0667ce7c          | true
            # ids are opaque: whitespace is an id like any other (rules §1.4)
            ' '                   | true
            """)
    void hasGpuMeansIdNotNullAndNotEmpty(String gpuId, boolean hasGpu) {
        assertThat(SlotRows.row("slot1@h", gpuId, "Unclaimed", "", null, null).hasGpu()).isEqualTo(hasGpu);
    }

    @ParameterizedTest(name = "State {0}: claimed={1} unclaimed={2} drained={3}")
    @CsvSource(delimiter = '|', textBlock = """
            Claimed   | true  | false | false
            Unclaimed | false | true  | false
            Drained   | false | false | true
            Owner     | false | false | false
            Matched   | false | false | false
            # states are case-sensitive (rules §1.3)
            claimed   | false | false | false
            UNCLAIMED | false | false | false
            """)
    void statePredicatesAreCaseSensitive(String state, boolean claimed, boolean unclaimed, boolean drained) {
        var row = SlotRows.row("slot1@h", state, "", null);
        assertThat(SlotPredicates.claimed(row)).isEqualTo(claimed);
        assertThat(SlotPredicates.unclaimed(row)).isEqualTo(unclaimed);
        assertThat(SlotPredicates.drained(row)).isEqualTo(drained);
    }

    @ParameterizedTest(name = "Name {0}: backfill ignoring case = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            backfill2@h  | true
            Backfill2@h  | true
            BACKFILL2@h  | true
            slot1@h      | false
            """)
    void zeroActiveListTestsBackfillCaseInsensitively(String name, boolean backfill) {
        // rules §4.7 is the one place where backfill is matched case-insensitively
        assertThat(SlotPredicates.backfillIgnoringCase(name)).isEqualTo(backfill);
    }
}
