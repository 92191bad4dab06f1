package io.gpuledger.streams.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The schedule on a controlled clock: which firing is due, in the collector's zone, across restarts and downtime. */
class ReportScheduleTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static Clock at(String localTime) {
        return Clock.fixed(LocalDateTime.parse(localTime).atZone(CHICAGO).toInstant(), CHICAGO);
    }

    @Test
    void theDailyReportFallsDueAtSixLocalTimeNotBefore() {
        ReportSchedule daily = ReportSchedule.defaults(ReportKind.DAILY, CHICAGO);
        InMemorySendLedger ledger = new InMemorySendLedger();
        ledger.claim(ReportKind.DAILY, LocalDateTime.parse("2025-11-02T06:00").atZone(CHICAGO).toInstant());

        assertThat(daily.due(at("2025-11-03T05:59"), ledger)).isEmpty();
        assertThat(daily.due(at("2025-11-03T06:00"), ledger))
                .contains(LocalDateTime.parse("2025-11-03T06:00").atZone(CHICAGO));
    }

    @Test
    void aSentFiringIsNotDueAgainAfterARestart() {
        ReportSchedule weekly = ReportSchedule.defaults(ReportKind.WEEKLY, CHICAGO);
        InMemorySendLedger ledger = new InMemorySendLedger();
        Clock mondayMorning = at("2025-11-03T06:05");
        ZonedDateTime firing = weekly.due(mondayMorning, ledger).orElseThrow();

        assertThat(ledger.claim(ReportKind.WEEKLY, firing.toInstant())).isTrue();

        assertThat(weekly.due(at("2025-11-03T09:00"), ledger)).isEmpty();
        assertThat(ledger.claim(ReportKind.WEEKLY, firing.toInstant())).as("a second sender is refused").isFalse();
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedFiringIsDue() {
        ReportSchedule daily = ReportSchedule.defaults(ReportKind.DAILY, CHICAGO);
        InMemorySendLedger ledger = new InMemorySendLedger();
        ledger.claim(ReportKind.DAILY, LocalDateTime.parse("2025-11-01T06:00").atZone(CHICAGO).toInstant());

        // Down from the 1st at 07:00 until the 4th at 10:00: the 2nd, 3rd and 4th fell due; the 4th is sent.
        assertThat(daily.due(at("2025-11-04T10:00"), ledger))
                .contains(LocalDateTime.parse("2025-11-04T06:00").atZone(CHICAGO));
    }

    @Test
    void weeklyFiresOnMondaysAndMonthlyOnTheFirstReportingThePreviousMonth() {
        ZonedDateTime weekly = ReportSchedule.defaults(ReportKind.WEEKLY, CHICAGO).latestFiring(at("2025-11-06T12:00"));
        ZonedDateTime monthly = ReportSchedule.defaults(ReportKind.MONTHLY, CHICAGO)
                .latestFiring(at("2025-11-20T12:00"));

        assertThat(weekly.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2025-11-03T06:00"));
        assertThat(monthly.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2025-11-01T06:00"));
        assertThat(ReportKind.reportedMonth(monthly)).isEqualTo(YearMonth.of(2025, 10));
    }

    @Test
    void cronListsRangesAndBothDayFields() {
        CronExpression weekdaysTwiceADay = CronExpression.parse("30 6,18 * * 1-5");
        CronExpression firstOrSunday = CronExpression.parse("0 0 1 * 0");

        assertThat(weekdaysTwiceADay.latestAtOrBefore(LocalDateTime.parse("2025-11-09T12:00")))
                .as("Sunday noon: the last firing was Friday evening").isEqualTo(LocalDateTime.parse("2025-11-07T18:30"));
        assertThat(firstOrSunday.latestAtOrBefore(LocalDateTime.parse("2025-11-05T00:00")))
                .as("either day field fires when both are restricted").isEqualTo(LocalDateTime.parse("2025-11-02T00:00"));
    }

    @Test
    void aBadFieldIsNamed() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *"))
                .hasMessage("cron expression '0 25 * * *': hour field '25' must be *, 0-23, a range a-b or a list");
        assertThatThrownBy(() -> CronExpression.parse("0 6 * *")).hasMessageContaining("needs 5 fields");
    }
}
