package io.gpuledger.ingest.monthly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeRangeTest {

    private static LocalDateTime at(String iso) {
        return LocalDateTime.parse(iso);
    }

    @ParameterizedTest(name = "--from {0}")
    @CsvSource({
        "2025-10,                2025-10-01T00:00",
        "2025-10-03,             2025-10-03T00:00",
        "2025-10-03T10:00,       2025-10-03T10:00",
        "2025-10-03 10:00,       2025-10-03T10:00",
        "2025-10-03T10:00:30,    2025-10-03T10:00:30",
        "2025-10-03 10:00:30,    2025-10-03T10:00:30",
    })
    void fromStartsAtTheBeginningOfItsUnit(String flag, String expected) {
        assertThat(TimeRange.startOf("--from", flag)).isEqualTo(at(expected));
    }

    @ParameterizedTest(name = "--to {0}")
    @CsvSource({
        "2025-10,                2025-10-31T23:59:59.999999",
        "2024-02,                2024-02-29T23:59:59.999999",
        "2025-10-03,             2025-10-03T23:59:59.999999",
        "2025-12-31,             2025-12-31T23:59:59.999999",
        "2025-10-03T10:00,       2025-10-03T10:00:59.999999",
        "2025-10-03 23:59,       2025-10-03T23:59:59.999999",
        "2025-10-03T10:00:30,    2025-10-03T10:00:30.999999",
    })
    void toCoversItsWholeUnit(String flag, String expected) {
        assertThat(TimeRange.endOf("--to", flag)).isEqualTo(at(expected));
    }

    @Test
    void toAMinuteIsEverythingBeforeTheNextMinute() {
        TimeRange range = TimeRange.ofFlags(null, "2025-10-03T10:00");

        assertThat(range.contains(at("2025-10-03T10:00:59.999999"))).isTrue();
        assertThat(range.contains(at("2025-10-03T10:01:00"))).isFalse();
        assertThat(range.hasStart()).isFalse();
        assertThat(range.hasEnd()).isTrue();
    }

    @Test
    void bothEndsAreIncluded() {
        TimeRange range = new TimeRange(at("2025-10-01T10:00"), at("2025-10-01T11:00"));

        assertThat(range.contains(at("2025-10-01T10:00"))).isTrue();
        assertThat(range.contains(at("2025-10-01T11:00"))).isTrue();
        assertThat(range.contains(at("2025-10-01T09:59:59.999999"))).isFalse();
        assertThat(range.contains(at("2025-10-01T11:00:00.000001"))).isFalse();
    }

    @Test
    void monthsOfARange() {
        TimeRange range = TimeRange.ofFlags("2025-10-31T23:00", "2026-01");

        assertThat(range.firstMonth()).isEqualTo(YearMonth.of(2025, 10));
        assertThat(range.lastMonth()).isEqualTo(YearMonth.of(2026, 1));
    }

    @Test
    void noFlagsMeansEverything() {
        TimeRange range = TimeRange.ofFlags(null, null);

        assertThat(range).isEqualTo(TimeRange.ALL);
        assertThat(range.contains(at("0000-01-01T00:00"))).isTrue();
        assertThat(range.contains(at("9999-12-31T23:59:59.999999"))).isTrue();
    }

    @Test
    void sameUnitOnBothSidesIsThatWholeUnit() {
        TimeRange october = TimeRange.ofFlags("2025-10", "2025-10");

        assertThat(october.from()).isEqualTo(at("2025-10-01T00:00"));
        assertThat(october.to()).isEqualTo(at("2025-10-31T23:59:59.999999"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "2025", "2025-1", "2025-10-3", "25-10", "2025/10", "2025-10-03T10", "2025-10-03T1:00",
        "2025-10-03T10:00:00.5", "2025-10-03T10:00Z", "2025-10-03T10:00+02:00", " 2025-10", "2025-10 ",
        "2025-10-03  10:00", "october"})
    void malformedFlagsAreRejectedNamingTheFlag(String flag) {
        assertThatThrownBy(() -> TimeRange.ofFlags(flag, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--from '" + flag + "': expected YYYY-MM, YYYY-MM-DD");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"2025-13", "2025-00", "2025-02-29", "2025-04-31", "2025-10-03T24:00",
        "2025-10-03T10:60", "2025-10-03T10:00:60"})
    void impossibleDatesAreRejected(String flag) {
        assertThatThrownBy(() -> TimeRange.ofFlags(null, flag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--to '" + flag + "': impossible date or time");
    }

    @Test
    void fromAfterToIsRejected() {
        assertThatThrownBy(() -> TimeRange.ofFlags("2025-11", "2025-10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--from 2025-11 is after --to 2025-10");
        assertThat(TimeRange.ofFlags("2025-10-31T23:59", "2025-10-31T23:59").from())
                .isEqualTo(at("2025-10-31T23:59"));
    }
}
