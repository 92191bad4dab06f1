package io.gpuledger.ingest.cli;

import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.FileSummary;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.settings.Program;
import io.gpuledger.ingest.settings.SettingsTable;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ingest validate FILE...}: checks monthly files and prints what they hold and every problem found. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check gpu_state files: print rows, snapshots, time span, machines and GPUs of each, and every problem "
                    + "found, one line each (file, rowid, column, value, reason).",
            "Exit 0 only when every file is readable and has no bad row; 1 otherwise; 2 on a usage error."})
public final class ValidateCommand implements Callable<Integer>, Program {

    /** The settings validate shares with the loader (its own options are plain picocli options below). */
    static final SettingsTable TABLE = SettingsTable.of("ingest validate", List.of(CommonSettings.MAX_FUTURE_SKEW));

    @Spec
    CommandSpec spec;

    @Mixin
    CliSupport.VerboseOption verbose;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "100",
            description = "List the problems of at most N bad rows per file (default: ${DEFAULT-VALUE}); the other "
                    + "bad rows are counted on an '... and K more bad rows' line.")
    int maxProblems;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "gpu_state_YYYY-MM.db files")
    List<Path> files;

    private TimestampBounds bounds;

    @Override
    public SettingsTable settingsTable() {
        return TABLE;
    }

    @Override
    public Integer call() {
        PrintWriter early = spec.commandLine().getOut();
        if (TABLE.printExampleConfigIfAsked(spec.commandLine().getParseResult(), early)) {
            return CliSupport.EXIT_OK;
        }
        bounds = TimestampBounds.untilNowPlus(
                TABLE.load(spec.commandLine().getParseResult()).get(CommonSettings.MAX_FUTURE_SKEW), Clock.systemUTC());
        if (maxProblems < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-problems must be >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int clean = 0;
        int withBadRows = 0;
        int unreadable = 0;
        for (Path file : files) {
            try {
                if (validate(file, out)) {
                    clean++;
                } else {
                    withBadRows++;
                }
            } catch (SnapshotFileException e) {
                unreadable++;
                out.flush();
                if (verbose.verbose) {
                    e.printStackTrace(err);
                } else {
                    err.println(spec.qualifiedName() + ": " + CliSupport.oneLine(e));
                }
                err.flush();
            }
        }
        if (files.size() > 1) {
            out.printf(Locale.ROOT, "%d files: %d clean, %d with bad rows, %d unreadable%n", files.size(), clean,
                    withBadRows, unreadable);
        }
        out.flush();
        return clean == files.size() ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
    }

    /** Prints one file's report; true when it has no bad row. */
    private boolean validate(Path file, PrintWriter out) {
        // Bad rows are skipped (not rejected) so that the rest of the file can still be described.
        ReadOptions options = ReadOptions.defaults().withSkipBadRows(null).withProblemLimit(maxProblems)
                .withBounds(bounds);
        try (MonthFileReader reader = HistoryFiles.open(file, options)) {
            FileCheck check = reader.check();
            long readStart = System.nanoTime();
            long rows = 0;
            for (HostSnapshot snapshot = reader.next(); snapshot != null; snapshot = reader.next()) {
                rows += snapshot.rows().size();
            }
            double readSeconds = (System.nanoTime() - readStart) / 1e9;
            FileSummary summary = reader.summary();

            out.println(file + ": " + (check.clean() ? "OK" : plural(check.badRows(), "bad row")));
            out.printf(Locale.ROOT, "  rows %,d (%,d good), machine-snapshots %,d, machines %,d, GPUs %,d%n", check.rows(),
                    check.rows() - check.badRows(), summary.snapshots(), summary.machines(), summary.gpus());
            out.println("  timestamps " + (check.first() == null ? "none"
                    : time(check.first()) + " .. " + time(check.last()))
                    + (check.rowsOutsideMonth() > 0
                    ? String.format(Locale.ROOT, ", %,d rows outside %s", check.rowsOutsideMonth(), check.month())
                    : "")
                    + (check.timestampOrdered() ? "" : ", not appended in timestamp order (read sorted)"));
            for (RowProblem problem : check.problems()) {
                out.println("  " + problem.message());
            }
            long listedRows = check.problems().stream().mapToLong(RowProblem::rowid).distinct().count();
            if (check.badRows() > listedRows) {
                out.printf(Locale.ROOT, "  ... and %,d more bad rows%n", check.badRows() - listedRows);
            }
            out.printf(Locale.ROOT, "  scan %.2f s (%,.0f rows/s), read %.2f s (%,.0f rows/s)%n", check.seconds(),
                    perSecond(check.rows(), check.seconds()), readSeconds, perSecond(rows, readSeconds));
            out.flush();
            return check.clean();
        }
    }

    private static String time(LocalDateTime timestamp) {
        return SnapshotTime.format(timestamp);
    }

    private static String plural(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
    }

    private static double perSecond(long rows, double seconds) {
        return seconds <= 0 ? 0 : rows / seconds;
    }
}
