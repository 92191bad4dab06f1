package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorSettingsTest {

    @Test
    void defaultsAreTheDocumentedRun() {
        GeneratorSettings defaults = GeneratorSettings.defaults();

        assertThat(defaults.start()).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(defaults.days()).isEqualTo(61);
        assertThat(defaults.hosts()).isEqualTo(120);
        assertThat(defaults.intervalMinutes()).isEqualTo(5);
        assertThat(defaults.seed()).isEqualTo(42);
        assertThat(defaults.months()).containsExactly(YearMonth.of(2025, 10), YearMonth.of(2025, 11));
        assertThat(defaults.snapshotSlots()).isEqualTo(61 * 288);
    }

    @Test
    void monthsEndWithTheLastDay() {
        GeneratorSettings settings = GeneratorSettings.defaults().withStart(LocalDate.of(2025, 12, 31)).withDays(1);

        assertThat(settings.months()).containsExactly(YearMonth.of(2025, 12));
        assertThat(settings.withDays(2).months()).containsExactly(YearMonth.of(2025, 12), YearMonth.of(2026, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3661})
    void badDaysAreRefused(int days) {
        assertThatThrownBy(() -> GeneratorSettings.defaults().withDays(days).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--days")
                .hasMessageContaining(String.valueOf(days));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 5001})
    void badHostCountsAreRefused(int hosts) {
        assertThatThrownBy(() -> GeneratorSettings.defaults().withHosts(hosts).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--hosts");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 25, 45, 61, 120})
    void intervalsThatDoNotDivideAnHourAreRefused(int minutes) {
        assertThatThrownBy(() -> GeneratorSettings.defaults().withIntervalMinutes(minutes).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--interval-minutes")
                .hasMessageContaining("divide 60");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 15, 30, 60})
    void intervalsThatDivideAnHourAreAccepted(int minutes) {
        assertThat(GeneratorSettings.defaults().withIntervalMinutes(minutes).validate().intervalMinutes())
                .isEqualTo(minutes);
    }

    @Test
    void theGeneratorValidatesItsSettings() {
        assertThatThrownBy(() -> new SnapshotGenerator(GeneratorSettings.defaults().withHosts(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
