package io.gpuledger.ingest.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet months read like SQLite months (ingest/README.md, "Parquet months"). */
class ParquetMonthsTest {

    private static final YearMonth OCTOBER = YearMonth.of(2025, 10);

    @TempDir
    static Path generated;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateOneMonthInBothFormats() throws Exception {
        SnapshotGenerator generator = new SnapshotGenerator(GeneratorSettings.small(20, 2, 7));
        generator.generate(generated.resolve("sqlite"), false, MonthFormat.SQLITE);
        generator.generate(generated.resolve("parquet"), false, MonthFormat.PARQUET);
    }

    private static List<HostSnapshot> read(Path file, ReadOptions options) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        try (MonthFileReader reader = HistoryFiles.open(file, options)) {
            reader.forEach(snapshots::add);
        }
        return snapshots;
    }

    private static List<HostSnapshot> read(Path file) {
        return read(file, ReadOptions.defaults());
    }

    @Test
    void theSameMonthAsSqliteAndAsParquetGivesTheSameSnapshots() {
        List<HostSnapshot> fromSqlite = read(generated.resolve("sqlite").resolve("gpu_state_2025-10.db"));
        List<HostSnapshot> fromParquet = read(generated.resolve("parquet").resolve("gpu_state_2025-10.parquet"));
        assertThat(fromSqlite).hasSizeGreaterThan(1000);
        assertThat(fromParquet).isEqualTo(fromSqlite);
    }

    @Test
    void aDirectoryOfSqliteMonthsThenParquetMonthsIsOneHistoryAndIgnoresTheCollectorsTemporaryFiles()
            throws Exception {
        write(dir.resolve("gpu_state_2026-04.db"), rowAt("2026-04-30 23:55:00"));
        parquet(dir.resolve("gpu_state_2026-05.parquet"), rowAt("2026-05-01 00:00:00"));
        Files.writeString(dir.resolve(".gpu_state_2026-06.parquet.tmp"), "half written");
        Files.writeString(dir.resolve("gpu_state_2026-06.parquet.tmp"), "half written");
        Files.writeString(dir.resolve(".gpu_state_2026-06.parquet"), "hidden");

        assertThat(MonthlyFiles.scan(dir)).extracting(f -> f.path().getFileName().toString())
                .containsExactly("gpu_state_2026-04.db", "gpu_state_2026-05.parquet");
    }

    @Test
    void aMonthInBothFormatsIsRefusedInOneLineUnlessAFormatIsPreferred() throws Exception {
        write(dir.resolve("gpu_state_2026-05.db"), rowAt("2026-05-01 00:00:00"));
        parquet(dir.resolve("gpu_state_2026-05.parquet"), rowAt("2026-05-01 00:00:00"));

        assertThatThrownBy(() -> MonthlyFiles.scan(dir)).isInstanceOf(SnapshotFileException.class)
                .hasMessageContaining("2026-05 is there twice").hasMessageContaining("--prefer")
                .hasMessageNotContaining("\n");
        assertThat(MonthlyFiles.scan(dir, MonthFormat.PARQUET)).extracting(f -> f.format())
                .containsExactly(MonthFormat.PARQUET);
        assertThat(MonthlyFiles.scan(dir, MonthFormat.SQLITE)).extracting(f -> f.format())
                .containsExactly(MonthFormat.SQLITE);
    }

    @Test
    void columnsAreMatchedByNameAndAnOldGenerationFileWithoutTheLaterColumnsReads() throws Exception {
        GpuStateRecord row = rowAt("2026-05-01 00:05:00");
        List<String> reordered = new ArrayList<>(GpuStateColumns.names());
        reordered.remove(GpuStateColumns.PREVENT_JOBS_REASON);
        reordered.remove(GpuStateColumns.DISK);
        java.util.Collections.reverse(reordered);
        Path old = dir.resolve("gpu_state_2026-05.parquet");
        try (ParquetMonthWriter writer = ParquetMonthWriter.replacing(old, reordered, TimeUnit.MICROS)) {
            writer.append(row);
            writer.commit();
        }
        Path sqlite = SqliteFixtures.writeValues(dir.resolve("gpu_state_2026-05.db"),
                SqliteFixtures.schemaWithout(GpuStateColumns.PREVENT_JOBS_REASON, GpuStateColumns.DISK),
                List.of(row.byColumn()));

        assertThat(read(old)).isEqualTo(read(sqlite)).hasSize(1);
        assertThat(read(old).get(0).rows().get(0).preventJobsReason()).isNull();
    }

    @Test
    void nanosecondTimestampsOfPandasFilesReadAsTheSameTimes() throws Exception {
        GpuStateRecord row = rowAt("2026-05-01 00:05:00.250000");
        Path nanos = dir.resolve("gpu_state_2026-05.parquet");
        try (ParquetMonthWriter writer = ParquetMonthWriter.replacing(nanos, GpuStateColumns.names(),
                TimeUnit.NANOS)) {
            writer.append(row);
            writer.commit();
        }
        assertThat(read(nanos)).extracting(HostSnapshot::timestamp)
                .containsExactly(LocalDateTime.of(2026, 5, 1, 0, 5, 0, 250_000_000));
    }

    @Test
    void aFileWithoutTimestampIsOneLineNamingFileAndColumn() throws Exception {
        List<String> columns = new ArrayList<>(GpuStateColumns.names());
        columns.remove(GpuStateColumns.TIMESTAMP);
        Path file = dir.resolve("gpu_state_2026-05.parquet");
        try (ParquetMonthWriter writer = ParquetMonthWriter.replacing(file, columns, TimeUnit.MICROS)) {
            writer.append(rowAt("2026-05-01 00:05:00"));
            writer.commit();
        }
        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("missing required column timestamp")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCorruptFileIsOneLineNamingIt() throws Exception {
        Path good = parquet(dir.resolve("gpu_state_2026-05.parquet"), rowAt("2026-05-01 00:05:00"));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("gpu_state_2026-06.parquet"),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path notParquet = Files.writeString(dir.resolve("gpu_state_2026-07.parquet"), "SQLite format 3");

        for (Path broken : List.of(truncated, notParquet)) {
            assertThatThrownBy(() -> read(broken)).isInstanceOf(SnapshotFileException.class)
                    .hasMessageContaining(broken.toString()).hasMessageContaining("not a readable Parquet file")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void badValuesAreRejectedNamingFileRowidColumnAndValueAndSkippedIntoTheRejects() {
        Path file = parquet(dir.resolve("gpu_state_2026-05.parquet"),
                rowAt("2026-05-01 00:05:00"),
                with(rowAt("2026-05-01 00:05:00"), GpuStateColumns.STATE, "Runing"),
                with(rowAt("2026-05-01 00:10:00"), GpuStateColumns.TIMESTAMP, "2100-01-01 00:00:00"));

        assertThatThrownBy(() -> read(file)).isInstanceOf(SnapshotFileException.class)
                .hasMessageContaining("rejected, 2 bad rows").hasMessageContaining("rowid 2, column State");

        List<RowProblem> rejects = new ArrayList<>();
        List<HostSnapshot> kept = read(file, ReadOptions.defaults().withSkipBadRows(rejects::add));
        assertThat(kept).hasSize(1);
        assertThat(rejects).extracting(RowProblem::message).containsExactly(
                file + ": rowid 2, column State, value 'Runing': unknown state",
                file + ": rowid 3, column timestamp, value '2100-01-01 00:00:00': "
                        + rejects.get(1).reason());
        assertThat(rejects.get(1).reason()).startsWith("in the future");
    }

    @Test
    void aFileReplacedWhileItIsReadIsReadWholeAsTheVersionThatWasOpened() {
        Path file = parquet(dir.resolve("gpu_state_2026-05.parquet"),
                rowAt("2026-05-01 00:05:00"), rowAt("2026-05-01 00:10:00"));
        List<HostSnapshot> snapshots = new ArrayList<>();
        try (MonthFileReader reader = HistoryFiles.open(file)) {
            FileCheck check = reader.check();
            // the collector renames a grown month over the file between our check and our read
            parquet(file, rowAt("2026-05-01 00:05:00"), rowAt("2026-05-01 00:10:00"), rowAt("2026-05-01 00:15:00"));
            reader.forEach(snapshots::add);
            assertThat(check.rows()).isEqualTo(2);
        }
        assertThat(snapshots).hasSize(2);
        assertThat(read(file)).hasSize(3);
    }

    @Test
    void aResumedReadOfAGrownMonthEmitsOnlyTheNewSnapshots() {
        Path file = parquet(dir.resolve("gpu_state_2026-05.parquet"),
                rowAt("2026-05-01 00:05:00"), rowAt("2026-05-01 00:10:00"), rowAt("2026-05-01 00:15:00"));
        List<HostSnapshot> tail = read(file,
                ReadOptions.defaults().withResumeAfter(LocalDateTime.of(2026, 5, 1, 0, 10)));
        assertThat(tail).extracting(HostSnapshot::timestamp).containsExactly(LocalDateTime.of(2026, 5, 1, 0, 15));
    }

    private static GpuStateRecord rowAt(String timestamp) {
        return SqliteFixtures.row(timestamp, "gpu-01.example.edu", "slot1_1@gpu-01.example.edu", "GPU-aaaa1111",
                "Claimed");
    }

    private static GpuStateRecord with(GpuStateRecord row, String column, Object value) {
        java.util.Map<String, Object> values = SqliteFixtures.with(row, column, value);
        return new GpuStateRecord(values.get(GpuStateColumns.NAME), values.get(GpuStateColumns.ASSIGNED_GPUS),
                values.get(GpuStateColumns.AVAILABLE_GPUS), values.get(GpuStateColumns.STATE),
                values.get(GpuStateColumns.DEVICE_NAME), values.get(GpuStateColumns.MEMORY_MB),
                values.get(GpuStateColumns.PRIORITIZED_PROJECTS), values.get(GpuStateColumns.AVERAGE_USAGE),
                values.get(GpuStateColumns.MACHINE), values.get(GpuStateColumns.REMOTE_OWNER),
                values.get(GpuStateColumns.GLOBAL_JOB_ID), values.get(GpuStateColumns.TIMESTAMP),
                values.get(GpuStateColumns.PREVENT_JOBS_REASON), values.get(GpuStateColumns.DISK));
    }

    private static Path write(Path file, GpuStateRecord... rows) {
        return SqliteFixtures.write(file, List.of(rows));
    }

    private static Path parquet(Path file, GpuStateRecord... rows) {
        return io.gpuledger.ingest.testdata.ParquetFixtures.write(file, List.of(rows));
    }
}
