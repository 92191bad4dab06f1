package io.gpuledger.ingest.history;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static io.gpuledger.ingest.testdata.SqliteFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.cli.IngestCli;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Generated months as SQLite and as Parquet hold the same snapshots, and converting either way changes none of them:
 * the format is how a month is stored, never what it says.
 */
class MonthConverterTest {

    @TempDir
    static Path shared;
    private static Path sqliteDir;
    private static Path parquetDir;
    private static final YearMonth OCTOBER = YearMonth.of(2025, 10);

    @TempDir
    Path work;

    @BeforeAll
    static void generateBothFormats() throws Exception {
        GeneratorSettings settings = GeneratorSettings.small(12, 3, 7).withStart(LocalDate.of(2025, 10, 30));
        sqliteDir = Files.createDirectories(shared.resolve("sqlite"));
        parquetDir = Files.createDirectories(shared.resolve("parquet"));
        new SnapshotGenerator(settings).generate(sqliteDir, false, MonthFormat.SQLITE);
        new SnapshotGenerator(settings).generate(parquetDir, false, MonthFormat.PARQUET);
    }

    private static List<HostSnapshot> snapshots(Path file) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        try (MonthFileReader reader = HistoryFiles.open(file)) {
            reader.forEach(snapshots::add);
        }
        return snapshots;
    }

    @Test
    void generateWritesTheSameMonthsInEitherFormat() {
        for (YearMonth month : List.of(OCTOBER, OCTOBER.plusMonths(1))) {
            List<HostSnapshot> fromSqlite = snapshots(sqliteDir.resolve(MonthFormat.SQLITE.fileName(month)));

            assertThat(fromSqlite).isNotEmpty();
            assertThat(snapshots(parquetDir.resolve(MonthFormat.PARQUET.fileName(month)))).isEqualTo(fromSqlite);
        }
    }

    @Test
    void sqliteToParquetAndBackChangesNoSnapshot() throws Exception {
        Path sqlite = sqliteDir.resolve(MonthFormat.SQLITE.fileName(OCTOBER));
        Path parquet = work.resolve(MonthFormat.PARQUET.fileName(OCTOBER));
        Path back = Files.createDirectories(work.resolve("back")).resolve(MonthFormat.SQLITE.fileName(OCTOBER));

        MonthConverter.Converted toParquet = MonthConverter.convert(sqlite, MonthFormat.PARQUET, parquet, false);
        MonthConverter.Converted toSqlite = MonthConverter.convert(parquet, MonthFormat.SQLITE, back, false);

        assertThat(toParquet.rows()).isPositive().isEqualTo(toSqlite.rows());
        assertThat(snapshots(parquet)).isEqualTo(snapshots(sqlite));
        assertThat(snapshots(back)).isEqualTo(snapshots(sqlite));
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void aMonthWithBadRowsIsNotConverted() {
        List<Map<String, Object>> rows = List.of(row("2025-10-01 10:00:00", "h1", "GPU-1").byColumn(),
                with(row("2025-10-01 10:00:00", "h2", "GPU-2"), "State", "Running"));
        Path bad = SqliteFixtures.writeValues(work.resolve("gpu_state_2025-10.db"), GpuStateColumns.ALL, rows);
        Path target = work.resolve("gpu_state_2025-10.parquet");

        assertThatThrownBy(() -> MonthConverter.convert(bad, MonthFormat.PARQUET, target, false))
                .isInstanceOf(SnapshotFileException.class)
                .hasMessage(bad + ": 1 bad row (see ingest validate): only a clean month is converted");
        assertThat(target).doesNotExist();
    }

    @Test
    void theCommandConvertsBesideTheFileAndRefusesToOverwrite() throws Exception {
        Path sqlite = Files.copy(sqliteDir.resolve(MonthFormat.SQLITE.fileName(OCTOBER)),
                work.resolve(MonthFormat.SQLITE.fileName(OCTOBER)));

        Run first = ingest("convert", "--to", "parquet", sqlite.toString());
        Run again = ingest("convert", "--to", "parquet", sqlite.toString());
        Run badFormat = ingest("convert", "--to", "csv", sqlite.toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains(sqlite + " -> " + work.resolve("gpu_state_2025-10.parquet") + ": ");
        assertThat(again.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(again.err().strip()).isEqualTo("ingest convert: " + work.resolve("gpu_state_2025-10.parquet")
                + " already exists (use --force to overwrite)");
        assertThat(badFormat.exit()).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(badFormat.err()).contains("--to must be sqlite or parquet, got 'csv'");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run ingest(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CliSupport.commandLine(new IngestCli());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
