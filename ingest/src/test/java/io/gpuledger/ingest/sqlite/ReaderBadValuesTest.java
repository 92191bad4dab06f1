package io.gpuledger.ingest.sqlite;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static io.gpuledger.ingest.testdata.SqliteFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns.Column;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad values (rules §1.2, 1.3, 1.5): one line naming file, rowid, column, value and reason; the file emits nothing. */
class ReaderBadValuesTest {

    private static final String FORM = "not YYYY-MM-DD HH:MM:SS[.ffffff]";
    private static final String IMPOSSIBLE = "impossible date or time";
    private static final String BEFORE_2000 = "before 2000-01-01: not a time a collector wrote";

    @TempDir
    Path dir;

    /** One case: the bad value goes into rowid 3 of a file whose other rows are good. */
    record Case(String column, Object stored, String declaredType, String shownValue, String reason) {
        @Override
        public String toString() {
            return column + " = " + shownValue + (declaredType == null ? "" : " (declared " + declaredType + ")");
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                // timestamps
                new Case("timestamp", "2025-10-01T10:00:00", null, "'2025-10-01T10:00:00'", FORM),
                new Case("timestamp", "2025-10-01 10:00:00+00:00", null, "'2025-10-01 10:00:00+00:00'", FORM),
                new Case("timestamp", "2025-10-01 10:00:00Z", null, "'2025-10-01 10:00:00Z'", FORM),
                new Case("timestamp", "2025-10-01 10:00:00 CDT", null, "'2025-10-01 10:00:00 CDT'", FORM),
                new Case("timestamp", "2025-10-01 10:00:00.1234567", null, "'2025-10-01 10:00:00.1234567'", FORM),
                new Case("timestamp", "2025-10-01 10:00:00.", null, "'2025-10-01 10:00:00.'", FORM),
                new Case("timestamp", "2025-10-01 10:00", null, "'2025-10-01 10:00'", FORM),
                new Case("timestamp", "2025-10-01", null, "'2025-10-01'", FORM),
                new Case("timestamp", "2025-02-30 10:00:00", null, "'2025-02-30 10:00:00'", IMPOSSIBLE),
                new Case("timestamp", "2025-13-01 10:00:00", null, "'2025-13-01 10:00:00'", IMPOSSIBLE),
                new Case("timestamp", "2025-10-01 24:00:00", null, "'2025-10-01 24:00:00'", IMPOSSIBLE),
                new Case("timestamp", "2025-10-01 10:00:60", null, "'2025-10-01 10:00:60'", IMPOSSIBLE),
                // absurd times (rules §1.5): a zero date, a clock reset to the epoch
                new Case("timestamp", "1999-12-31 23:59:59", null, "'1999-12-31 23:59:59'", BEFORE_2000),
                new Case("timestamp", "1970-01-01 00:00:00", null, "'1970-01-01 00:00:00'", BEFORE_2000),
                new Case("timestamp", 1759312800L, null, "1759312800", "integer, not a timestamp text"),
                new Case("timestamp", 45931.5, null, "45931.5", "real, not a timestamp text"),
                new Case("timestamp", null, null, "NULL", "NULL timestamp"),
                new Case("timestamp", new byte[] {1, 2}, null, "X'0102'", "BLOB value"),
                // text in numeric columns
                new Case("GPUs_GlobalMemoryMb", "lots", null, "'lots'", "text in a numeric column"),
                new Case("GPUsAverageUsage", "high", null, "'high'", "text in a numeric column"),
                new Case("Disk", "big", null, "'big'", "text in a numeric column"),
                new Case("GPUs_GlobalMemoryMb", 46068.5, "REAL", "46068.5", "not a whole number of MiB"),
                new Case("GPUs_GlobalMemoryMb", 1e19, "REAL", "1.0e+19", "out of range for a whole number of MiB"),
                new Case("Disk", 0.5, "REAL", "0.5", "not a whole number of KiB"),
                // numbers in TEXT columns (only a column declared with a numeric type can store one)
                new Case("Name", 7L, "INTEGER", "7", "integer in a TEXT column"),
                new Case("AssignedGPUs", 1.5, "REAL", "1.5", "real in a TEXT column"),
                new Case("AvailableGPUs", 3L, "INTEGER", "3", "integer in a TEXT column"),
                new Case("State", 5L, "INTEGER", "5", "integer in a TEXT column"),
                new Case("Machine", 2003L, "NUMERIC", "2003", "integer in a TEXT column"),
                new Case("PrioritizedProjects", 0L, "INTEGER", "0", "integer in a TEXT column"),
                new Case("RemoteOwner", 1L, "INTEGER", "1", "integer in a TEXT column"),
                new Case("GlobalJobId", 12.25, "REAL", "12.25", "real in a TEXT column"),
                new Case("PreventJobsReason", 1L, "INTEGER", "1", "integer in a TEXT column"),
                new Case("GPUs_DeviceName", 100L, "INTEGER", "100", "integer in a TEXT column"),
                // BLOBs anywhere
                new Case("Name", new byte[] {(byte) 0xff}, null, "X'FF'", "BLOB value"),
                new Case("AvailableGPUs", new byte[] {0x41}, null, "X'41'", "BLOB value"),
                new Case("GPUs_GlobalMemoryMb", new byte[] {0}, null, "X'00'", "BLOB value"),
                new Case("GPUsAverageUsage", new byte[] {0}, null, "X'00'", "BLOB value"),
                new Case("Disk", new byte[] {0}, null, "X'00'", "BLOB value"),
                // states (case-sensitive, NULL is unknown)
                new Case("State", "Running", null, "'Running'", "unknown state"),
                new Case("State", "claimed", null, "'claimed'", "unknown state"),
                new Case("State", "Claimed ", null, "'Claimed '", "unknown state"),
                new Case("State", "claimed", "TEXT COLLATE NOCASE", "'claimed'", "unknown state"),
                new Case("State", null, null, "NULL", "unknown state (NULL)"),
                new Case("State", "Run\nning", null, "'Run\\nning'", "unknown state"),
                // required names
                new Case("Name", null, null, "NULL", "NULL, a value is required"),
                new Case("Name", "", null, "''", "empty, a value is required"),
                new Case("Machine", null, null, "NULL", "NULL, a value is required"),
                new Case("Machine", "", null, "''", "empty, a value is required"),
                new Case("Machine", "", "TEXT COLLATE RTRIM", "''", "empty, a value is required"))
                .map(Arguments::of);
    }

    private Path fileWithBadRow3(Case bad) {
        List<Column> schema = bad.declaredType() == null ? GpuStateColumns.ALL
                : SqliteFixtures.schemaWithType(bad.column(), bad.declaredType());
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("2025-10-01 10:00:00", "h1", "GPU-1").byColumn());
        rows.add(row("2025-10-01 10:00:00", "h2", "GPU-2").byColumn());
        rows.add(with(row("2025-10-01 10:05:00", "h1", "GPU-1"), bad.column(), bad.stored()));
        rows.add(row("2025-10-01 10:05:00", "h2", "GPU-2").byColumn());
        return SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"), schema, rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsOneProblemNamingFileRowidColumnValueAndReason(Case bad) {
        Path file = fileWithBadRow3(bad);

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            FileCheck check = reader.check();

            assertThat(check.rows()).isEqualTo(4);
            assertThat(check.badRows()).isEqualTo(1);
            assertThat(check.clean()).isFalse();
            assertThat(check.problems()).containsExactly(
                    new RowProblem(file, 3, bad.column(), bad.shownValue(), bad.reason()));
            assertThat(check.problems().get(0).message())
                    .isEqualTo(file + ": rowid 3, column " + bad.column() + ", value " + bad.shownValue() + ": "
                            + bad.reason())
                    .doesNotContain("\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void failFastRejectsTheWholeFileBeforeEmittingAnything(Case bad) {
        Path file = fileWithBadRow3(bad);
        List<HostSnapshot> emitted = new ArrayList<>();

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            assertThatThrownBy(() -> reader.forEach(emitted::add))
                    .isInstanceOf(SnapshotFileException.class)
                    .hasMessage(file + ": rejected, 1 bad row; first: rowid 3, column " + bad.column() + ", value "
                            + bad.shownValue() + ": " + bad.reason())
                    .satisfies(e -> assertThat(((SnapshotFileException) e).problems()).hasSize(1));
            assertThat(reader.progress().rowsEmitted()).isZero();
        }
        assertThat(emitted).isEmpty();
    }

    @Test
    void everyBadValueOfARowIsAProblemButTheRowCountsOnce() {
        Map<String, Object> values = with(row("2025-10-01 10:00:00", "h1", "GPU-1"), "State", "Running");
        values.put("timestamp", "2025-10-01T10:00:00");
        values.put("GPUs_GlobalMemoryMb", "lots");
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"), GpuStateColumns.ALL,
                List.of(row("2025-10-01 10:00:00", "h2", "GPU-2").byColumn(), values));

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            FileCheck check = reader.check();

            assertThat(check.badRows()).isEqualTo(1);
            assertThat(check.problems()).extracting(RowProblem::rowid, RowProblem::column, RowProblem::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(2L, "State", "unknown state"),
                            org.assertj.core.groups.Tuple.tuple(2L, "GPUs_GlobalMemoryMb", "text in a numeric column"),
                            org.assertj.core.groups.Tuple.tuple(2L, "timestamp", FORM));
        }
    }

    @Test
    void goodEdgeValuesAreAccepted() {
        List<Map<String, Object>> rows = List.of(
                // a whole REAL in the memory column, an INTEGER in the usage column
                with(row("2025-10-01 10:00:00", "h1", "GPU-1"), "GPUs_GlobalMemoryMb", 46068.0),
                with(row("2025-10-01 10:00:00", "h2", "GPU-2"), "GPUsAverageUsage", 1L),
                // whitespace-only names are not empty, NULL and '' ids and projects are fine
                with(row("2025-10-01 10:00:00", " ", "GPU-3"), "AssignedGPUs", null),
                with(row("2025-10-01 10:00:00", "h4", ""), "PrioritizedProjects", null),
                // leap day, last second of the day, 1 and 6 fraction digits, the first second of 2000
                row("2024-02-29 23:59:59", "h5", "GPU-5").byColumn(),
                row("2025-10-01 10:00:00.5", "h6", "GPU-6").byColumn(),
                row("2025-10-01 10:00:00.123456", "h7", "GPU-7").byColumn(),
                row("2000-01-01 00:00:00", "h8", "GPU-8").byColumn(),
                // every accepted state
                row("2025-10-01 10:00:00", "h9", "slot1@h9", "GPU-9", "Owner").byColumn(),
                row("2025-10-01 10:00:00", "h9", "slot2@h9", "GPU-9", "Matched").byColumn(),
                row("2025-10-01 10:00:00", "h9", "slot3@h9", "GPU-9", "Claimed").byColumn(),
                row("2025-10-01 10:00:00", "h9", "slot4@h9", "GPU-9", "Preempting").byColumn(),
                row("2025-10-01 10:00:00", "h9", "slot5@h9", "GPU-9", "Backfill").byColumn(),
                row("2025-10-01 10:00:00", "h9", "slot6@h9", "GPU-9", "Drained").byColumn(),
                row("2025-10-01 10:00:00", "h9", "slot7@h9", "GPU-9", "Delete").byColumn());
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"),
                SqliteFixtures.schemaWithType("GPUs_GlobalMemoryMb", "REAL"), rows);

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            FileCheck check = reader.check();

            assertThat(check.problems()).isEmpty();
            assertThat(check.badRows()).isZero();
            assertThat(check.rowsToEmit()).isEqualTo(rows.size());
            List<HostSnapshot> snapshots = new ArrayList<>();
            reader.forEach(snapshots::add);
            assertThat(snapshots.stream().mapToInt(s -> s.rows().size()).sum()).isEqualTo(rows.size());
            assertThat(snapshots).filteredOn(s -> s.machine().equals("h1"))
                    .singleElement().satisfies(s -> assertThat(s.rows().get(0).memoryMb()).isEqualTo(46068L));
            assertThat(snapshots).filteredOn(s -> s.machine().equals("h2"))
                    .singleElement().satisfies(s -> assertThat(s.rows().get(0).gpusAverageUsage()).isEqualTo(1.0));
        }
    }

    @Test
    void problemsListIsCappedByRowsButBadRowsAreAllCounted() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(with(row("2025-10-01 10:00:00", "h" + i, "GPU-1"), "State", "Bad" + i));
        }
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"), GpuStateColumns.ALL, rows);

        try (MonthFileReader reader = SqliteMonthFile.open(file, ReadOptions.defaults().withProblemLimit(5))) {
            FileCheck check = reader.check();

            assertThat(check.badRows()).isEqualTo(30);
            assertThat(check.problems()).extracting(RowProblem::rowid).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }
}
