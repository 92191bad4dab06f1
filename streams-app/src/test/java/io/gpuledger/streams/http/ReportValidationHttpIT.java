package io.gpuledger.streams.http;

import static io.gpuledger.streams.http.HttpFixtures.get;
import static io.gpuledger.streams.http.HttpFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rules §5.1 and 5.2 through HTTP on a real server over a real broker, and a battery of bad requests over every route
 * (public and internal) that prints its totals and fails on any 5xx: every parameter's bad values are a 400 whose
 * one-line JSON names the parameter (and the value), never a 500; the 404s of empty windows, months without data and
 * windows beyond retention carry the rules' messages. The service holds Example A (2025-11-03), keeps 30 days of
 * history and 7 days of raw rows.
 */
@WithKafka
class ReportValidationHttpIT {

    private static final String A_END = "2025-11-03 10:15:04.987654";

    private static Path dir;
    private static ServiceLauncher.Instance instance;
    private static String url;

    @BeforeAll
    static void start(KafkaBroker kafka) {
        dir = HttpFixtures.tempDir("gpuledger-validation-");
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("validation"), 2);
        HttpFixtures.produce(kafka, topic, SpecExamples.exampleA().snapshots());
        instance = HttpFixtures.start(HttpFixtures.config(kafka, topic, "validation-" + topic, dir, 2,
                Map.of("history-days", "30", "raw-retention-days", "7")));
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

    /** A 400 with a one-line JSON body whose {@code parameter} and message name the parameter. */
    private static JsonNode assertBadParameter(String pathAndQuery, String parameter, String... messageParts) {
        HttpFixtures.Answer answer = get(url, pathAndQuery);
        assertThat(answer.status()).as("%s -> %s", pathAndQuery, answer).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/json");
        assertThat(answer.body().strip()).as("one line").doesNotContain("\n");
        JsonNode json = answer.json();
        assertThat(json.path("parameter").asText()).as("parameter of %s", answer).isEqualTo(parameter);
        assertThat(json.path("error").asText()).as("message of %s", answer).contains(parameter).contains(messageParts);
        return json;
    }

    static Stream<Arguments> notApplicable() {
        return Stream.of(
                Arguments.of("allocation", "bucket-minutes", "30"),
                Arguments.of("allocation", "month", "2025-11"),
                Arguments.of("allocation", "snapshot-time", "2025-11-03 10:00:00"),
                Arguments.of("allocation", "window-minutes", "5"),
                Arguments.of("allocation", "gpu-model", "NVIDIA H200"),
                Arguments.of("monthly", "hours-back", "24"),
                Arguments.of("monthly", "host", "gpu"),
                Arguments.of("monthly", "bucket-minutes", "15"),
                Arguments.of("monthly", "snapshot-time", "2025-11-03 10:00:00"),
                Arguments.of("timeseries", "all-devices", "true"),
                Arguments.of("timeseries", "month", "2025-11"),
                Arguments.of("timeseries", "gpu-model", "NVIDIA H200"),
                Arguments.of("gpu_model_snapshot", "hours-back", "24"),
                Arguments.of("gpu_model_snapshot", "end-time", "2025-11-03 10:00:00"),
                Arguments.of("gpu_model_snapshot", "host", "gpu"),
                Arguments.of("gpu_model_snapshot", "all-devices", "false"),
                Arguments.of("gpu_model_snapshot", "month", "2025-11"),
                Arguments.of("gpu_model_snapshot", "bucket-minutes", "15"));
    }

    @ParameterizedTest(name = "{1} with type={0}")
    @MethodSource("notApplicable")
    void parameterThatDoesNotApplyToTheTypeIs400(String type, String parameter, String value) {
        List<String> query = new ArrayList<>(List.of("type", type, parameter, value));
        if (type.equals("gpu_model_snapshot")) {
            query.addAll(List.of("snapshot-time", "2025-11-03 10:00:00"));
        }
        assertBadParameter(report(query.toArray(String[]::new)), parameter,
                "parameter '" + parameter + "' does not apply to report '" + type + "'");
    }

    @Test
    void unknownParameterIs400() {
        assertBadParameter(report("hours_back", "24"), "hours_back", "unknown parameter 'hours_back'");
        assertBadParameter("/api/v1/report?verbose", "verbose", "unknown parameter");
    }

    @Test
    void repeatedParameterIs400() {
        assertBadParameter("/api/v1/report?hours-back=1&hours-back=2", "hours-back", "given 2 times");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "Allocation", "", "time_series", "gpu-model-snapshot"})
    void badTypeIs400(String type) {
        assertBadParameter(report("type", type), "type",
                "type must be one of allocation, monthly, timeseries, gpu_model_snapshot: got '" + type + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "8785", "-1", "abc", "1.5", "", " 24", "24 ", "+24", "1e3", "99999999999"})
    void badHoursBackIs400(String value) {
        JsonNode error = assertBadParameter(report("hours-back", value), "hours-back",
                "hours-back must be an integer between 1 and 8784: got '" + value + "'");
        assertThat(error.path("value").asText()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "8784"})
    void hoursBackLimitsAreAccepted(String value) {
        HttpFixtures.Answer answer = get(url, report("hours-back", value, "end-time", A_END));
        assertThat(answer.status()).as("%s", answer).isNotEqualTo(400).isNotEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-31 10:00", "2025-13-01 10:00:00", "2025-11-03", "2025/11/03 10:00:00",
            "2025-11-03 25:00:00", "2025-11-03 10:00:00Z", "2025-11-03 10:00:00+01:00", "2025-11-03 10:00:00.1234567",
            "2025-11-03 10:00:60", "2025-11-03 10", "2025-11-03 10:00:00.", "now", ""})
    void badEndTimeIs400(String value) {
        assertBadParameter(report("end-time", value), "end-time",
                "end-time must be YYYY-MM-DD HH:MM:SS: got '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-03 10:15", "2025-11-03T10:15", "2025-11-03 10:15:04", "2025-11-03T10:15:04",
            "2025-11-03 10:15:04.987654", "2025-11-03T10:15:04.9"})
    void everyEndTimeFormIsAccepted(String value) {
        HttpFixtures.Answer answer = get(url, report("end-time", value, "hours-back", "1"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("metadata").path("num_intervals").asInt()).isBetween(1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13", "2025-00", "2025-1", "202511", "2025-11-01", "Nov 2025", ""})
    void badMonthIs400(String value) {
        assertBadParameter(report("type", "monthly", "month", value), "month",
                "month must be YYYY-MM: got '" + value + "'");
    }

    @Test
    void monthWithEndTimeIs400() {
        assertBadParameter(report("type", "monthly", "month", "2025-11", "end-time", "2025-12-01 00:00:00"), "month",
                "use either month or end-time, not both");
    }

    @Test
    void gpuModelSnapshotWithoutSnapshotTimeIs400() {
        assertBadParameter(report("type", "gpu_model_snapshot"), "snapshot-time",
                "snapshot-time is required for gpu_model_snapshot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-11-03", "2025-02-29 10:00:00", ""})
    void badSnapshotTimeIs400(String value) {
        assertBadParameter(report("type", "gpu_model_snapshot", "snapshot-time", value), "snapshot-time",
                "snapshot-time must be YYYY-MM-DD HH:MM:SS: got '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"61", "-1", "x", "5.0", ""})
    void badWindowMinutesIs400(String value) {
        assertBadParameter(report("type", "gpu_model_snapshot", "snapshot-time", "2025-11-03 10:00:00",
                "window-minutes", value), "window-minutes",
                "window-minutes must be an integer between 0 and 60: got '" + value + "'");
    }

    @Test
    void emptyGpuModelIs400() {
        assertBadParameter(report("type", "gpu_model_snapshot", "snapshot-time", "2025-11-03 10:00:00",
                "gpu-model", ""), "gpu-model", "gpu-model must be a device name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10", "14", "50", "100", "1441", "2880", "x", "", "-15"})
    void badBucketMinutesIs400(String value) {
        assertBadParameter(report("type", "timeseries", "bucket-minutes", value), "bucket-minutes",
                "bucket-minutes must be a multiple of 15 that divides 1440", "got '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "30", "45", "60", "90", "120", "480", "1440"})
    void allowedBucketMinutesAreAccepted(String value) {
        HttpFixtures.Answer answer = get(url, report("type", "timeseries", "bucket-minutes", value, "hours-back", "1",
                "end-time", A_END));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().path("bucket_minutes").asInt()).isEqualTo(Integer.parseInt(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "1", "", "on"})
    void badAllDevicesIs400(String value) {
        assertBadParameter(report("all-devices", value), "all-devices",
                "all-devices must be true or false: got '" + value + "'");
    }

    @Test
    void hostOver255CharactersIs400() {
        assertBadParameter(report("host", "h".repeat(256)), "host", "host must be at most 255 characters");
        assertThat(get(url, report("host", "h".repeat(255), "end-time", A_END)).status())
                .as("255 characters are allowed (no machine matches: empty tables, not an error)").isEqualTo(200);
    }

    static Stream<Arguments> badExclusions() {
        return Stream.of(
                Arguments.of("{gpulab2003: \"Interactive slots only.\"}", "no excluded_hosts mapping"),
                Arguments.of("excluded_hosts: [gpulab2003]", "must be a mapping"),
                Arguments.of("excluded_hosts:\n  \"\": empty", "empty host pattern"),
                Arguments.of("excluded_hosts:\n  gpulab2003: [1, 2]", "not a string"),
                Arguments.of("excluded_hosts: {gpulab2003: x\n", "not valid YAML"),
                Arguments.of("{\"excluded_hosts\": {\"a\": \"b\"", "not valid YAML"));
    }

    @ParameterizedTest
    @MethodSource("badExclusions")
    void badExcludeHostsIs400WithOneLine(String document, String reason) {
        JsonNode error = assertBadParameter(report("exclude-hosts", document), "exclude-hosts", reason);
        assertThat(error.path("error").asText()).doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "JSON", "", "pdf"})
    void badFormatIs400(String value) {
        assertBadParameter(report("format", value), "format",
                "format must be one of json, text, html, csv: got '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"html", "csv"})
    void gpuModelSnapshotHasNoHtmlOrCsv(String format) {
        assertBadParameter(report("type", "gpu_model_snapshot", "snapshot-time", "2025-11-03 10:00:00",
                "format", format), "format", "'" + format + "'", "gpu_model_snapshot");
    }

    @Test
    void malformedQueryStringIs400NotAServerError() {
        // Sent over a plain socket: the JDK client refuses to build such a URI.
        for (String target : List.of("/api/v1/report?end-time=%ZZ", "/api/v1/report?host=%", "/%ZZ")) {
            HttpFixtures.Answer answer = HttpFixtures.rawGet(instance.api().port(), target, Map.of());
            assertThat(answer.status()).as("%s -> %s", target, answer).isEqualTo(400);
            assertThat(answer.header("content-type")).startsWith("application/json");
            assertThat(answer.json().path("error").asText()).isNotBlank().doesNotContain("Exception");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"allocation", "timeseries"})
    void emptyWindowIs404WithTheSpecMessage(String type) {
        HttpFixtures.Answer answer = get(url, report("type", type, "end-time", "2025-11-03 08:00:00",
                "hours-back", "1"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).isEqualTo("No data found in the specified time range.");
        // The range that exists, so that the next request can ask for it: Example A's snapshots run from
        // 2025-11-03 10:00:05 to 10:15:04.987654, after the hour asked for.
        String earliest = answer.json().path("earliest_data").asText();
        assertThat(earliest).isEqualTo("2025-11-03 10:00:05");
        assertThat(answer.json().path("latest_data").asText()).isEqualTo("2025-11-03 10:15:04");
        String history = "history holds " + earliest + " .. 2025-11-03 10:15:04";
        assertThat(answer.json().path("history").asText()).isEqualTo(history);
        HttpFixtures.Answer text = get(url, report("type", type, "end-time", "2025-11-03 08:00:00", "hours-back",
                "1", "format", "text"));
        assertThat(text.status()).isEqualTo(404);
        assertThat(text.header("content-type")).startsWith("text/plain");
        assertThat(text.body().strip()).isEqualTo("No data found in the specified time range.; " + history);
        HttpFixtures.Answer page = get(url, "/?type=" + type + "&end-time=2025-11-03%2008:00:00&hours-back=1");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains(history);
        HttpFixtures.Answer csv = get(url, report("type", type, "end-time", "2025-11-03 08:00:00", "hours-back",
                "1", "format", "csv"));
        assertThat(csv.status()).isEqualTo(404);
        assertThat(csv.header("content-type")).startsWith("text/plain");
        assertThat(csv.body().strip()).isEqualTo("No data found in the specified time range.; " + history);
    }

    @Test
    void monthWithoutDataIs404WithTheMonthlyErrorBody() {
        // December 2025 is after Example A's data and inside the retained history: a month without rows.
        HttpFixtures.Answer answer = get(url, report("type", "monthly", "month", "2025-12"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        JsonNode body = answer.json();
        assertThat(body.path("error").asText()).isEqualTo("No data found for December 2025");
        assertThat(body.path("month").asText()).isEqualTo("December 2025");
        assertThat(body.path("start_date").asText()).isEqualTo("2025-12-01 00:00:00");
        assertThat(body.path("end_date").asText()).isEqualTo("2025-12-31 23:59:59");
        assertThat(body.path("total_hours").asLong()).isEqualTo(744);
        assertThat(body.path("history").asText()).startsWith("history holds ").endsWith(" .. 2025-11-03 10:15:04");
        HttpFixtures.Answer text = get(url, report("type", "monthly", "month", "2025-12", "format", "text"));
        assertThat(text.status()).isEqualTo(404);
        assertThat(text.header("content-type")).startsWith("text/plain");
        assertThat(text.body().strip()).startsWith("No data found for December 2025; history holds ")
                .endsWith(" .. 2025-11-03 10:15:04");
    }

    @Test
    void snapshotTimeBeforeTheRawRetentionFollowsTheRequestedFormat() {
        HttpFixtures.Answer text = get(url, report("type", "gpu_model_snapshot",
                "snapshot-time", "2025-10-20 10:00:00", "format", "text"));
        assertThat(text.status()).as("%s", text).isEqualTo(404);
        assertThat(text.header("content-type")).startsWith("text/plain");
        assertThat(text.body().strip()).startsWith("snapshot-time '2025-10-20 10:00:00' reaches back to")
                .contains("earliest available time 2025-10-27 10:15:04");
    }

    @Test
    void windowStartingBeforeTheRetainedHistoryIs404NamingTheEarliestTime() {
        // 30 days of history counted back from the latest snapshot, 2025-11-03 10:15:04.987654.
        HttpFixtures.Answer answer = get(url, report("hours-back", "8784"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        assertThat(answer.json().path("parameter").asText()).isEqualTo("hours-back");
        assertThat(answer.json().path("earliest_available").asText()).isEqualTo("2025-10-04 10:15:04");
        assertThat(answer.json().path("error").asText()).contains("earliest available time 2025-10-04 10:15:04");

        HttpFixtures.Answer old = get(url, report("end-time", "2025-09-01 00:00:00"));
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.json().path("parameter").asText()).isEqualTo("end-time");

        HttpFixtures.Answer month = get(url, report("type", "monthly", "month", "2025-09"));
        assertThat(month.status()).isEqualTo(404);
        assertThat(month.json().path("parameter").asText()).isEqualTo("month");
        assertThat(month.json().path("earliest_available").asText()).isEqualTo("2025-10-04 10:15:04");
    }

    @Test
    void snapshotTimeBeforeTheRawRetentionIs404NamingTheEarliestTime() {
        HttpFixtures.Answer answer = get(url, report("type", "gpu_model_snapshot",
                "snapshot-time", "2025-10-20 10:00:00"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        assertThat(answer.json().path("parameter").asText()).isEqualTo("snapshot-time");
        assertThat(answer.json().path("earliest_available").asText()).isEqualTo("2025-10-27 10:15:04");
        HttpFixtures.Answer recent = get(url, report("type", "gpu_model_snapshot",
                "snapshot-time", "2025-11-03 10:00:00"));
        assertThat(recent.status()).as("%s", recent).isEqualTo(200);
        assertThat(recent.json().path("models")).hasSize(3);
    }

    @Test
    void validRequestsOfEveryTypeAnswer200() {
        assertThat(get(url, report("end-time", A_END, "hours-back", "1")).status()).isEqualTo(200);
        assertThat(get(url, report("type", "timeseries", "end-time", A_END, "hours-back", "1")).status())
                .isEqualTo(200);
        assertThat(get(url, report("type", "monthly", "month", "2025-11")).status()).isEqualTo(200);
        assertThat(get(url, report("type", "gpu_model_snapshot", "snapshot-time", "2025-11-03 10:10:00",
                "window-minutes", "10", "gpu-model", "NVIDIA H200")).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The bad-request battery: every route and parameter, public and internal; a 5xx is always a bug.

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<Integer> BAD = Set.of(400);
    private static final Set<Integer> BAD_OR_MISSING = Set.of(400, 404);
    private static final Set<Integer> METHOD = Set.of(405);

    /** One request, its body (JSON, or null) and headers, and the statuses it may get. */
    private record Probe(String method, String pathAndQuery, Set<Integer> expected, String body,
                         Map<String, String> headers) {

        Probe(String method, String pathAndQuery, Set<Integer> expected) {
            this(method, pathAndQuery, expected, null, Map.of());
        }
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
        // Replays: a request names months, never a path; this service has no history directory to replay from.
        String replays = "/api/v1/replays";
        for (String body : List.of("", "{", "[]", "{\"from\":\"2025-13\"}", "{\"from\":\"2025-10\",\"to\":\"2025-09\"}",
                "{\"from\":\"2025-10\",\"dir\":\"/etc\"}", "{\"from\":\"../../etc\"}", "{\"from\":\"2025-10\"}",
                "{\"from\":\"\u00f1\u0000\"}")) {
            probes.add(new Probe("POST", replays, BAD, body, Map.of()));
        }
        for (int size : List.of(10_000, 2_000_000)) {
            probes.add(new Probe("POST", replays, Set.of(413), "{\"from\":\"" + "9".repeat(size) + "\"}", Map.of()));
        }
        for (String path : List.of(replays + "/r999", replays + "/..", replays + "/r1/x", replays + "/%00")) {
            probes.add(new Probe("GET", path, BAD_OR_MISSING));
        }
        probes.add(new Probe("DELETE", replays + "/r999", BAD_OR_MISSING));
        probes.add(new Probe("PUT", replays, METHOD));
        // Oversized request line and header: refused by the server's limits (16 KiB of headers), not a 5xx.
        probes.add(new Probe("GET", report + "host=" + "a".repeat(20_000), Set.of(400, 414, 431)));
        probes.add(new Probe("GET", report + "hours-back=24", Set.of(400, 431), null,
                Map.of("X-Filler", "b".repeat(20_000))));
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
                HttpFixtures.Answer answer = HttpFixtures.rawGet(port, probe.pathAndQuery(), probe.headers());
                status = answer.status();
                body = answer.body();
            } else {
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + port + probe.pathAndQuery())).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(probe.body())).build(),
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
