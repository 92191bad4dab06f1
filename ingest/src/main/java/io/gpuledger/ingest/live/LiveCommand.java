package io.gpuledger.ingest.live;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.settings.Program;
import io.gpuledger.ingest.settings.SettingsTable;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ingest live}: the collector's ads become host snapshots on the topic (and, if asked, monthly files). */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Turn Startd ads (condor_status -json, GPUs >= 1) into rows exactly as the original collector made them "
                    + "(rules §1.7) and publish one host snapshot per machine to the snapshots topic, within a "
                    + "second of the collection. Optionally append the rows to the monthly files as the collector "
                    + "did, so the files and the live stream are the same data.",
            "Sources: stdin or --from-file (one JSON array per collection, several may follow each other), or "
                    + "--command run once or on an --every schedule. Bad ads are skipped with one line each; a "
                    + "collection stamped further in the future than --max-future-skew is refused.",
            "Every option X can also be given as environment variable GPULEDGER_X or as 'x=value' in a --config "
                    + "file."},
        footerHeading = "%nExample (every 5 minutes, as the original's cron job, also keeping the monthly files):%n",
        footer = {
            "  ingest live --bootstrap-servers kafka:9092 --every 5m --timeout 2m \\",
            "    --command \"condor_status -json -constraint 'GPUs >= 1' -attributes Name,AssignedGPUs,"
                    + "AvailableGPUs,State,GPUs_DeviceName,GPUs_GlobalMemoryMb,PrioritizedProjects,GPUsAverageUsage,"
                    + "Machine,RemoteOwner,GlobalJobId,PreventJobsReason,Disk\" \\",
            "    --also-write /data/gpu_state --format sqlite --collector-zone America/Chicago",
            "Try a saved collection without a broker:",
            "  condor_status -json -constraint 'GPUs >= 1' > ads.json; ingest live --from-file ads.json --dry-run",
            "",
            "Exit codes: 0 every collection went through; 1 one did not (a scheduled run keeps going and only "
                    + "counts it); 2 usage error."})
public final class LiveCommand implements Callable<Integer>, Program {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CliSupport.VerboseOption verbose;

    @Override
    public SettingsTable settingsTable() {
        return LiveSettings.TABLE;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (LiveSettings.TABLE.printExampleConfigIfAsked(spec.commandLine().getParseResult(), out)) {
            return CliSupport.EXIT_OK;
        }
        LiveSettings settings = LiveSettings.from(LiveSettings.TABLE.load(spec.commandLine().getParseResult()));
        LOG.info("ingest live: {}", settings.values().describeOnOneLine());
        CollectorCommand command = null;
        if (settings.command() != null) {
            try {
                command = new CollectorCommand(settings.command(), settings.timeout());
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        try (LiveMetrics metrics = new LiveMetrics();
             LiveRun run = new LiveRun(settings, settings.dryRun() ? null : SnapshotPublisher.connect(settings),
                     metrics, Clock.systemUTC(), out)) {
            if (settings.metricsPort() >= 0) {
                int port = metrics.serve(settings.metricsHost(), settings.metricsPort());
                LOG.info("metrics on http://{}:{}/metrics", settings.metricsHost(), port);
            }
            if (command != null && settings.every() != null) {
                Thread main = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(main::interrupt, "live-shutdown"));
                run.runSchedule(command, settings.every(), 0);
                return CliSupport.EXIT_OK;
            }
            if (command != null) {
                return run.runOnce(command) ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
            }
            String source = settings.fromFile() == null ? "stdin" : settings.fromFile().toString();
            try (Reader reader = settings.fromFile() == null
                    ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                    : Files.newBufferedReader(settings.fromFile(), StandardCharsets.UTF_8)) {
                return run.readStream(source, reader) ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
            }
        }
    }
}
