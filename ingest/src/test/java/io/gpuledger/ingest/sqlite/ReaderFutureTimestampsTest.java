package io.gpuledger.ingest.sqlite;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot time after now + the skew is a bad value like any other (rules §1.5): the scan, the listing and the read
 * agree, fail-fast rejects the file before anything is emitted, and skip-bad-rows drops just that row. A row stamped
 * 2100 once passed validation and made the broker refuse a whole batch of good records.
 */
class ReaderFutureTimestampsTest {

    /** "Now" for these tests: the UTC wall clock reads 2026-12-07 12:00. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final TimestampBounds A_DAY_AHEAD = TimestampBounds.untilNowPlus(Duration.ofDays(1), NOW);

    @TempDir
    Path dir;

    private Path januaryWith(String badTimestamp) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("2025-01-10 10:00:02", "h1", "GPU-1").byColumn());
        rows.add(row("2025-01-10 10:00:02", "h2", "GPU-2").byColumn());
        rows.add(row(badTimestamp, "h1", "GPU-1").byColumn());
        rows.add(row("2025-01-10 10:05:01", "h2", "GPU-2").byColumn());
        return SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-01.db"), GpuStateColumns.ALL, rows);
    }

    @Test
    void aRowStampedInTheYear2100IsABadValueNamingFileRowidAndValue() {
        Path file = januaryWith("2100-01-10 10:00:02");

        try (MonthFileReader reader = SqliteMonthFile.open(file, ReadOptions.defaults().withBounds(A_DAY_AHEAD))) {
            FileCheck check = reader.check();

            assertThat(check.badRows()).isEqualTo(1);
            assertThat(check.problems()).containsExactly(new RowProblem(file, 3, "timestamp", "'2100-01-10 10:00:02'",
                    "in the future: after 2026-12-08 12:00:00 (now + --max-future-skew)"));
            assertThat(check.last()).as("the span of good rows").hasToString("2025-01-10T10:05:01");
        }
    }

    @Test
    void theDefaultBoundsRefuseTheYear2100Too() {
        Path file = januaryWith("2100-01-10 10:00:02");

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            assertThat(reader.check().problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.reason()).startsWith("in the future: after "));
        }
    }

    @Test
    void failFastRejectsTheFileBeforeSendingAnything() {
        Path file = januaryWith("2100-01-10 10:00:02");
        List<HostSnapshot> emitted = new ArrayList<>();

        try (MonthFileReader reader = SqliteMonthFile.open(file, ReadOptions.defaults().withBounds(A_DAY_AHEAD))) {
            assertThatThrownBy(() -> reader.forEach(emitted::add)).isInstanceOf(SnapshotFileException.class)
                    .hasMessageContaining("rowid 3, column timestamp, value '2100-01-10 10:00:02': in the future");
        }
        assertThat(emitted).isEmpty();
    }

    @Test
    void skipBadRowsDropsOnlyTheFutureRowAndListsIt() {
        Path file = januaryWith("2100-01-10 10:00:02");
        List<RowProblem> rejects = new ArrayList<>();
        List<HostSnapshot> emitted = new ArrayList<>();

        ReadOptions options = ReadOptions.defaults().withBounds(A_DAY_AHEAD).withSkipBadRows(rejects::add);
        try (MonthFileReader reader = SqliteMonthFile.open(file, options)) {
            reader.forEach(emitted::add);
        }

        assertThat(emitted).extracting(snapshot -> snapshot.machine() + " " + snapshot.timestamp())
                .containsExactlyInAnyOrder("h1 2025-01-10T10:00:02", "h2 2025-01-10T10:00:02",
                        "h2 2025-01-10T10:05:01");
        assertThat(rejects).extracting(RowProblem::rowid).containsExactly(3L);
    }

    @Test
    void aCollectorEastOfUtcWithinTheSkewIsFine() {
        // 14 hours ahead of the UTC clock, as a naive time of a UTC+14 collector reads
        Path file = januaryWith("2026-12-08 02:00:00");

        try (MonthFileReader reader = SqliteMonthFile.open(file, ReadOptions.defaults().withBounds(A_DAY_AHEAD))) {
            assertThat(reader.check().clean()).isTrue();
        }
    }
}
