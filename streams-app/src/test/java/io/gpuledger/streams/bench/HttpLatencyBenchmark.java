package io.gpuledger.streams.bench;

import ch.qos.logback.classic.Level;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import io.gpuledger.kafka.local.KafkaTopics;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.ingest.topic.SnapshotTopic;
import io.gpuledger.streams.config.StreamsAppConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

/**
 * Report latency through HTTP with concurrent clients (issue 5, "the query latency goals hold through HTTP"). Not a
 * test: a command that prints p50/p99 latency and requests per second for 24 h and 30 d allocation reports.
 *
 * <pre>
 * mvn -o -q -pl streams-app -am test-compile
 * mvn -o -q -pl streams-app dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx4g -cp streams-app/target/test-classes:streams-app/target/classes:$(cat /tmp/cp.txt) \
 *     io.gpuledger.streams.bench.HttpLatencyBenchmark [--url URL] [--hosts 120] [--days 61] [--clients 8]
 *     [--seconds 30] [--only computed|repeated]
 * </pre>
 *
 * With {@code --url} it measures a running instance. Without, it starts an embedded broker, produces a generated
 * dataset ({@code --hosts} machines, {@code --days} days from 2025-10-01 at a 5-minute cadence, seed 42: the
 * generator's defaults), starts one instance on it, waits for {@code /health/ready}, then measures.
 */
public final class HttpLatencyBenchmark {

    private HttpLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        quietLogs();
        if (options.containsKey("url")) {
            measureAll(options.get("url").replaceAll("/$", ""), clients, seconds, options.get("only"));
            return;
        }
        int hosts = Integer.parseInt(options.getOrDefault("hosts", "120"));
        int days = Integer.parseInt(options.getOrDefault("days", "61"));
        Path dir = Files.createTempDirectory("gpuledger-http-bench-");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dir.resolve("kafka"))).start()) {
            String topic = "gpu.host-snapshots";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                SnapshotTopic.ensure(admin, topic, 6, 1, false);
                // A producer sending before every partition has a serving leader can lose its sequence state.
                KafkaTopics.awaitLeaders(admin, List.of(topic), Duration.ofSeconds(60));
            }
            long produced = produce(broker.bootstrapServers(), topic, hosts, days);
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("bootstrap-servers", broker.bootstrapServers());
            flags.put("data-dir", dir.toString());
            flags.put("http-port", "0");
            flags.put("topic", topic);
            StreamsAppConfig config = StreamsAppConfig.of(flags);
            long started = System.nanoTime();
            try (ServiceLauncher.Instance instance = ServiceLauncher.start(config)) {
                String url = instance.baseUrl().replaceAll("/$", "");
                awaitReady(url, Duration.ofMinutes(30));
                System.out.printf("service ready after %.1f s (processing %,d rows)%n",
                        (System.nanoTime() - started) / 1e9, produced);
                measureAll(url, clients, seconds, options.get("only"));
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** {@code only}: "computed" or "repeated" to measure one kind (e.g. while profiling), null for both. */
    private static void measureAll(String url, int clients, int seconds, String only) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%d cores, max heap %,d MB; %d clients, %d s per report type%n",
                runtime.availableProcessors(), runtime.maxMemory() >> 20, clients, seconds);
        // "computed": every request names another window end (one minute apart), so no report computed earlier can
        // be reused; "repeated": the same request over and over, as dashboards and the report page ask.
        HttpResponse<String> latestAnswer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/api/v1/report?hours-back=1")).build(), HttpResponse.BodyHandlers.ofString());
        java.time.LocalDateTime latest = io.gpuledger.ingest.snapshot.SnapshotTime.parse(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(latestAnswer.body())
                        .at("/metadata/end_time").asText());
        java.util.concurrent.atomic.AtomicInteger minutesBack = new java.util.concurrent.atomic.AtomicInteger();
        for (int hours : new int[] {24, 720}) {
            String target = url + "/api/v1/report?hours-back=" + hours;
            java.util.function.Supplier<String> computed = () -> target + "&end-time=" + java.net.URLEncoder.encode(
                    io.gpuledger.ingest.snapshot.SnapshotTime.formatSeconds(
                            latest.minusMinutes(minutesBack.incrementAndGet())),
                    java.nio.charset.StandardCharsets.UTF_8);
            java.util.function.Supplier<String> repeated = () -> target;
            if (!"repeated".equals(only)) {
                measure(computed, 1, Math.max(5, seconds / 3), hours + " h computed, 1 client");
                measure(computed, clients, seconds, hours + " h computed, " + clients + " clients");
            }
            if (!"computed".equals(only)) {
                measure(repeated, clients, seconds, hours + " h repeated, " + clients + " clients");
            }
        }
    }

    /** Runs {@code clients} threads sending requests back to back for {@code seconds}, after a short warm-up. */
    private static void measure(java.util.function.Supplier<String> targets, int clients, int seconds, String label)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long warmUpEnd = System.nanoTime() + Duration.ofSeconds(Math.min(5, seconds)).toNanos();
        while (System.nanoTime() < warmUpEnd) {
            send(client, request(targets.get()));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        HttpRequest request = request(targets.get());
                        long sent = System.nanoTime();
                        if (send(client, request)) {
                            latencies.add(System.nanoTime() - sent);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + i);
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf("%-28s no successful request (%d failed)%n", label, failures.get());
            return;
        }
        System.out.printf("%-28s n=%6d  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  %7.1f req/s  failed %d%n", label,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e6,
                sorted.size() / elapsed, failures.get());
    }

    private static boolean send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpRequest request(String target) {
        return HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofMinutes(5)).GET().build();
    }

    private static double percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    private static long produce(String bootstrap, String topic, int hosts, int days) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicLong rows = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            new SnapshotGenerator(new GeneratorSettings(LocalDate.of(2025, 10, 1), days, hosts, 5, 42,
                    ZoneOffset.UTC)).forEachSnapshot(snapshot -> {
                        for (HostSnapshot host : snapshot.hostSnapshots()) {
                            rows.addAndGet(host.rows().size());
                            producer.send(new ProducerRecord<>(topic, null,
                                    SnapshotTime.toRecordMillis(host.timestamp()), host.machine(),
                                    HostSnapshotJson.toBytes(host)), (metadata, error) -> {
                                        if (error != null) {
                                            failed.incrementAndGet();
                                        }
                                    });
                        }
                    });
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " snapshots could not be produced");
        }
        System.out.printf("produced %,d rows (%d hosts, %d days) in %.1f s, every send acknowledged%n", rows.get(),
                hosts, days, (System.nanoTime() - started) / 1e9);
        return rows.get();
    }

    private static void awaitReady(String url, Duration atMost) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/health/ready")).timeout(Duration.ofSeconds(30))
                .GET().build();
        long[] lastReport = {0};
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try {
                HttpResponse<String> response = client.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
                if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                    System.out.println("  not ready: " + response.body().strip());
                    lastReport[0] = System.nanoTime();
                }
            } catch (IOException e) {
                // not listening yet
            }
            return false;
        });
    }

    private static void quietLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.gpuledger.streams.http.access"))
                .setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("kafka")).setLevel(Level.WARN);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
