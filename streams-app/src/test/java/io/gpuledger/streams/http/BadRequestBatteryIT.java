package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad requests over every route and parameter, public and internal, on a real server over a real broker: each gets
 * the 4xx it should, with a body, never a 5xx (a 5xx is always a bug). Prints the totals.
 */
@WithKafka
class BadRequestBatteryIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<Integer> BAD = Set.of(400);
    private static final Set<Integer> BAD_OR_MISSING = Set.of(400, 404);
    private static final Set<Integer> METHOD = Set.of(405);

    private static Path dir;
    private static ServiceLauncher.Instance instance;
    private static String url;

    /** One request and the statuses it may get. */
    private record Probe(String method, String pathAndQuery, Set<Integer> expected) {
    }

    @BeforeAll
    static void start(KafkaBroker kafka) {
        dir = HttpFixtures.tempDir("gpuledger-battery-");
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("battery"), 2);
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        instance = HttpFixtures.start(HttpFixtures.config(kafka, topic, "battery-" + topic, dir, 2, Map.of()));
        url = instance.baseUrl();
        HttpFixtures.awaitReady(url, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
        HttpFixtures.deleteRecursively(dir);
    }

    private static List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        String report = "/api/v1/report?";
        for (String query : List.of("hours-back=0", "hours-back=-1", "hours-back=abc", "hours-back=",
                "hours-back=99999999999999999999", "hours-back=1e3", "hours-back=1&hours-back=2", "type=x", "type=",
                "format=xml", "format=", "end-time=2025-13-01T00:00:00", "end-time=not-a-date", "end-time=",
                "start-time=2025-11-03T10:00:00&end-time=2025-11-03T09:00:00", "all-devices=maybe", "unknown=1",
                "%zz=1", "type=monthly&month=2025-13", "type=monthly&month=abc", "type=monthly&month=",
                "type=timeseries&bucket-minutes=0", "type=timeseries&bucket-minutes=-15",
                "type=timeseries&bucket-minutes=99999999999", "type=gpu_model_snapshot&snapshot-time=x",
                "type=gpu_model_snapshot&window-minutes=-5", "type=gpu_model_snapshot&window-minutes=abc",
                "hours-back=24&bucket-minutes=15", "type=monthly&hours-back=24")) {
            probes.add(new Probe("GET", report + query, BAD));
        }
        // Extreme dates: a clear 4xx naming the parameter or the data that exists, never an overflow.
        for (String query : List.of("end-time=0000-01-01T00:00:00", "end-time=9999-12-31T23:59:59",
                "end-time=-999999999-01-01T00:00:00", "type=monthly&month=0000-01", "type=monthly&month=9999-12",
                "start-time=0001-01-01T00:00:00&end-time=9999-12-31T00:00:00",
                "type=gpu_model_snapshot&snapshot-time=0000-01-01T00:00:00", "hours-back=2147483647",
                "hours-back=9223372036854775807")) {
            probes.add(new Probe("GET", report + query, BAD_OR_MISSING));
        }
        for (String query : List.of("hours-back=0", "type=bogus", "end-time=0000-01-01T00:00:00", "format=xml")) {
            probes.add(new Probe("GET", "/?" + query, query.startsWith("end-time") ? BAD_OR_MISSING : BAD));
        }
        for (String query : List.of("from=abc&to=def", "from=2025-11-04T00:00:00&to=2025-11-03T00:00:00",
                "from=2025-11-03T00:00:00&from=2025-11-04T00:00:00", "step=60", "from=&to=")) {
            probes.add(new Probe("GET", "/api/v1/openmetrics?" + query, BAD_OR_MISSING));
        }
        String edges = "/internal/v1/edge-digests";
        String raw = "/internal/v1/raw-snapshots";
        for (String query : List.of("", "?start=10&end=1&partitions=0", "?start=abc&end=1&partitions=0",
                "?start=1&end=10&partitions=2147483647", "?start=1&end=10&partitions=", "?start=1&end=10&partitions=-1",
                "?start=1&end=10&partitions=x", "?start=1&end=10", "?start=1&start=2&end=10&partitions=0")) {
            probes.add(new Probe("GET", edges + query, BAD));
        }
        for (String query : List.of("", "?from=10&to=1&partitions=0", "?from=x&to=1&partitions=0",
                "?from=1&to=2&partitions=2147483647", "?from=1&to=2&partitions=", "?from=1&to=2")) {
            probes.add(new Probe("GET", raw + query, BAD));
        }
        for (String path : List.of("/assets/../../etc/passwd", "/assets/%2e%2e/secret.css", "/assets/",
                "/assets/none.css", "/api/v1/reports", "/internal/v1/nothing", "/api", "/health", "/metrics/x")) {
            probes.add(new Probe("GET", path, BAD_OR_MISSING));
        }
        probes.add(new Probe("POST", "/api/v1/report", METHOD));
        probes.add(new Probe("DELETE", "/", METHOD));
        probes.add(new Probe("PUT", "/metrics", METHOD));
        probes.add(new Probe("POST", edges + "?start=1&end=10&partitions=0", METHOD));
        probes.add(new Probe("PATCH", "/health/ready", METHOD));
        return probes;
    }

    @Test
    void everyBadRequestIsAClean4xxAndNoneIsA5xx() throws Exception {
        List<Probe> probes = probes();
        List<String> wrong = new ArrayList<>();
        int clean = 0;
        int serverErrors = 0;
        int port = URI.create(url).getPort();
        for (Probe probe : probes) {
            int status;
            String body;
            if (probe.method().equals("GET")) {
                // Raw bytes on the socket: the request line goes out exactly as written, malformed escapes included.
                HttpFixtures.Answer answer = HttpFixtures.rawGet(port, probe.pathAndQuery(), Map.of());
                status = answer.status();
                body = answer.body();
            } else {
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + port + probe.pathAndQuery())).timeout(Duration.ofSeconds(30))
                        .method(probe.method(), HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
            }
            if (status >= 500) {
                serverErrors++;
            }
            if (probe.expected().contains(status) && !body.isBlank()) {
                clean++;
            } else {
                wrong.add(probe.method() + " " + probe.pathAndQuery() + " -> " + status + " "
                        + body.strip().lines().findFirst().orElse("(empty body)"));
            }
        }
        System.out.printf("bad-request battery: %d tried, %d clean 4xx as expected, %d 5xx%n", probes.size(), clean,
                serverErrors);

        assertThat(probes).hasSizeGreaterThanOrEqualTo(60);
        assertThat(wrong).as("requests answered otherwise than expected").isEmpty();
        assertThat(serverErrors).isZero();
    }
}
