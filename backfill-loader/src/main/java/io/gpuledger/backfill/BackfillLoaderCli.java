package io.gpuledger.backfill;

import io.gpuledger.backfill.progress.ConsoleProgress;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.settings.Program;
import io.gpuledger.ingest.settings.SettingException;
import io.gpuledger.ingest.settings.SettingsTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code backfill-loader}: replays monthly {@code gpu_state_YYYY-MM.db} files into the snapshots topic (architecture §3).
 * Settings go to stderr at the start, progress to stderr (a bar on a terminal, log lines otherwise), the summary to
 * stdout.
 */
@Command(name = "backfill-loader", mixinStandardHelpOptions = true, version = "gpuledger backfill-loader 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Replay monthly gpu_state_YYYY-MM.db (SQLite) and gpu_state_YYYY-MM.parquet files into the Kafka topic of "
                    + "host snapshots: one record per machine and snapshot (key = machine, value = snapshot JSON, "
                    + "timestamp = snapshot time).",
            "Files are validated before anything of them is sent; a rejected file produces nothing. A run that "
                    + "stops (broker gone, interrupted) keeps a checkpoint per file: rerunning the same command "
                    + "continues where it stopped. Replaying the same months again is harmless (the streams "
                    + "aggregate is idempotent).",
            "Every option X can also be given as environment variable GPULEDGER_X (e.g. GPULEDGER_BOOTSTRAP_SERVERS) "
                    + "or as 'x=value' in a --config properties file; flags win over the environment, the "
                    + "environment over the file."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every selected row was acknowledged by the broker (with --dry-run: read and counted)",
            "1:the replay did not finish: a rejected file, a late row, the topic, Kafka (the error line says "
                    + "which and where to continue)",
            "2:usage error"})
public final class BackfillLoaderCli implements Callable<Integer>, Program {

    @Spec
    CommandSpec spec;

    @Mixin
    CliSupport.VerboseOption verbose;

    @Override
    public SettingsTable settingsTable() {
        return LoaderSettings.TABLE;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (LoaderSettings.TABLE.printExampleConfigIfAsked(spec.commandLine().getParseResult(), out)) {
            return CliSupport.EXIT_OK;
        }
        LoaderSettings settings = LoaderSettings.from(LoaderSettings.TABLE.load(spec.commandLine().getParseResult()));
        if (settings.bootstrapServers() == null && !settings.dryRun()) {
            throw new SettingException("--bootstrap-servers (or GPULEDGER_BOOTSTRAP_SERVERS) is required unless "
                    + "--dry-run");
        }
        PrintWriter err = spec.commandLine().getErr();
        settings.values().describe().forEach((name, value) -> err.println("  " + name + " = " + value));
        err.flush();
        ReplaySummary summary = new BackfillLoader(settings).run(ConsoleProgress.auto(err, Duration.ofSeconds(5)));
        summary.render().forEach(out::println);
        out.flush();
        return CliSupport.EXIT_OK;
    }

    public static void main(String[] args) {
        CliSupport.useLoggingConfiguration("io/gpuledger/backfill/backfill-loader-logback.xml");
        System.exit(CliSupport.execute(new BackfillLoaderCli(), args));
    }
}
