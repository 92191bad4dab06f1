package io.gpuledger.streams.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's typed configuration (DESIGN 3, 5): built from flags, then {@code GPULEDGER_*} environment variables,
 * then a {@code --config} file, then defaults ({@link ConfigLoader}). Printed at startup without secrets.
 *
 * @param bootstrapServers external Kafka cluster, or null for the embedded broker
 * @param dataDir          embedded broker data, samples, default state dir
 * @param stateDir         Kafka Streams state
 * @param applicationId    Streams application id (a new one is a rebuild)
 * @param httpPort         HTTP port (0 picks a free one)
 * @param bind             HTTP bind address
 * @param advertisedHost   host other instances use to reach this one ({@code application.server})
 * @param topic            the snapshots topic
 * @param partitions       partitions when the topic is created
 * @param replayDir        monthly files to replay at startup, or null
 * @param skipBadRows      skip (and record) bad rows during the replay instead of rejecting files
 * @param chtcOwnedFile    CHTC-owned list, or null for the shipped default
 * @param excludeHostsFile host exclusions YAML, or null for the shipped default
 * @param collectorZone    zone of the collector's wall clock, for Prometheus-facing timestamps only
 * @param demo             generate samples if absent, replay them, serve
 * @param history          how far back snapshots are kept and may still arrive (grace and retention)
 * @param rawRetention     how far back the GPU model snapshot answers
 * @param exactlyOnce      processing guarantee exactly_once_v2 instead of at_least_once
 * @param inMemoryStores   in-memory state stores instead of RocksDB
 * @param streamThreads    Kafka Streams threads
 * @param commitInterval   Streams commit interval
 */
public record StreamsAppConfig(
        String bootstrapServers,
        Path dataDir,
        Path stateDir,
        String applicationId,
        int httpPort,
        String bind,
        String advertisedHost,
        String topic,
        int partitions,
        Path replayDir,
        boolean skipBadRows,
        Path chtcOwnedFile,
        Path excludeHostsFile,
        String collectorZone,
        boolean demo,
        Duration history,
        Duration rawRetention,
        boolean exactlyOnce,
        boolean inMemoryStores,
        int streamThreads,
        Duration commitInterval) {

    public boolean embeddedBroker() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    /** Settings in the order people look for them, for the startup log. Nothing here is secret today. */
    public Map<String, Object> describe() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("bootstrap-servers", embeddedBroker() ? "(embedded broker)" : bootstrapServers);
        shown.put("data-dir", dataDir);
        shown.put("state-dir", stateDir);
        shown.put("application-id", applicationId);
        shown.put("http", bind + ":" + httpPort);
        shown.put("advertised-host", advertisedHost);
        shown.put("topic", topic + " (" + partitions + " partitions when created)");
        shown.put("replay", replayDir == null ? "(none)" : replayDir + (skipBadRows ? " (skip bad rows)" : ""));
        shown.put("chtc-owned", chtcOwnedFile == null ? "(shipped default)" : chtcOwnedFile);
        shown.put("exclude-hosts-yaml", excludeHostsFile == null ? "(shipped default)" : excludeHostsFile);
        shown.put("collector-zone", collectorZone);
        shown.put("demo", demo);
        shown.put("history-days", history.toDays());
        shown.put("raw-retention-days", rawRetention.toDays());
        shown.put("processing", exactlyOnce ? "exactly_once_v2" : "at_least_once");
        shown.put("stores", inMemoryStores ? "in-memory" : "rocksdb");
        shown.put("stream-threads", streamThreads);
        shown.put("commit-interval-ms", commitInterval.toMillis());
        return shown;
    }
}
