package io.gpuledger.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** rules §1.3: the accepted states, case-sensitive; anything else (NULL included) is bad input. */
class SlotStateTest {

    @ParameterizedTest
    @ValueSource(strings = {"Owner", "Unclaimed", "Matched", "Claimed", "Preempting", "Backfill", "Drained", "Delete"})
    void acceptedStates(String state) {
        assertThat(SlotState.isAccepted(state)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"claimed", "UNCLAIMED", "Claimed ", "Idle", "Busy"})
    void otherValuesAreRejected(String state) {
        assertThat(SlotState.isAccepted(state)).isFalse();
    }
}
