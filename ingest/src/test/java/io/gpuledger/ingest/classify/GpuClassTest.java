package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** rules §0 (class ids) and 2.6 (display names, class order). */
class GpuClassTest {

    @ParameterizedTest(name = "{0}: id {1}, shown [{2}], backfill-user table [{3}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # class | JSON id                  | Real Slots, device tables, H200 table    | Backfill-user table
            PRO     | Priority-ResearcherOwned | Researcher-Owned Hardware                | -
            PCO     | Priority-CHTCOwned       | Researcher-Reserved Capacity             | -
            SHARED  | Shared                   | Open Capacity                            | -
            BRO     | Backfill-ResearcherOwned | Researcher-Owned Hardware (secondary)    | Researcher-Owned Hardware
            BCO     | Backfill-CHTCOwned       | Researcher-Reserved Capacity (secondary) | Researcher-Reserved Capacity
            BOC     | Backfill-OpenCapacity    | -                                        | -
            """)
    void idsAndDisplayNames(GpuClass gpuClass, String id, String displayName, String backfillTableName) {
        assertThat(gpuClass.id()).isEqualTo(id);
        assertThat(gpuClass.displayName()).isEqualTo(displayName);
        assertThat(gpuClass.backfillTableName()).isEqualTo(backfillTableName);
        assertThat(GpuClass.fromId(id)).isEqualTo(gpuClass);
    }

    @Test
    void classOrderIsProPcoSharedBroBcoThenBoc() {
        assertThat(GpuClass.values()).containsExactly(
                GpuClass.PRO, GpuClass.PCO, GpuClass.SHARED, GpuClass.BRO, GpuClass.BCO, GpuClass.BOC);
    }

    @Test
    void realAndBackfillClasses() {
        assertThat(Arrays.stream(GpuClass.values()).filter(GpuClass::isReal))
                .containsExactly(GpuClass.PRO, GpuClass.PCO, GpuClass.SHARED);
        assertThat(Arrays.stream(GpuClass.values()).filter(GpuClass::isBackfill))
                .containsExactly(GpuClass.BRO, GpuClass.BCO, GpuClass.BOC);
    }

    @ParameterizedTest
    @EnumSource(value = GpuClass.class, names = {"BRO", "BCO"})
    void secondaryDisplayNameIsThePlainNameWithSuffix(GpuClass backfill) {
        assertThat(backfill.displayName()).isEqualTo(backfill.backfillTableName() + " (secondary)");
    }

    @Test
    void unknownClassIdIsAnError() {
        assertThatThrownBy(() -> GpuClass.fromId("Backfill (Open Capacity)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Backfill (Open Capacity)");
    }

    @Test
    void legacyLabelsAndOrder() {
        assertThat(LegacyClass.values()).extracting(LegacyClass::label)
                .containsExactly("Priority", "Shared", "Backfill");
    }
}
