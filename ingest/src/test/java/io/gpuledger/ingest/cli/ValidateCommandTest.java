package io.gpuledger.ingest.cli;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static io.gpuledger.ingest.testdata.SqliteFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int validate(String... args) {
        CommandLine commandLine = CliSupport.commandLine(new IngestCli());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "validate";
        System.arraycopy(args, 0, full, 1, args.length);
        return commandLine.execute(full);
    }

    private Path cleanFile() {
        List<GpuStateRecord> rows = new ArrayList<>();
        for (int minute = 0; minute < 30; minute += 5) {
            String ts = String.format("2025-10-01 10:%02d:00.250000", minute);
            rows.add(row(ts, "h1.wisc.edu", "slot1@h1.wisc.edu", "GPU-1", "Unclaimed"));
            rows.add(row(ts, "h1.wisc.edu", "slot1_1@h1.wisc.edu", "GPU-1", "Claimed"));
            rows.add(row(ts, "h1.wisc.edu", "backfill2@h1.wisc.edu", "GPU_2", "Unclaimed"));
            rows.add(row(ts, "h2.wisc.edu", "slot1@h2.wisc.edu", "GPU-2", "Unclaimed"));
        }
        return SqliteFixtures.write(dir.resolve("gpu_state_2025-10.db"), rows);
    }

    private Path fileWithBadRows(String name, int badRows) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("2025-11-01 10:00:00", "h1", "GPU-1").byColumn());
        for (int i = 0; i < badRows; i++) {
            rows.add(with(row("2025-11-01 10:00:00", "h" + i, "GPU-1"), "State", "Running"));
        }
        rows.add(with(row("2025-11-01 10:05:00", "h1", "GPU-1"), "timestamp", "2025-11-01T10:05:00"));
        return SqliteFixtures.writeValues(dir.resolve(name), GpuStateColumns.ALL, rows);
    }

    @Test
    void aCleanFilePrintsWhatItHoldsAndExitsZero() {
        Path file = cleanFile();

        int exit = validate(file.toString());

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(file + ": OK");
        // backfill2's GPU_2 is normalised to GPU-2 of machine h1: three GPU keys in all
        assertThat(lines.get(1)).isEqualTo("  rows 24 (24 good), machine-snapshots 12, machines 2, GPUs 3");
        assertThat(lines.get(2)).isEqualTo("  timestamps 2025-10-01 10:00:00.250000 .. 2025-10-01 10:25:00.250000");
        assertThat(lines.get(3))
                .matches("  scan \\d+\\.\\d\\d s \\([\\d,]+ rows/s\\), read \\d+\\.\\d\\d s \\([\\d,]+ rows/s\\)");
    }

    @Test
    void everyProblemIsOneLineAndTheExitCodeIsOne() {
        Path file = fileWithBadRows("gpu_state_2025-11.db", 2);

        int exit = validate(file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines()).containsSequence(
                file + ": 3 bad rows",
                "  rows 4 (1 good), machine-snapshots 1, machines 1, GPUs 1",
                "  timestamps 2025-11-01 10:00:00.000000 .. 2025-11-01 10:00:00.000000",
                "  " + file + ": rowid 2, column State, value 'Running': unknown state",
                "  " + file + ": rowid 3, column State, value 'Running': unknown state",
                "  " + file + ": rowid 4, column timestamp, value '2025-11-01T10:05:00': "
                        + "not YYYY-MM-DD HH:MM:SS[.ffffff]");
        assertThat(out.toString()).doesNotContain("more bad rows");
    }

    @Test
    void aRowStampedInTheFutureIsAProblemAndTheSkewIsASetting() {
        // Two days ahead of the clock: past the default day of skew, within a skew of 48 hours.
        String aheadByTwoDays = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(2)
                .withNano(0).toString().replace('T', ' ');
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("2025-11-01 10:00:00", "h1", "GPU-1").byColumn());
        rows.add(row(aheadByTwoDays, "h1", "GPU-1").byColumn());
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-11.db"), GpuStateColumns.ALL, rows);

        int byDefault = validate(file.toString());
        String defaultOut = out.toString();
        out.getBuffer().setLength(0);
        int withTwoDaysOfSkew = validate("--max-future-skew", "48", file.toString());

        assertThat(byDefault).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(defaultOut).contains("rowid 2, column timestamp, value '" + aheadByTwoDays + "': in the future");
        assertThat(withTwoDaysOfSkew).as(out.toString()).isEqualTo(CliSupport.EXIT_OK);
        assertThat(validate("--max-future-skew", "49", file.toString())).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(err.toString()).contains("--max-future-skew");
    }

    @Test
    void problemsAreCappedPerFileAndTheRestCounted() {
        Path file = fileWithBadRows("gpu_state_2025-11.db", 150);

        assertThat(validate(file.toString())).isEqualTo(1);
        assertThat(out.toString().lines().filter(line -> line.contains(": rowid "))).hasSize(100);
        assertThat(out.toString()).contains("  ... and 51 more bad rows");

        out.getBuffer().setLength(0);
        assertThat(validate("--max-problems", "3", file.toString())).isEqualTo(1);
        assertThat(out.toString().lines().filter(line -> line.contains(": rowid "))).hasSize(3);
        assertThat(out.toString()).contains("  ... and 148 more bad rows");
    }

    @Test
    void anUnreadableFileIsOneLineOnStderrAndTheOthersAreStillChecked() {
        Path text = SqliteFixtures.textFile(dir.resolve("gpu_state_2025-09.db"), "not a database at all, really");
        Path missing = dir.resolve("gpu_state_2025-08.db");
        Path clean = cleanFile();

        int exit = validate(text.toString(), missing.toString(), clean.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                "ingest validate: " + text + ": not an SQLite database file",
                "ingest validate: " + missing + ": no such file");
        assertThat(out.toString()).contains(clean + ": OK")
                .contains("3 files: 1 clean, 0 with bad rows, 2 unreadable");
    }

    @Test
    void aMissingColumnIsAnError() {
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"),
                SqliteFixtures.schemaWithout("Machine"), List.of(row("2025-10-01 10:00:00", "h", "GPU-1").byColumn()));

        assertThat(validate(file.toString())).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("ingest validate: " + file + ": missing required column Machine in table gpu_state");
    }

    @Test
    void outOfOrderAndOutOfMonthRowsAreReported() {
        Path file = SqliteFixtures.write(dir.resolve("gpu_state_2025-10.db"), List.of(
                row("2025-10-01 10:05:00", "h1", "GPU-1"),
                row("2025-09-30 23:59:59", "h1", "GPU-1")));

        assertThat(validate(file.toString())).isZero();
        assertThat(out.toString()).contains("  timestamps 2025-09-30 23:59:59.000000 .. 2025-10-01 10:05:00.000000, "
                + "1 rows outside 2025-10, not appended in timestamp order (read sorted)");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(validate()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");
        assertThat(validate("--max-problems", "x", "f.db")).isEqualTo(2);
        assertThat(validate("--no-such-option", "f.db")).isEqualTo(2);
    }

    @Test
    void helpSaysWhatTheCommandDoesAndTheCap() {
        assertThat(validate("--help")).isZero();
        assertThat(out.toString()).contains("Exit 0 only when every file is readable and has no bad row")
                .contains("--max-problems=N").contains("default: 100");
    }
}
