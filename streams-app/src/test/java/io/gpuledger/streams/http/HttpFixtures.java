package io.gpuledger.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.testing.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * What the service tests share (HTTP, metrics): a service configured like the real one on the test broker, a client,
 * snapshots in.
 */
public final class HttpFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpFixtures() {
    }

    /** An HTTP answer with its body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        }
    }

    /**
     * The service's configuration as the command line would build it, on the test broker with its own topic,
     * application id and state dir.
     */
    public static StreamsAppConfig config(KafkaBroker kafka, String topic, String applicationId, Path dir,
                                          int partitions, Map<String, String> extra) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap-servers", kafka.bootstrapServers());
        flags.put("data-dir", dir.toString());
        flags.put("state-dir", dir.resolve("streams").toString());
        flags.put("application-id", applicationId);
        flags.put("http-port", "0");
        flags.put("bind", "127.0.0.1");
        flags.put("topic", topic);
        flags.put("partitions", String.valueOf(partitions));
        flags.put("commit-interval-ms", "200");
        flags.putAll(extra);
        return StreamsAppConfig.of(flags);
    }

    /**
     * The snapshots topic as the service creates it: history never ages out ({@code retention.ms=-1}). With the
     * broker's default retention, records stamped months ago would be deleted at the next retention check, possibly
     * before the service reads them (docs/architecture.md).
     */
    public static String createSnapshotTopic(KafkaBroker kafka, String name, int partitions) {
        return kafka.createTopic(name, partitions, Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
    }

    public static ServiceLauncher.Instance start(StreamsAppConfig config) {
        try {
            return ServiceLauncher.start(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Produces snapshots as the loader does: key = machine, JSON value, record time = the snapshot time. Every send is
     * checked, so a lost record fails here rather than as a report that never completes.
     */
    public static void produce(KafkaBroker kafka, String topic, Collection<HostSnapshot> snapshots) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        List<Future<RecordMetadata>> sent = new ArrayList<>(snapshots.size());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (HostSnapshot snapshot : snapshots) {
                sent.add(producer.send(new ProducerRecord<>(topic, null,
                        SnapshotTime.toRecordMillis(snapshot.timestamp()), snapshot.machine(),
                        HostSnapshotJson.toBytes(snapshot))));
            }
            producer.flush();
            for (Future<RecordMetadata> record : sent) {
                record.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("producing to " + topic + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Answer get(String baseUrl, String pathAndQuery) {
        return get(baseUrl, pathAndQuery, Map.of());
    }

    public static Answer get(String baseUrl, String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/$", "") + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        return send(request, "GET " + pathAndQuery);
    }

    /** A request with {@code method} and, unless null, a body of {@code contentType} (POST, DELETE). */
    public static Answer send(String baseUrl, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, method + " " + path);
    }

    private static Answer send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> flat = new HashMap<>();
            response.headers().map().forEach((name, values) -> flat.put(name.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", values)));
            return new Answer(response.statusCode(), flat, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request written by hand on a socket, for targets and headers a proper client will not send. Reads the whole
     * answer (the request asks the server to close) within 10 s.
     */
    static Answer rawGet(int port, String target, Map<String, String> headers) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = raw.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? raw : raw.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : raw.substring(headerEnd + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> flat = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    flat.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            if ("chunked".equalsIgnoreCase(flat.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Answer(status, flat, body);
        } catch (IOException e) {
            throw new UncheckedIOException("raw GET " + target + " failed", e);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    /** {@code /api/v1/report?name=value&...}, each value URL-encoded. */
    public static String report(String... namesAndValues) {
        StringBuilder query = new StringBuilder("/api/v1/report");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(i == 0 ? '?' : '&').append(encode(namesAndValues[i])).append('=')
                    .append(encode(namesAndValues[i + 1]));
        }
        return query.toString();
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Waits (bounded) until the instance answers {@code /health/ready} with 200. */
    public static void awaitReady(String baseUrl, Duration atMost) {
        Awaitility.await("ready: " + baseUrl).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Answer ready = get(baseUrl, "/health/ready");
                    org.assertj.core.api.Assertions.assertThat(ready.status()).as("%s", ready).isEqualTo(200);
                });
    }

    /** The report JSON without the two fields that differ between computations (architecture §3, "identical JSON"). */
    static JsonNode comparable(JsonNode report) {
        JsonNode copy = report.deepCopy();
        if (copy.has("metadata") && copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("generated_at");
            metadata.remove("analysis_runtime_seconds");
        }
        return copy;
    }

    /** The first JSON path where two documents differ, with both values, or null when equal: short failure messages. */
    public static String firstDifference(JsonNode expected, JsonNode actual) {
        return difference("$", expected, actual);
    }

    private static String difference(String path, JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!expected.has(name) || !actual.has(name)) {
                    return path + "." + name + ": expected " + abbreviate(expected.get(name)) + ", got "
                            + abbreviate(actual.get(name));
                }
                String inner = difference(path + "." + name, expected.get(name), actual.get(name));
                if (inner != null) {
                    return inner;
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                String inner = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (inner != null) {
                    return inner;
                }
            }
            if (expected.size() != actual.size()) {
                return path + ": expected " + expected.size() + " elements, got " + actual.size();
            }
        }
        return path + ": expected " + abbreviate(expected) + ", got " + abbreviate(actual);
    }

    private static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir: best effort
        }
    }
}
