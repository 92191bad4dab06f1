package io.gpuledger.streams.http;

import static io.gpuledger.streams.http.HttpFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.app.GpuLedgerService;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * The server's lifecycle and its manners, on a real listener and broker: 503 with {@code Retry-After} before the
 * stores are attached, {@code /health/ready} only once Kafka Streams runs and has caught up, then limits, methods,
 * unknown paths, gzip and one log line per request. The steps share one service and run in order.
 */
@WithKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpBasicsIT {

    private static Path dir;
    private static HttpApi api;
    private static GpuLedgerService service;
    private static StreamsAppConfig config;
    private static String url;

    @BeforeAll
    static void startListenerOnly(KafkaBroker kafka) {
        dir = HttpFixtures.tempDir("gpuledger-basics-");
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("basics"), 2);
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        config = HttpFixtures.config(kafka, topic, "basics-" + topic, dir, 2, Map.of());
        api = new HttpApi(HttpSettings.from(config)).start();
        url = "http://127.0.0.1:" + api.port();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.stop();
        }
        if (service != null) {
            service.close();
        }
        HttpFixtures.deleteRecursively(dir);
    }

    @Test
    @Order(1)
    void beforeAttachOnlyLivenessAnswers() {
        HttpFixtures.Answer live = get(url, "/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("live");
        for (String path : new String[] {"/health/ready", "/api/v1/report", "/api/v1/report?hours-back=1", "/",
                "/internal/v1/edge-digests?start=0&end=1&partitions=0"}) {
            HttpFixtures.Answer answer = get(url, path);
            assertThat(answer.status()).as("%s -> %s", path, answer).isEqualTo(503);
            assertThat(answer.header("retry-after")).as(path).isEqualTo("5");
            assertThat(answer.header("content-type")).startsWith("application/json");
        }
        assertThat(get(url, "/api/v1/report").json().path("error").asText()).contains("starting");
    }

    @Test
    @Order(2)
    void readyOnlyOnceStreamsRunsAndHasCaughtUp() throws InterruptedException {
        service = new GpuLedgerService(config).start("127.0.0.1:" + api.port());
        api.attach(service);
        // Without the input offsets to reach, the service cannot have caught up: never ready.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpFixtures.Answer ready = get(url, "/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.header("retry-after")).isEqualTo("5");
            assertThat(ready.json().path("reason").asText()).isEqualTo("waiting for input offsets");
        });
        assertThat(get(url, "/health/live").status()).isEqualTo(200);
        service.readiness().captureTargets();
        HttpFixtures.awaitReady(url, Duration.ofSeconds(60));
        HttpFixtures.Answer ready = get(url, "/health/ready");
        assertThat(ready.json().path("status").asText()).isEqualTo("ready");
        HttpFixtures.Answer report = get(url, HttpFixtures.report("hours-back", "1"));
        assertThat(report.status()).as("%s", report).isEqualTo(200);
        assertThat(report.json().path("metadata").path("total_records").asInt()).isEqualTo(31);
        assertThat(report.header("x-gpuledger-computed-by")).isEqualTo("127.0.0.1:" + api.port());
    }

    @Test
    @Order(3)
    void oversizedRequestLineIsRefusedWithJson() {
        HttpFixtures.Answer answer = HttpFixtures.rawGet(api.port(), "/api/v1/report?host=" + "x".repeat(20_000),
                Map.of());
        assertThat(answer.status()).as("%s", answer).isIn(414, 431);
        assertThat(answer.header("content-type")).startsWith("application/json");
        HttpFixtures.Answer headers = HttpFixtures.rawGet(api.port(), "/health/live",
                Map.of("X-Padding", "y".repeat(20_000)));
        assertThat(headers.status()).as("%s", headers).isEqualTo(431);
    }

    @Test
    @Order(4)
    void otherMethodsUnknownPathsAndHead() throws Exception {
        java.net.http.HttpResponse<String> post = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/report"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        HttpFixtures.Answer unknown = get(url, "/api/v2/report");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("/api/v2/report");

        java.net.http.HttpResponse<String> head = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/health/live"))
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        assertThat(get(url, "/assets/none.css").status()).isEqualTo(404);
        assertThat(get(url, "/assets/..%2Fsecret.css").status()).isIn(400, 404);
    }

    @Test
    @Order(4)
    void everyAnswerKeepsBrowsersFromFramingSniffingOrLeakingItAndThePageRunsNothingForeign() {
        HttpFixtures.Answer page = get(url, "/?hours-back=1");
        HttpFixtures.Answer json = get(url, "/api/v1/report?hours-back=1");
        HttpFixtures.Answer error = get(url, "/api/v1/report?hours-back=zero");

        for (HttpFixtures.Answer answer : List.of(page, json, error)) {
            assertThat(answer.header("x-frame-options")).as("%s", answer.status()).isEqualTo("DENY");
            assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(answer.header("referrer-policy")).isEqualTo("no-referrer");
        }
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-security-policy")).contains("default-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("script-src");
        assertThat(page.body()).doesNotContain("<script");
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void largeAnswersAreGzippedWhenAsked() throws IOException {
        String target = HttpFixtures.report("hours-back", "1");
        HttpFixtures.Answer plain = get(url, target);
        assertThat(plain.body().length()).isGreaterThan(1024);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] raw = socket.getInputStream().readAllBytes();
            String head = new String(raw, 0, Math.min(raw.length, 2000), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Encoding: gzip");
            int bodyStart = head.indexOf("\r\n\r\n") + 4;
            byte[] body = dechunk(raw, bodyStart, head.toLowerCase().contains("transfer-encoding: chunked"));
            try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                String json = new String(gunzip.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(HttpFixtures.comparable(HttpFixtures.JSON.readTree(json)))
                        .isEqualTo(HttpFixtures.comparable(plain.json()));
            }
        }
    }

    private static byte[] dechunk(byte[] raw, int start, boolean chunked) {
        if (!chunked) {
            return java.util.Arrays.copyOfRange(raw, start, raw.length);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = start;
        while (at < raw.length) {
            int lineEnd = at;
            while (lineEnd + 1 < raw.length && !(raw[lineEnd] == '\r' && raw[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                    .split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    @Test
    @Order(6)
    void everyRequestIsOneLogLine() {
        Logger access = (Logger) LoggerFactory.getLogger("io.gpuledger.streams.http.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try {
            get(url, "/api/v1/report?hours-back=0");
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).matches("GET /api/v1/report\\?hours-back=0 400 \\d+ ms")));
        } finally {
            access.detachAppender(lines);
        }
    }

    @Test
    @Order(7)
    void afterStopNewRequestsAreRefused() {
        api.stop();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(url, "/health/live"))
                .isInstanceOf(java.io.UncheckedIOException.class);
        api = null;
    }
}
