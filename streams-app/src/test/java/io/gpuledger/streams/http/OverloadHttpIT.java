package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.app.GpuLedgerService;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.Report;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bounded work: given reports that take long (their rendering is held at a gate), when more clients ask than the
 * bound of computed reports (running + waiting), then every client past the bound is answered 503 with
 * {@code Retry-After} at once, health still answers, and the held ones complete once the gate opens. A connection
 * that trickles its header is closed at the header deadline.
 */
@WithKafka
class OverloadHttpIT {

    /** Renders as the service does, but text reports wait at a gate: a report that takes as long as the test says. */
    static final class GatedRenderer implements ReportRenderer {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();
        private final SpecReportRenderer renderer = new SpecReportRenderer();

        @Override
        public String render(Report report, TimeSeriesReport overTimeOrNull, ReportFormat format) {
            if (format == ReportFormat.TEXT) {
                waiting.incrementAndGet();
                try {
                    gate.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return renderer.render(report, overTimeOrNull, format);
        }

        @Override
        public String page(Report report, TimeSeriesReport overTimeOrNull, PageSelection selection) {
            return renderer.page(report, overTimeOrNull, selection);
        }

        @Override
        public String noData(NoDataException error, ReportFormat format, PageSelection pageOrNull) {
            return renderer.noData(error, format, pageOrNull);
        }
    }

    private Path dir;
    private HttpApi api;
    private GpuLedgerService service;
    private final GatedRenderer renderer = new GatedRenderer();

    private String start(KafkaBroker kafka, HttpSettings settings) throws InterruptedException {
        dir = HttpFixtures.tempDir("gpuledger-overload-");
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("overload"), 2);
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        StreamsAppConfig config = HttpFixtures.config(kafka, topic, "overload-" + topic, dir, 2, Map.of());
        api = new HttpApi(settings, renderer).start();
        service = new GpuLedgerService(config).start("127.0.0.1:" + api.port());
        service.readiness().captureTargets();
        api.attach(service);
        String url = "http://127.0.0.1:" + api.port();
        HttpFixtures.awaitReady(url, Duration.ofMinutes(1));
        return url;
    }

    @AfterEach
    void stop() {
        renderer.gate.countDown();
        if (api != null) {
            api.stop();
        }
        if (service != null) {
            service.close();
        }
        HttpFixtures.deleteRecursively(dir);
    }

    @Test
    void twoHundredClientsPastTheBoundAreAnswered503WithRetryAfterWhileHealthStillAnswers(KafkaBroker kafka)
            throws Exception {
        HttpSettings settings = HttpSettings.defaults("127.0.0.1", 0);
        String url = start(kafka, settings);
        int bound = settings.queryThreads() + settings.maxQueuedQueries();
        int clients = 200;
        URI report = URI.create(url + "/api/v1/report?format=text&hours-back=1&end-time="
                + HttpFixtures.encode(SpecExamples.A.T2));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(report).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        // While the bound's reports are held, everyone past it has already been answered.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> answers.stream().filter(CompletableFuture::isDone).count() == clients - bound);
        assertThat(renderer.waiting.get()).as("reports computing").isEqualTo(settings.queryThreads());
        List<HttpResponse<String>> refused = answers.stream().filter(CompletableFuture::isDone)
                .map(CompletableFuture::join).toList();
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("retry-after")).isPresent();
            assertThat(answer.body()).contains("too many reports in progress");
        });
        assertThat(HttpFixtures.get(url, "/health/live").status()).isEqualTo(200);
        assertThat(HttpFixtures.get(url, "/metrics").status()).isEqualTo(200);

        renderer.gate.countDown();
        List<Integer> held = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            if (!refused.contains(answer.getNow(null))) {
                held.add(answer.get(1, TimeUnit.MINUTES).statusCode());
            }
        }
        assertThat(held).hasSize(bound).containsOnly(200);
        System.out.printf("overload: %d clients, bound %d (%d computing + %d waiting): %d answered 503 at once, "
                + "%d answered 200 after the gate opened; HTTP threads %d%n", clients, bound,
                settings.queryThreads(), settings.maxQueuedQueries(), refused.size(), held.size(),
                settings.httpThreads());
    }

    @Test
    void aConnectionThatTricklesItsHeaderIsClosedAtTheHeaderDeadline(KafkaBroker kafka) throws Exception {
        HttpSettings defaults = HttpSettings.defaults("127.0.0.1", 0);
        HttpSettings settings = new HttpSettings(defaults.bind(), 0, defaults.maxHeaderBytes(),
                defaults.idleTimeout(), Duration.ofSeconds(1), defaults.queryTimeout(), defaults.queryThreads(),
                defaults.maxQueuedQueries(), defaults.peerTimeout(), defaults.retryAfter(), null, null);
        String url = start(kafka, settings);

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", api.port()), 5_000);
            // Far longer than the deadline, shorter than the idle timeout: only the deadline can close it.
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Whatever the server says on its way out (nothing, or an error status line), it then closes.
            String said;
            try (InputStream in = socket.getInputStream()) {
                said = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (SocketException reset) {
                said = "";
            }
            assertThat(said).satisfiesAnyOf(text -> assertThat(text).isEmpty(),
                    text -> assertThat(text).startsWith("HTTP/1.1 4"));
            System.out.println("header deadline: the server closed the connection after: "
                    + (said.isEmpty() ? "(nothing)" : said.lines().findFirst().orElse("")));
        }
        assertThat(HttpFixtures.get(url, "/health/live").status()).as("a whole request still answers")
                .isEqualTo(200);
    }
}
