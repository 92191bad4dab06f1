package io.gpuledger.backfill;

import io.gpuledger.backfill.progress.ConsoleProgress;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.sqlite.TimeRange;
import io.gpuledger.ingest.topic.SnapshotTopic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code backfill-loader}: replays monthly {@code gpu_state_YYYY-MM.db} files into the snapshots topic (DESIGN 3).
 * Settings go to stderr at the start, progress to stderr (a bar on a terminal, log lines otherwise), the summary to
 * stdout.
 */
@Command(name = "backfill-loader", mixinStandardHelpOptions = true, version = "gpuledger backfill-loader 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true, usageHelpWidth = 110,
        description = {
            "Replay monthly gpu_state_YYYY-MM.db files into the Kafka topic of host snapshots: one record per "
                    + "machine and snapshot (key = machine, value = snapshot JSON, timestamp = snapshot time).",
            "Files are validated before anything of them is sent; a rejected file produces nothing. A run that "
                    + "stops (broker gone, interrupted) keeps a checkpoint per file: rerunning the same command "
                    + "continues where it stopped. Replaying the same months again is harmless (the streams "
                    + "aggregate is idempotent)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every selected row was acknowledged by the broker (with --dry-run: read and counted)",
            "1:the replay did not finish: a rejected file, a late row, the topic, Kafka (the error line says "
                    + "which and where to continue)",
            "2:usage error"})
public final class BackfillLoaderCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CliSupport.VerboseOption verbose;

    @Option(names = "--db-dir", required = true, paramLabel = "DIR",
            description = "Directory of the gpu_state_YYYY-MM.db files (other names are ignored).")
    Path dbDir;

    @Option(names = "--from", paramLabel = "WHEN",
            description = "First snapshot time to replay: YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (local "
                    + "wall clock), from the start of that unit. Default: the first file.")
    String from;

    @Option(names = "--to", paramLabel = "WHEN",
            description = "Last snapshot time to replay, inclusive of the whole unit (--to 2025-10 = all of "
                    + "October). Default: the last file.")
    String to;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:GPULEDGER_BOOTSTRAP_SERVERS}",
            description = "Kafka to write to (default: $GPULEDGER_BOOTSTRAP_SERVERS). Required unless --dry-run.")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = SnapshotTopic.DEFAULT_NAME,
            description = "Topic of host snapshots (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions when the topic is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "-1",
            description = "Replicas when the topic is created (default: the cluster's default).")
    int replicationFactor;

    @Option(names = "--dry-run",
            description = "Read, validate and count; send nothing (no broker needed, checkpoints untouched).")
    boolean dryRun;

    @Option(names = "--skip-bad-rows",
            description = "Skip rows with bad values (listed in --rejects) instead of rejecting their file. "
                    + "Structural errors (not SQLite, corrupt, missing column) still reject the file.")
    boolean skipBadRows;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Where --skip-bad-rows lists the bad rows, tab-separated (default: "
                    + "data/loader-rejects/rejects-<start time>.tsv; not kept when there is no bad row).")
    Path rejectsFile;

    @Option(names = "--force",
            description = "Write into an existing topic even if its retention or compaction would delete history.")
    boolean force;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "" + LoaderSettings.DEFAULT_HISTORY_DAYS,
            description = "The streams app's --history-days: rows older than the topic's latest record time minus "
                    + "this are refused, since the app would drop them as late (default: ${DEFAULT-VALUE}).")
    long historyDays;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", defaultValue = "data/loader-checkpoints",
            description = "Where per-file checkpoints of unfinished runs live (default: ${DEFAULT-VALUE}).")
    Path checkpointDir;

    @Option(names = "--restart",
            description = "Ignore (and delete) the checkpoints of the selected files: replay them from the start.")
    boolean restart;

    @Option(names = "--delivery-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long Kafka may take to acknowledge a record, retries included, before the run "
                    + "stops with exit 1 (default: ${DEFAULT-VALUE}).")
    long deliveryTimeoutSeconds;

    @Option(names = "--max-rows-per-second", paramLabel = "N", defaultValue = "0",
            description = "Throttle sending, e.g. to spare a production cluster (default: no limit).")
    long maxRowsPerSecond;

    @Option(names = "--client-property", paramLabel = "NAME=VALUE",
            description = "Extra Kafka client setting for the producer and admin client (security.protocol, "
                    + "sasl.*, ssl.*, ...); repeatable.")
    Map<String, String> clientProperties = new LinkedHashMap<>();

    @Override
    public Integer call() {
        LoaderSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> shown = new LinkedHashMap<>(settings.describe());
        if (settings.skipBadRows()) {
            shown.put("skip-bad-rows", "true (rejects: " + settings.rejectsFile() + ")");
        }
        shown.forEach((name, value) -> err.println("  " + name + " = " + value));
        err.flush();
        ReplaySummary summary = new BackfillLoader(settings).run(ConsoleProgress.auto(err, Duration.ofSeconds(5)));
        summary.render().forEach(out::println);
        out.flush();
        return CliSupport.EXIT_OK;
    }

    private LoaderSettings settings() {
        TimeRange range;
        try {
            range = TimeRange.ofFlags(from, to);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        String servers = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers.strip();
        if (servers == null && !dryRun) {
            throw usage("--bootstrap-servers (or GPULEDGER_BOOTSTRAP_SERVERS) is required unless --dry-run");
        }
        if (rejectsFile != null && !skipBadRows) {
            throw usage("--rejects needs --skip-bad-rows");
        }
        if (historyDays < 1) {
            throw usage("--history-days must be >= 1, got " + historyDays);
        }
        if (partitions < 1) {
            throw usage("--partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw usage("--replication-factor must be >= 1 (or -1 for the cluster default), got "
                    + replicationFactor);
        }
        if (deliveryTimeoutSeconds < 1) {
            throw usage("--delivery-timeout must be >= 1 s, got " + deliveryTimeoutSeconds);
        }
        if (maxRowsPerSecond < 0) {
            throw usage("--max-rows-per-second must be >= 0, got " + maxRowsPerSecond);
        }
        LoaderSettings settings = LoaderSettings.of(dbDir)
                .withRange(range)
                .withTopic(topic)
                .withPartitions(partitions)
                .withReplicationFactor(replicationFactor)
                .withSkipBadRows(skipBadRows)
                .withRejectsFile(skipBadRows && rejectsFile == null
                        ? LoaderSettings.defaultRejectsFile(LocalDateTime.now()) : rejectsFile)
                .withForce(force)
                .withHistory(Duration.ofDays(historyDays))
                .withCheckpointDir(checkpointDir)
                .withRestart(restart)
                .withDeliveryTimeout(Duration.ofSeconds(deliveryTimeoutSeconds))
                .withMaxRowsPerSecond(maxRowsPerSecond)
                .withClientProperties(clientProperties);
        return dryRun ? settings.withDryRun(true) : settings.withBootstrapServers(servers);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    public static void main(String[] args) {
        System.exit(CliSupport.execute(new BackfillLoaderCli(), args));
    }
}
