package io.gpuledger.streams.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.testdata.SpecExamples;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailSubjectTest {

    /** A send date unlike any data date, since rules §6.1 says the subject carries the sending host's date. */
    private static final LocalDate SENT = LocalDate.of(2026, 1, 2);

    @ParameterizedTest(name = "{0} h -> {1}")
    @CsvSource({"1, 1h", "24, 24h", "36, 36h", "48, 2d", "168, 1w", "336, 2w", "720, 30d", "8760, 365d",
            "25, 25h", "192, 8d", "8784, 366d"})
    void periodFollowsSpecRules(long hours, String period) {
        assertThat(EmailSubject.period(hours)).isEqualTo(period);
    }

    @Test
    void specExampleSubjectFromItsParts() {
        assertThat(EmailSubject.of(EmailSubject.DEFAULT_PREFIX, LocalDate.of(2025, 11, 3), "1h",
                List.of(37.5, 25.0, 50.0, 25.0)))
                .isEqualTo("CHTC GPU Allocation 2025-11-03 1h (37.5% | 25.0% | 50.0% | 25.0%)");
    }

    @Test
    void exampleASubjectUsesTheSendDateAndTheEngineParts() {
        assertThat(EmailSubject.allocation(EmailSubject.DEFAULT_PREFIX, SENT,
                ExampleReports.allocation(SpecExamples.exampleA())))
                .isEqualTo("CHTC GPU Allocation 2026-01-02 1h (37.5% | 25.0% | 50.0% | 25.0%)");
    }

    @Test
    void exampleBSubjectHasOnlyTheOpenCapacityPart() {
        assertThat(EmailSubject.allocation(EmailSubject.DEFAULT_PREFIX, SENT,
                ExampleReports.allocation(SpecExamples.exampleB())))
                .isEqualTo("CHTC GPU Allocation 2026-01-02 1h (33.3%)");
    }

    @Test
    void exampleCSubjectShiftsSharedToSecondPlaceWithoutPco() {
        assertThat(EmailSubject.allocation(EmailSubject.DEFAULT_PREFIX, SENT,
                ExampleReports.allocation(SpecExamples.exampleC())))
                .isEqualTo("CHTC GPU Allocation 2026-01-02 1h (33.3% | 50.0% | 50.0%)");
    }

    @Test
    void exampleDSubjectWithAndWithoutAllDevices() {
        assertThat(EmailSubject.allocation(EmailSubject.DEFAULT_PREFIX, SENT, ExampleReports.allocation(
                SpecExamples.exampleD(), SpecExamples.exampleDAllDevicesQuery())))
                .isEqualTo("CHTC GPU Allocation 2026-01-02 1h (50.0% | 100.0% | 0.0% | 50.0%)");
        assertThat(EmailSubject.allocation(EmailSubject.DEFAULT_PREFIX, SENT,
                ExampleReports.allocation(SpecExamples.exampleD())))
                .isEqualTo("CHTC GPU Allocation 2026-01-02 1h (50.0% | 100.0% | 50.0%)");
    }

    @Test
    void monthlySubjectUsesTheMonthLabelAndNoPercentages() {
        var example = SpecExamples.exampleD();
        assertThat(EmailSubject.monthly(EmailSubject.DEFAULT_PREFIX, LocalDate.of(2026, 6, 1),
                ExampleReports.monthly(example, example.query(), YearMonth.of(2026, 5))))
                .isEqualTo("CHTC GPU Allocation 2026-06-01 May 2026");
    }

    @Test
    void timeSeriesSubjectHasThePeriodOnly() {
        assertThat(EmailSubject.timeSeries("GPU trend", SENT,
                ExampleReports.timeSeries(SpecExamples.exampleA(), 15)))
                .isEqualTo("GPU trend 2026-01-02 1h");
    }

    @Test
    void configuredPrefixReplacesTheDefaultAndABlankOneFallsBackToIt() {
        assertThat(EmailSubject.of("Pool GPUs", SENT, "24h", List.of(12.25)))
                .isEqualTo("Pool GPUs 2026-01-02 24h (12.2%)");
        assertThat(EmailSubject.of("  ", SENT, "24h", List.of()))
                .isEqualTo("CHTC GPU Allocation 2026-01-02 24h");
    }
}
