package io.gpuledger.streams.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** "Last month" on the page: the newest month the history holds completely. */
class NewestCompleteMonthTest {

    @Test
    void dataEndingAtTheLastCollectorRunOfOctoberGivesOctober() {
        assertThat(ReportEngine.newestCompleteMonth(SnapshotTime.parse("2025-10-31 23:55:00")))
                .isEqualTo(YearMonth.of(2025, 10));
    }

    @Test
    void dataEndingMidMonthGivesTheMonthBefore() {
        assertThat(ReportEngine.newestCompleteMonth(SnapshotTime.parse("2025-11-03 10:15:04")))
                .isEqualTo(YearMonth.of(2025, 10));
        assertThat(ReportEngine.newestCompleteMonth(SnapshotTime.parse("2025-10-31 22:00:00")))
                .isEqualTo(YearMonth.of(2025, 9));
    }

    @Test
    void januaryIncompleteGivesDecemberOfTheYearBefore() {
        assertThat(ReportEngine.newestCompleteMonth(SnapshotTime.parse("2026-01-15 00:00:00")))
                .isEqualTo(YearMonth.of(2025, 12));
    }
}
