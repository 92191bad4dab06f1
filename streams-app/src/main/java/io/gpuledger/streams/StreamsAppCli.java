package io.gpuledger.streams;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.config.ConfigLoader;
import io.gpuledger.streams.config.StreamsAppConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar streams-app/target/streams-app.jar [options]}: runs the service. Every option can also be set as
 * a {@code GPULEDGER_*} environment variable or in a {@code --config} properties file (flags win, then the
 * environment, then the file).
 */
@Command(
        name = "streams-app",
        mixinStandardHelpOptions = true,
        version = "gpuledger streams-app 0.1.0",
        description = {
            "GPU allocation accounting on Kafka Streams: keeps 15-minute state live and serves reports over HTTP.",
            "Without --bootstrap-servers it starts a Kafka broker inside this JVM (data under --data-dir).",
            "Every option X can also be given as environment variable GPULEDGER_X (e.g. GPULEDGER_BOOTSTRAP_SERVERS)",
            "or as 'x=value' in a --config properties file."},
        subcommands = {ReportCommand.class},
        sortOptions = false)
public final class StreamsAppCli implements Callable<Integer> {

    @Mixin
    CliSupport.VerboseOption verbose;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (keys = option names).")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "External Kafka cluster. Default: an embedded single-node broker.")
    String bootstrapServers;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Embedded broker data, samples, state. Default: ./data")
    String dataDir;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state. Default: <data-dir>/streams")
    String stateDir;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id; a new id rebuilds state from the topic. Default: gpuledger")
    String applicationId;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (0 = any free port). Default: 8080")
    String httpPort;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "HTTP bind address; use 0.0.0.0 explicitly to expose it. Default: 127.0.0.1")
    String bind;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host name other instances use to reach this one. Default: the bind address")
    String advertisedHost;

    @Option(names = "--topic", paramLabel = "NAME", description = "Snapshots topic. Default: gpu.host-snapshots")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions when the topic is created. Default: 6")
    String partitions;

    @Option(names = "--replay", paramLabel = "DIR", description = "Replay the gpu_state_YYYY-MM.db files of DIR at startup.")
    String replay;

    @Option(names = "--skip-bad-rows", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "During --replay, skip bad rows (written to a rejects file) instead of rejecting the file.")
    String skipBadRows;

    @Option(names = "--chtc-owned", paramLabel = "FILE", description = "CHTC-owned host list. Default: the shipped list.")
    String chtcOwned;

    @Option(names = "--exclude-hosts-yaml", paramLabel = "FILE",
            description = "Host exclusions (excluded_hosts mapping). Default: the shipped exclusions.")
    String excludeHostsYaml;

    @Option(names = "--collector-zone", paramLabel = "ZONE",
            description = "Time zone of the collector's clock, for Prometheus timestamps only. Default: JVM zone")
    String collectorZone;

    @Option(names = "--demo", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Generate sample data into <data-dir>/samples if absent, replay it, and serve.")
    String demo;

    @Option(names = "--history-days", paramLabel = "N",
            description = "How long buckets are kept and how late snapshots may arrive. Default: 400")
    String historyDays;

    @Option(names = "--raw-retention-days", paramLabel = "N",
            description = "How far back the GPU model snapshot answers. Default: 35")
    String rawRetentionDays;

    @Option(names = "--exactly-once", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Processing guarantee exactly_once_v2 (default at_least_once; correct either way).")
    String exactlyOnce;

    @Option(names = "--in-memory-stores", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep state in memory instead of RocksDB (restored from changelogs at start).")
    String inMemoryStores;

    @Option(names = "--stream-threads", paramLabel = "N", description = "Kafka Streams threads. Default: 1")
    String streamThreads;

    @Option(names = "--commit-interval-ms", paramLabel = "MS", description = "Streams commit interval. Default: 2000")
    String commitIntervalMs;

    /** Flags given on the command line, keyed like the config file. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "bootstrap-servers", bootstrapServers);
        put(flags, "data-dir", dataDir);
        put(flags, "state-dir", stateDir);
        put(flags, "application-id", applicationId);
        put(flags, "http-port", httpPort);
        put(flags, "bind", bind);
        put(flags, "advertised-host", advertisedHost);
        put(flags, "topic", topic);
        put(flags, "partitions", partitions);
        put(flags, "replay", replay);
        put(flags, "skip-bad-rows", skipBadRows);
        put(flags, "chtc-owned", chtcOwned);
        put(flags, "exclude-hosts-yaml", excludeHostsYaml);
        put(flags, "collector-zone", collectorZone);
        put(flags, "demo", demo);
        put(flags, "history-days", historyDays);
        put(flags, "raw-retention-days", rawRetentionDays);
        put(flags, "exactly-once", exactlyOnce);
        put(flags, "in-memory-stores", inMemoryStores);
        put(flags, "stream-threads", streamThreads);
        put(flags, "commit-interval-ms", commitIntervalMs);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    @Override
    public Integer call() throws Exception {
        StreamsAppConfig config = new ConfigLoader(flags(), System.getenv(), configFile).load();
        return new ServiceLauncher(config).run();
    }

    public static void main(String[] args) {
        System.exit(CliSupport.execute(new StreamsAppCli(), args));
    }
}
