package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules §2.7: memory categories from {@code GPUs_GlobalMemoryMb}, {@code GB = MB / 1024.0}, first match wins. */
class MemoryCategoryTest {

    @ParameterizedTest(name = "{0} MB -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # MB       | category | why
            # the rules' examples
            NULL       | Unknown  | NULL
            0          | Unknown  | MB <= 0
            -1         | Unknown  | negative
            -46068     | Unknown  | negative
            16384      | <48GB    | P100: 16.0 GB
            40960      | <48GB    | 40.0 GB
            45000      | <48GB    | 43.9 GB
            46068      | 48GB     | L40S: 44.99 GB
            81559      | 80GB     | H100: 79.6 GB
            143771     | >80GB    | H200: 140.4 GB
            60000      | <48GB    | 58.6 GB: the otherwise line
            # the boundaries of each line
            1          | <48GB    | smallest positive
            45055      | <48GB    | 43.999 GB
            45056      | 48GB     | 44.0 GB exactly
            51200      | 48GB     | 50.0 GB exactly
            51201      | <48GB    | just over 50 GB
            76799      | <48GB    | just under 75 GB
            76800      | 80GB     | 75.0 GB exactly
            87040      | 80GB     | 85.0 GB exactly
            87041      | >80GB    | just over 85 GB
            """)
    void categoryTable(Long memoryMb, String label, String why) {
        assertThat(MemoryCategory.of(memoryMb).label()).as(why).isEqualTo(label);
    }

    @Test
    void displayOrder() {
        assertThat(MemoryCategory.values()).extracting(MemoryCategory::label)
                .containsExactly("<48GB", "48GB", "80GB", ">80GB", "Unknown");
    }

    @Test
    void categoriesCreatedOutOfOrderSortIntoDisplayOrder() {
        // rules §7.6 "Memory sort": categories created as 48GB, then <48GB are shown <48GB, 48GB
        List<MemoryCategory> created = new ArrayList<>(List.of(MemoryCategory.of(46068L), MemoryCategory.of(40960L)));
        Collections.sort(created);

        assertThat(created).extracting(MemoryCategory::label).containsExactly("<48GB", "48GB");
    }

    @Test
    void fromLabelRoundTripsAndRejectsUnknownLabels() {
        for (MemoryCategory category : MemoryCategory.values()) {
            assertThat(MemoryCategory.fromLabel(category.label())).isEqualTo(category);
        }
        assertThatThrownBy(() -> MemoryCategory.fromLabel("48 GB"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48 GB");
    }
}
