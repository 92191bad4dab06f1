package io.gpuledger.streams.bench;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotSerde;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.app.GpuLedgerService;
import io.gpuledger.streams.config.ConfigLoader;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.window.QueryWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole service in one JVM (embedded broker, topology, stores): produce generated snapshots straight to the
 * topic, time until every record is processed, then time reports on the rollup owner. Not a test:
 * {@code java -Xmx1g -cp ... io.gpuledger.streams.bench.ServicePipelineBenchmark [hosts] [days]}.
 */
public final class ServicePipelineBenchmark {

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 61;
        Path dataDir = Files.createTempDirectory("gpuledger-bench");
        StreamsAppConfig config = new ConfigLoader(Map.of("data-dir", dataDir.toString(), "http-port", "0"),
                Map.of(), null).load();
        try (GpuLedgerService service = new GpuLedgerService(config).start("127.0.0.1:1")) {
            AtomicLong rows = new AtomicLong();
            AtomicLong records = new AtomicLong();
            long started = System.nanoTime();
            try (KafkaProducer<String, HostSnapshot> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 20,
                    ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                    new StringSerializer(), new HostSnapshotSerde().serializer())) {
                new SnapshotGenerator(new GeneratorSettings(LocalDate.of(2025, 10, 1), days, hosts, 5, 42,
                        ZoneOffset.UTC)).forEachSnapshot(snapshot -> {
                            for (HostSnapshot host : snapshot.hostSnapshots()) {
                                rows.addAndGet(host.rows().size());
                                records.incrementAndGet();
                                producer.send(new ProducerRecord<>(config.topic(), null,
                                        SnapshotTime.toRecordMillis(host.timestamp()), host.machine(), host));
                            }
                        });
                producer.flush();
            }
            double produced = (System.nanoTime() - started) / 1e9;
            System.out.printf("produced %,d rows in %,d records in %.1f s: %,.0f rows/s%n", rows.get(),
                    records.get(), produced, rows.get() / produced);
            service.readiness().captureTargets();
            while (!service.readiness().isReady()) {
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(500);
            }
            double processed = (System.nanoTime() - started) / 1e9;
            System.out.printf("processed (ready) after %.1f s: %,.0f rows/s end to end%n", processed,
                    rows.get() / processed);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (long id : threads.getAllThreadIds()) {
                java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                long cpu = threads.getThreadCpuTime(id);
                if (info != null && cpu > 500_000_000L) {
                    System.out.printf("  thread %-60s cpu %.1f s%n", info.getThreadName(), cpu / 1e9);
                }
            }
            RollupSummaries summaries = service.summaries();
            while (!summaries.isComplete()) {
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200);
            }
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("summaries: %d buckets; heap used %,d MB%n", summaries.size(),
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20);
            var rollups = service.stores().rollups();
            long latest = io.gpuledger.streams.query.StoreDigestSource.latestSnapshotMicros(rollups);
            for (int hoursBack : new int[] {24, 168, 720, 1440}) {
                QueryWindow window = QueryWindow.endingAt(SnapshotTime.fromMicros(latest), hoursBack);
                var edges = new java.util.HashMap<Long, java.util.List<io.gpuledger.streams.digest.MachineDigest>>();
                time(hoursBack + " h", () -> {
                    edges.clear();
                    for (long edge : io.gpuledger.streams.query.StoreDigestSource.edgeBuckets(window)) {
                        edges.put(edge, io.gpuledger.streams.query.EdgeDigests.local(service.stores().machines(),
                                service.stores().hostBuckets(), edge, window));
                    }
                    ReportEngine.allocation(summaries.source(rollups, edges), window, service.defaultQueryConfig());
                });
            }
        }
    }

    private static void time(String label, Runnable query) {
        long[] nanos = new long[20];
        for (int i = 0; i < 3; i++) {
            query.run();
        }
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-8s median %8.2f ms  min %8.2f ms  max %8.2f ms%n", label, nanos[10] / 1e6,
                nanos[0] / 1e6, nanos[19] / 1e6);
    }
}
