package io.gpuledger.streams.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.backfill.BackfillLoader;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.backfill.ReplaySummary;
import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.ingest.generate.GenerationSummary;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.live.AdCollections;
import io.gpuledger.ingest.live.Collection;
import io.gpuledger.ingest.live.LiveSettings;
import io.gpuledger.ingest.live.SnapshotPublisher;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.topic.SnapshotTopic;
import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import io.gpuledger.kafka.local.KafkaTopics;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.config.StreamsAppConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

/**
 * Freshness of the live path (issue 11): from publishing a collection with {@code ingest live}'s publisher to the
 * moment the report API ({@code total_records} of the last hour) and {@code /metrics}
 * ({@code gpuledger_latest_snapshot_timestamp_seconds}) reflect it; median and max of {@code --tries} collections,
 * first with the service idle, then while a replay of a generated month runs into the same topic and service. Not a
 * test: run it with {@code deploy/bench/freshness.sh}.
 */
public final class LiveFreshnessBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LiveFreshnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 31;
        // The loader's --max-rows-per-second (0 = none): pacing keeps the replay's lag, which live records wait behind.
        long maxRowsPerSecond = args.length > 3 ? Long.parseLong(args[3]) : 0;
        quietLogs();
        Path dir = Files.createTempDirectory("gpuledger-freshness-");
        String ads;
        try (InputStream in = Objects.requireNonNull(
                LiveFreshnessBenchmark.class.getResourceAsStream("/live/pool-collection.json"))) {
            ads = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // History ending two days ago, so it is inside the service's history behind the live collections.
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days + 2L);
        GenerationSummary generated = new SnapshotGenerator(GeneratorSettings.defaults().withStart(start)
                .withDays(days).withHosts(hosts)).generate(dir.resolve("files"));
        System.out.printf(Locale.ROOT, "generated %,d rows (%d hosts, %d days from %s)%n", generated.rows(), hosts,
                days, start);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dir.resolve("kafka"))).start()) {
            String topic = "gpu.host-snapshots";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                SnapshotTopic.ensure(admin, topic, 6, 1, false);
                KafkaTopics.awaitLeaders(admin, List.of(topic), Duration.ofSeconds(60));
            }
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("bootstrap-servers", broker.bootstrapServers());
            flags.put("data-dir", dir.resolve("service").toString());
            flags.put("http-port", "0");
            flags.put("topic", topic);
            flags.put("collector-zone", "UTC");
            try (ServiceLauncher.Instance instance = ServiceLauncher.start(StreamsAppConfig.of(flags))) {
                String url = instance.baseUrl().replaceAll("/$", "");
                awaitReady(url);
                Map<String, String> liveFlags = Map.of("bootstrap-servers", broker.bootstrapServers(), "topic", topic,
                        "collector-zone", "UTC", "metrics-port", "-1");
                LiveSettings live = LiveSettings.from(LiveSettings.TABLE.load(liveFlags));
                try (SnapshotPublisher publisher = SnapshotPublisher.connect(live)) {
                    int[] published = {0};
                    measure("idle service", tries, () -> publish(publisher, ads, ++published[0]), url);
                    LoaderSettings replay = LoaderSettings.of(dir.resolve("files"))
                            .with(LoaderSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                            .with(CommonSettings.TOPIC, topic)
                            .with(LoaderSettings.MAX_ROWS_PER_SECOND, maxRowsPerSecond)
                            .with(LoaderSettings.CHECKPOINT_DIR, dir.resolve("checkpoints"));
                    long replayStarted = System.nanoTime();
                    CompletableFuture<ReplaySummary> running = CompletableFuture.supplyAsync(
                            () -> new BackfillLoader(replay).run(ProgressListener.NONE));
                    // The loader scans a file before it sends any of it: start timing once the service is counting
                    // replayed rows, so that every try meets the replay's records in the same partitions.
                    awaitCount(url, "hours-back=" + (days + 3) * 24, 16L * published[0] + 100_000);
                    measure("during the replay", tries, () -> publish(publisher, ads, ++published[0]), url);
                    boolean overlapped = !running.isDone();
                    ReplaySummary summary = running.join();
                    System.out.printf(Locale.ROOT, "replay%s: %,d rows in %.1f s = %,.0f rows/s sent%s%n",
                            maxRowsPerSecond > 0 ? " paced at " + maxRowsPerSecond + " rows/s" : "",
                            summary.rows(), summary.seconds(), summary.rowsPerSecond(),
                            overlapped ? "" : " (it ended before the last try: later tries ran without it)");
                    awaitCount(url, "hours-back=" + (days + 3) * 24, generated.rows() + 16L * published[0]);
                    double caughtUp = (System.nanoTime() - replayStarted) / 1e9;
                    System.out.printf(Locale.ROOT, "service caught up with the replay after %.1f s: %,.0f rows/s "
                            + "processed%n", caughtUp, generated.rows() / caughtUp);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Publishes try {@code n}: the example pool stamped now (16 rows, 6 machines); returns its time. */
    private static LocalDateTime publish(SnapshotPublisher publisher, String ads, int n) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Collection collection = AdCollections.parse("try " + n, ads, now);
        publisher.publish(collection.snapshots());
        return now;
    }

    private interface Publish {
        LocalDateTime run();
    }

    private static void measure(String label, int tries, Publish publish, String url) throws Exception {
        List<Double> reportSeconds = new ArrayList<>();
        List<Double> metricsSeconds = new ArrayList<>();
        long expectedRows = -1;
        for (int i = 0; i < tries; i++) {
            long before = lastHourRows(url);
            expectedRows = before + 16;
            final long expected = expectedRows;
            long started = System.nanoTime();
            LocalDateTime stamp = publish.run();
            double[] seconds = {-1, -1};
            try {
                // Poll every 5 ms for 60 s; the times are taken when each side first shows the collection.
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
                    if (seconds[0] < 0 && lastHourRows(url) >= expected) {
                        seconds[0] = (System.nanoTime() - started) / 1e9;
                    }
                    if (seconds[1] < 0 && latestSnapshotSeconds(url) >= stamp.toEpochSecond(ZoneOffset.UTC)
                            + stamp.getNano() / 1e9 - 1e-6) {
                        seconds[1] = (System.nanoTime() - started) / 1e9;
                    }
                    return seconds[0] >= 0 && seconds[1] >= 0;
                });
            } catch (ConditionTimeoutException notWithinAMinute) {
                // counted as infinitely late below
            }
            double report = seconds[0];
            double metrics = seconds[1];
            reportSeconds.add(report < 0 ? Double.POSITIVE_INFINITY : report);
            metricsSeconds.add(metrics < 0 ? Double.POSITIVE_INFINITY : metrics);
            // Collections a quarter second apart: each try starts from a settled state.
            Awaitility.await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
        System.out.printf(Locale.ROOT, "%s, %d tries: report API median %.3f s, max %.3f s; /metrics median %.3f s,"
                        + " max %.3f s%n", label, tries, median(reportSeconds), max(reportSeconds),
                median(metricsSeconds), max(metricsSeconds));
    }

    private static long lastHourRows(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url
                + "/api/v1/report?hours-back=1")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).at("/metadata/total_records").asLong()
                : -1;
    }

    private static double latestSnapshotSeconds(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> line.startsWith("gpuledger_latest_snapshot_timestamp_seconds"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max()
                .orElse(-1);
    }

    private static void awaitCount(String url, String query, long rows) {
        Awaitility.await("the service counts " + rows + " rows").atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url
                            + "/api/v1/report?" + query)).build(), HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200
                            && JSON.readTree(response.body()).at("/metadata/total_records").asLong() >= rows;
                });
    }

    private static void awaitReady(String url) {
        Awaitility.await("ready: " + url).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .ignoreException(java.io.IOException.class)
                .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static void quietLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
