package io.gpuledger.ingest.cli;

import io.gpuledger.ingest.history.MonthConverter;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ingest convert --to parquet FILE...}: SQLite months to Parquet months and back, row for row. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
            "Convert monthly files between the two formats, row for row as stored: gpu_state_YYYY-MM.db (SQLite) to "
                    + "gpu_state_YYYY-MM.parquet (zstd, as the collector writes since May 2026) and back.",
            "Only clean months are converted (ingest validate lists the bad rows of the others). The new file is "
                    + "written under a dot-name and renamed when complete.",
            "Example: ingest convert --to parquet data/gpu_state_2025-*.db"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file converted", "1:a file could not be read, had bad rows or could not be written",
            "2:usage error"})
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "sqlite|parquet", description = "The format to write.")
    String to;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: beside each file).")
    Path out;

    @Option(names = "--force", description = "Overwrite a file of the target format that exists.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "gpu_state_YYYY-MM.db or .parquet files")
    List<Path> files;

    @Override
    public Integer call() {
        MonthFormat format;
        try {
            format = MonthFormat.parse(to);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--to " + e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        int failed = 0;
        for (Path file : files) {
            try {
                long started = System.nanoTime();
                MonthConverter.Converted converted = MonthConverter.convert(file, format,
                        MonthConverter.target(file, format, out), force);
                stdout.printf(Locale.ROOT, "%s -> %s: %,d rows (%.1f s)%n", converted.from(), converted.to(),
                        converted.rows(), (System.nanoTime() - started) / 1e9);
            } catch (SnapshotFileException | IOException | IllegalArgumentException e) {
                failed++;
                stderr.println(spec.qualifiedName() + ": " + CliSupport.oneLine(e));
            }
            stdout.flush();
            stderr.flush();
        }
        return failed == 0 ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
    }
}
