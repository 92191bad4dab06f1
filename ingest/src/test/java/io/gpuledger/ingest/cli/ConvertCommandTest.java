package io.gpuledger.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ingest convert}: a SQLite month to Parquet and back holds the same snapshots; bad months are refused. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ingest(String... args) {
        CommandLine commandLine = CliSupport.commandLine(new IngestCli());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private static List<HostSnapshot> snapshots(Path file) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        try (MonthFileReader reader = HistoryFiles.open(file)) {
            reader.forEach(snapshots::add);
        }
        return snapshots;
    }

    @Test
    void aSqliteMonthConvertedToParquetAndBackValidatesCleanAndHoldsTheSameSnapshots() throws Exception {
        new SnapshotGenerator(GeneratorSettings.small(10, 1, 3)).generate(dir.resolve("db"));
        Path sqlite = dir.resolve("db").resolve("gpu_state_2025-10.db");

        assertThat(ingest("convert", "--to", "parquet", "--out", dir.resolve("pq").toString(), sqlite.toString()))
                .as(err.toString()).isZero();
        Path parquet = dir.resolve("pq").resolve("gpu_state_2025-10.parquet");
        assertThat(ingest("convert", "--to", "sqlite", "--out", dir.resolve("back").toString(), parquet.toString()))
                .as(err.toString()).isZero();
        Path back = dir.resolve("back").resolve("gpu_state_2025-10.db");

        assertThat(ingest("validate", parquet.toString(), back.toString())).as(out.toString()).isZero();
        List<HostSnapshot> original = snapshots(sqlite);
        assertThat(original).isNotEmpty();
        assertThat(snapshots(parquet)).isEqualTo(original);
        assertThat(snapshots(back)).isEqualTo(original);
        assertThat(out.toString()).contains("gpu_state_2025-10.parquet: OK");
    }

    @Test
    void aMonthWithBadRowsIsRefusedInOneLineAndNothingIsWritten() {
        Path bad = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"),
                io.gpuledger.ingest.monthly.GpuStateColumns.ALL,
                List.of(SqliteFixtures.with(SqliteFixtures.row("2025-10-01 10:00:00", "h1", "GPU-1"),
                        "State", "Runing")));

        assertThat(ingest("convert", "--to", "parquet", "--out", dir.resolve("pq").toString(), bad.toString()))
                .isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(err.toString().strip()).contains(bad.toString()).contains("1 bad row").doesNotContain("\n");
        assertThat(Files.exists(dir.resolve("pq").resolve("gpu_state_2025-10.parquet"))).isFalse();
    }
}
