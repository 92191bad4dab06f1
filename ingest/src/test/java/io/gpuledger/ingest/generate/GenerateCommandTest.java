package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.cli.IngestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code ingest generate} on the command line: exit codes, one-line errors, the printed mix. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = CliSupport.commandLine(new IngestCli());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void writesTheFilesAndPrintsTheMix() {
        int exit = run("generate", "--out", dir.toString(), "--days", "1", "--hosts", "8", "--seed", "3");

        assertThat(exit).isEqualTo(CliSupport.EXIT_OK);
        assertThat(dir.resolve("gpu_state_2025-10.db")).isRegularFile();
        assertThat(out.toString()).contains("gpu_state_2025-10.db", "Rows per State", "Unclaimed", "Claimed",
                "Rows per class of machine", "researcher", "CHTC-owned", "open capacity", "lab",
                "Rows per device", "NVIDIA", "rows/s");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void honoursStartAndIntervalOptions() {
        int exit = run("generate", "--out", dir.toString(), "--start", "2026-02-28", "--days", "2", "--hosts", "2",
                "--interval-minutes", "15");

        assertThat(exit).isEqualTo(CliSupport.EXIT_OK);
        assertThat(dir.resolve("gpu_state_2026-02.db")).isRegularFile();
        assertThat(dir.resolve("gpu_state_2026-03.db")).isRegularFile();
        assertThat(out.toString()).contains("every 15 min");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--days|0|--days",
        "--days|-3|--days",
        "--hosts|0|--hosts",
        "--interval-minutes|7|--interval-minutes",
        "--interval-minutes|0|--interval-minutes",
        "--days|abc|--days",
        "--start|2025-13-01|--start",
        "--clock-zone|Mars/Olympus|--clock-zone"})
    void badArgumentsExitTwoWithOneLine(String option, String value, String named) {
        int exit = run("generate", "--out", dir.toString(), option, value);

        assertThat(exit).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(err.toString()).startsWith("ingest generate: ").contains(named).hasLineCount(1);
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aMissingOutputDirectoryIsAUsageError() {
        assertThat(run("generate", "--days", "1")).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(err.toString()).contains("--out").hasLineCount(1);
    }

    @Test
    void anExistingFileIsRefusedUnlessForced() throws Exception {
        Path existing = dir.resolve("gpu_state_2025-10.db");
        Files.writeString(existing, "keep me");

        int refused = run("generate", "--out", dir.toString(), "--days", "1", "--hosts", "2");

        assertThat(refused).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(err.toString()).contains(existing.toString()).contains("--force").hasLineCount(1);
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        int forced = run("generate", "--out", dir.toString(), "--days", "1", "--hosts", "2", "--force");

        assertThat(forced).isEqualTo(CliSupport.EXIT_OK);
        assertThat(Files.size(existing)).isGreaterThan(10_000);
    }

    @Test
    void helpExitsZero() {
        assertThat(run("generate", "--help")).isEqualTo(CliSupport.EXIT_OK);
        assertThat(out.toString()).contains("--out", "--start", "--days", "--hosts", "--interval-minutes", "--seed",
                "--force");
    }
}
