package io.gpuledger.ingest.parquet;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.testdata.ParquetFixtures;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Parquet month is history like a SQLite month: the same rows give the same snapshots, the same rules judge them. */
class ParquetMonthFileTest {

    @TempDir
    Path dir;

    /** Two snapshots of two machines with the odd values the rules care about (NULL and "" PP, legacy ids, usage). */
    private static List<GpuStateRecord> october() {
        List<GpuStateRecord> rows = new ArrayList<>();
        for (String ts : List.of("2025-10-01 10:00:02.250000", "2025-10-01 10:05:01.500000")) {
            rows.add(row(ts, "alabgpu4000.chtc.wisc.edu", "slot1@alabgpu4000.chtc.wisc.edu", "GPU-aa01", "Unclaimed"));
            rows.add(new GpuStateRecord("slot1_1@alabgpu4000.chtc.wisc.edu", "GPU-aa02", "", "Claimed",
                    "NVIDIA L40S", 46068L, "ALab", 0.8125, "alabgpu4000.chtc.wisc.edu", "ann@wisc.edu",
                    "ap2001.chtc.wisc.edu#1234.0#1759312800", ts, null, 5242880L));
            rows.add(new GpuStateRecord("backfill1@gpu2000.chtc.wisc.edu", "GPU_bb01", "GPU_bb01", "Unclaimed",
                    "NVIDIA A100-SXM4-80GB", 81920L, "", null, "gpu2000.chtc.wisc.edu", null, null, ts,
                    "Startd draining", null));
        }
        return rows;
    }

    private static GpuStateRecord bad(String name, String state, String timestamp) {
        return new GpuStateRecord(name, "GPU-1", "", state, null, null, "", null, "h1", null, null, timestamp, null,
                null);
    }

    private static List<HostSnapshot> read(Path file, ReadOptions options) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        try (MonthFileReader reader = HistoryFiles.open(file, options)) {
            reader.forEach(snapshots::add);
        }
        return snapshots;
    }

    @Test
    void theSameRowsAsParquetAndAsSqliteGiveTheSameSnapshots() {
        Path sqlite = SqliteFixtures.write(dir.resolve("gpu_state_2025-10.db"), october());
        Path parquet = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), october());

        List<HostSnapshot> fromSqlite = read(sqlite, ReadOptions.defaults());
        List<HostSnapshot> fromParquet = read(parquet, ReadOptions.defaults());

        assertThat(fromParquet).hasSize(4).isEqualTo(fromSqlite);
        try (MonthFileReader reader = HistoryFiles.open(parquet)) {
            FileCheck check = reader.check();
            assertThat(check.rows()).isEqualTo(6);
            assertThat(check.clean()).isTrue();
            assertThat(check.first()).isEqualTo(LocalDateTime.parse("2025-10-01T10:00:02.25"));
            assertThat(check.rowsOutsideMonth()).isZero();
        }
    }

    @Test
    void anOlderGenerationWithoutTheLaterColumnsInAnotherOrderIsMatchedByName() {
        List<String> older = new ArrayList<>(GpuStateColumns.names());
        older.remove(GpuStateColumns.PREVENT_JOBS_REASON);
        older.remove(GpuStateColumns.DISK);
        Collections.reverse(older);
        Path parquet = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), october(), older);
        List<GpuStateRecord> withoutLaterColumns = october().stream().map(r -> new GpuStateRecord(r.name(),
                r.assignedGpus(), r.availableGpus(), r.state(), r.deviceName(), r.memoryMb(), r.prioritizedProjects(),
                r.gpusAverageUsage(), r.machine(), r.remoteOwner(), r.globalJobId(), r.timestamp(), null, null))
                .toList();
        Path sqlite = SqliteFixtures.write(dir.resolve("gpu_state_2025-10.db"), withoutLaterColumns);

        assertThat(read(parquet, ReadOptions.defaults())).isEqualTo(read(sqlite, ReadOptions.defaults()));
    }

    @Test
    void nanosecondTimestampsAsPandasWroteThemReadAsMicroseconds() {
        Path micro = ParquetFixtures.write(dir.resolve("micro.parquet"), october());
        Path nano = ParquetFixtures.bySql(dir.resolve("gpu_state_2025-10.parquet"), micro,
                "SELECT * REPLACE (CAST(\"timestamp\" AS TIMESTAMP_NS) AS \"timestamp\") FROM src");

        assertThat(read(nano, ReadOptions.defaults())).isEqualTo(read(micro, ReadOptions.defaults()));
    }

    @Test
    void rowsOutOfTimestampOrderComeOutInOrder() {
        List<GpuStateRecord> reversed = new ArrayList<>(october());
        Collections.reverse(reversed);
        Path parquet = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), reversed);

        List<HostSnapshot> snapshots = read(parquet, ReadOptions.defaults());

        assertThat(snapshots).extracting(HostSnapshot::timestamp).isSorted();
        assertThat(snapshots.stream().mapToInt(s -> s.rows().size()).sum()).isEqualTo(6);
    }

    @Test
    void aFileWithoutTimestampIsRejectedNamingTheColumn() {
        List<String> columns = new ArrayList<>(GpuStateColumns.names());
        columns.remove(GpuStateColumns.TIMESTAMP);
        Path parquet = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), october(), columns);

        assertThatThrownBy(() -> HistoryFiles.open(parquet)).isInstanceOf(SnapshotFileException.class)
                .hasMessage(parquet + ": missing required column timestamp");
    }

    @Test
    void aZonedTimestampIsRejected() {
        Path micro = ParquetFixtures.write(dir.resolve("micro.parquet"), october());
        Path zoned = ParquetFixtures.bySql(dir.resolve("gpu_state_2025-10.parquet"), micro,
                "SELECT * REPLACE (CAST(\"timestamp\" AS TIMESTAMPTZ) AS \"timestamp\") FROM src");

        assertThatThrownBy(() -> HistoryFiles.open(zoned)).isInstanceOf(SnapshotFileException.class)
                .hasMessageContaining("column timestamp is TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void aCorruptFileIsOneLineNamingIt() throws Exception {
        Path good = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), october());
        Path corrupt = SqliteFixtures.truncate(Files.copy(good, dir.resolve("gpu_state_2025-11.parquet")),
                (int) Files.size(good) / 2);
        Path notParquet = SqliteFixtures.textFile(dir.resolve("gpu_state_2025-12.parquet"), "not parquet at all");

        for (Path bad : List.of(corrupt, notParquet)) {
            assertThatThrownBy(() -> read(bad, ReadOptions.defaults())).isInstanceOf(SnapshotFileException.class)
                    .hasMessageStartingWith(bad + ": not a readable Parquet file: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void badValuesAreTheSameProblemsAsInTheSameSqliteMonth() {
        List<GpuStateRecord> rows = new ArrayList<>(october());
        rows.add(bad(null, "Unclaimed", "2025-10-01 10:05:01"));
        rows.add(bad("slot1@h1", "Running", "2025-10-01 10:05:01"));
        rows.add(bad("slot1@h1", "Unclaimed", "2100-01-10 10:00:02"));
        Path parquet = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), rows);
        Path sqlite = SqliteFixtures.write(dir.resolve("gpu_state_2025-10.db"), rows);

        // One "now" for both reads, so the future bound (and its wording) is the same.
        ReadOptions options = ReadOptions.defaults().withBounds(TimestampBounds.untilNowPlus(Duration.ofDays(1),
                Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC)));
        List<RowProblem> fromParquet;
        try (MonthFileReader reader = HistoryFiles.open(parquet, options)) {
            FileCheck check = reader.check();
            assertThat(check.badRows()).isEqualTo(3);
            fromParquet = check.problems();
            assertThatThrownBy(reader::next).isInstanceOf(SnapshotFileException.class)
                    .hasMessageContaining("rejected, 3 bad rows; first: rowid 7, column Name, value NULL");
        }
        List<RowProblem> fromSqlite;
        try (MonthFileReader reader = HistoryFiles.open(sqlite, options)) {
            fromSqlite = reader.check().problems();
        }
        assertThat(fromParquet).extracting(RowProblem::rowid, RowProblem::column, RowProblem::value,
                RowProblem::reason).isEqualTo(fromSqlite.stream()
                .map(p -> tuple(p.rowid(), p.column(), p.value(), p.reason())).toList());
    }

    @Test
    void skipBadRowsReadsTheGoodRowsAndSendsEveryProblemToTheRejects() {
        List<GpuStateRecord> rows = new ArrayList<>(october());
        rows.add(bad("slot1@h1", "Running", "2025-10-01 10:05:01"));
        Path parquet = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), rows);
        List<RowProblem> rejects = new ArrayList<>();

        List<HostSnapshot> snapshots = read(parquet, ReadOptions.defaults().withSkipBadRows(rejects::add));

        assertThat(snapshots.stream().mapToInt(s -> s.rows().size()).sum()).isEqualTo(6);
        assertThat(rejects).extracting(RowProblem::rowid, RowProblem::reason).containsExactly(tuple(7L,
                "unknown state"));
    }

    @Test
    void aResumePointSelectsAsForSqlite() {
        Path parquet = ParquetFixtures.write(dir.resolve("gpu_state_2025-10.parquet"), october());
        ReadOptions afterFirst = ReadOptions.defaults().withResumeAfter(LocalDateTime.parse("2025-10-01T10:00:02.25"));

        assertThat(read(parquet, afterFirst)).extracting(HostSnapshot::timestamp)
                .containsOnly(LocalDateTime.parse("2025-10-01T10:05:01.5"));
    }
}
