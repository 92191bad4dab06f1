package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.monthly.MonthFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ingest generate}: writes realistic monthly gpu_state files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write realistic gpu_state_YYYY-MM.db files in the original collector's schema, then print the"
                + " mix of rows (per file, State, class of machine, device) and the throughput.")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    CliSupport.VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the monthly files.")
    Path out;

    @Option(names = "--start", paramLabel = "DATE", description = "First day, YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
    LocalDate start = GeneratorSettings.DEFAULT_START;

    @Option(names = "--days", paramLabel = "N", description = "Days to cover (default: ${DEFAULT-VALUE}).")
    int days = GeneratorSettings.DEFAULT_DAYS;

    @Option(names = "--hosts", paramLabel = "N", description = "Machines in the pool (default: ${DEFAULT-VALUE}).")
    int hosts = GeneratorSettings.DEFAULT_HOSTS;

    @Option(names = "--interval-minutes", paramLabel = "N",
            description = "Collector cadence in minutes, a divisor of 60 such as 5 or 15 (default: ${DEFAULT-VALUE}).")
    int intervalMinutes = GeneratorSettings.DEFAULT_INTERVAL_MINUTES;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed; equal arguments give equal rows"
            + " (default: ${DEFAULT-VALUE}).")
    long seed = GeneratorSettings.DEFAULT_SEED;

    @Option(names = "--clock-zone", paramLabel = "ZONE", description = "The collector's wall clock. Default UTC: no DST,"
            + " timestamps never go back. America/Chicago repeats the fall-back hour as the real files do.")
    String clockZone = "UTC";

    @Option(names = "--corner-machines", description = "Replace three ordinary machines by ones that reach the class"
            + " rule's rare branches (a CHTC-listed host with PP \"\", NULL-PP and open machines with an old and a current"
            + " model, early prevented/Owner/drain periods). For test data; off by default.")
    boolean cornerMachines;

    @Option(names = "--format", paramLabel = "sqlite|parquet", defaultValue = "sqlite",
            description = "File format: SQLite months (gpu_state_YYYY-MM.db, as until spring 2026) or Parquet months "
                    + "(gpu_state_YYYY-MM.parquet, zstd, as the collector writes since). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        GeneratorSettings settings;
        MonthFormat monthFormat;
        try {
            monthFormat = MonthFormat.parse(format);
            settings = new GeneratorSettings(start, days, hosts, intervalMinutes, seed, zone(), cornerMachines).validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("must be sqlite")
                    ? "--format " + e.getMessage() : e.getMessage());
        }
        GenerationSummary summary = new SnapshotGenerator(settings).generate(out, force, monthFormat);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(summary.render());
        stdout.flush();
        return CliSupport.EXIT_OK;
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(clockZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--clock-zone: unknown zone '" + clockZone + "'");
        }
    }
}
