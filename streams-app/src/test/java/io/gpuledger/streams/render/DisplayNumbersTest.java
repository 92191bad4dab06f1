package io.gpuledger.streams.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // rules §3.8 and 7.6 "Rounding": HALF_EVEN on the exact binary value.
            "0.25, 0.2",
            "0.35, 0.3",
            "43.75, 43.8",
            "0.05, 0.1",
            "49.99999999999999, 50.0",
            "100, 100.0",
            // More values whose decimal text is a tie but whose binary value is not.
            "0.15, 0.1",
            "2.5, 2.5",
            "0.45, 0.5",
            "33.33333333333333, 33.3",
            "66.66666666666667, 66.7",
            "0, 0.0",
    })
    void oneDecimalRoundsHalfEvenOnTheExactBinaryValue(double value, String shown) {
        assertThat(DisplayNumbers.oneDecimal(value)).isEqualTo(shown);
    }

    @Test
    void oneDecimalDiffersFromStringFormatWhereSpecSaysItMust() {
        // rules §3.8: String.format("%.1f") turns 0.25 into 0.3; we must not.
        assertThat(String.format(java.util.Locale.ROOT, "%.1f", 0.25)).isEqualTo("0.3");
        assertThat(DisplayNumbers.oneDecimal(0.25)).isEqualTo("0.2");
    }

    @ParameterizedTest(name = "{0} h -> {1}")
    @CsvSource({
            "2.675, 2.67",
            "0.16666666666666666, 0.17",
            "0.125, 0.12",
            "0.25, 0.25",
            "1, 1.00",
    })
    void drainingHoursUseTwoDecimals(double hours, String shown) {
        assertThat(DisplayNumbers.twoDecimals(hours)).isEqualTo(shown);
    }

    @Test
    void oneSixthOfAnHourComputedAsInDrainingShowsZeroPointSeventeen() {
        assertThat(DisplayNumbers.twoDecimals(600_000_000L / 3.6e9)).isEqualTo("0.17");
    }

    @Test
    void percentageIsTheRoundedNumberFollowedBySign() {
        assertThat(DisplayNumbers.percent(43.75)).isEqualTo("43.8%");
        assertThat(DisplayNumbers.percent(100)).isEqualTo("100.0%");
        assertThat(DisplayNumbers.percent(0)).isEqualTo("0.0%");
    }

    @ParameterizedTest(name = "prevented {0} -> {1}")
    @CsvSource({
            "0, \u2014",
            "0.049999, \u2014",
            "0.05, 0.1",
            "1.0, 1.0",
            "1.5, 1.5",
            "0.2, 0.2",
    })
    void preventedShowsEmDashBelowFiveHundredths(double value, String shown) {
        assertThat(DisplayNumbers.prevented(value)).isEqualTo(shown);
    }

    @Test
    void aRoundedNegativeZeroLosesItsSign() {
        assertThat(DisplayNumbers.oneDecimal(-0.04)).isEqualTo("0.0");
        assertThat(DisplayNumbers.oneDecimal(-0.06)).isEqualTo("-0.1");
    }

    @Test
    void timesAreTruncatedNeverRounded() {
        String stored = "2025-11-03 10:15:04.987654";
        assertThat(DisplayNumbers.seconds(stored)).isEqualTo("2025-11-03 10:15:04");
        assertThat(DisplayNumbers.minutes("2026-05-15 10:15:59.999999")).isEqualTo("2026-05-15 10:15");
        assertThat(DisplayNumbers.trendTime("2025-11-03 10:59:59")).isEqualTo("11-03 10:59");
        assertThat(DisplayNumbers.seconds("2025-11-03 10:15:04")).isEqualTo("2025-11-03 10:15:04");
        assertThat(DisplayNumbers.seconds(null)).isNull();
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({
            "0.4249, 0.42 seconds",
            "0.125, 0.12 seconds",
            "59.99, 59.99 seconds",
            "59.996, 1m 0.0s",
            "60, 1m 0.0s",
            "75.25, 1m 15.2s",
            "119.97, 2m 0.0s",
            "3725.5, 62m 5.5s",
    })
    void footerRuntimeSwitchesToMinutesAtSixtySeconds(double seconds, String shown) {
        assertThat(DisplayNumbers.runtime(seconds)).isEqualTo(shown);
    }
}
