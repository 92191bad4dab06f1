package io.gpuledger.streams.http;

import static io.gpuledger.streams.http.HttpFixtures.get;
import static io.gpuledger.streams.http.HttpFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.ingest.generate.GenerationSummary;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replays on demand against a real broker: {@code POST /api/v1/replays} of two generated months, progress until done,
 * a report over every row; the 400s, 404s and 409s; a cancel and a restart in the middle of a replay, each followed by
 * the same months asked again, which resume and end with the report of an uninterrupted replay. The first test's
 * report is that reference, so the steps run in order.
 */
@WithKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayApiIT {

    private static final String JSON = "application/json";
    private static final String BOTH_MONTHS = "{\"from\":\"2025-10\",\"to\":\"2025-11\",\"skip-bad-rows\":false}";
    private static final Set<String> ENDED_OTHERWISE = Set.of("failed", "cancelled", "interrupted");
    private static final Duration AT_MOST = Duration.ofMinutes(3);

    private static Path dir;
    private static Path history;
    private static GenerationSummary generated;
    /** Paced so that a replay runs long enough (about 12 s) to be cancelled or interrupted in the middle. */
    private static long pacedRowsPerSecond;
    private static ServiceLauncher.Instance unpaced;
    private static JsonNode reference;

    @BeforeAll
    static void generateTwoMonths(KafkaBroker kafka) throws IOException {
        dir = HttpFixtures.tempDir("gpuledger-replays-");
        history = dir.resolve("history");
        Files.createDirectories(history);
        // Four days across the October/November boundary: two monthly files.
        generated = new SnapshotGenerator(new GeneratorSettings(LocalDate.of(2025, 10, 30), 4, 6, 5, 31))
                .generate(history);
        assertThat(generated.files()).hasSize(2);
        pacedRowsPerSecond = Math.max(1, generated.rows() / 12);
    }

    @AfterAll
    static void stop() {
        if (unpaced != null) {
            unpaced.close();
        }
        HttpFixtures.deleteRecursively(dir);
    }

    private static StreamsAppConfig config(KafkaBroker kafka, String name, long rowsPerSecond) {
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName(name), 2);
        return HttpFixtures.config(kafka, topic, name + "-" + topic, dir.resolve(name), 2, Map.of(
                "history-dir", history.toString(),
                "max-rows-per-second", String.valueOf(rowsPerSecond)));
    }

    private static String url(ServiceLauncher.Instance instance) {
        return instance.baseUrl();
    }

    private static HttpFixtures.Answer post(ServiceLauncher.Instance instance, String contentType, String body) {
        return send(url(instance), "POST", "/api/v1/replays", contentType, body);
    }

    /** POSTs {@code body}, checks the 202 and its Location, and returns the replay's id. */
    private static String accepted(ServiceLauncher.Instance instance, String body) {
        HttpFixtures.Answer answer = post(instance, JSON, body);
        assertThat(answer.status()).as("%s", answer).isEqualTo(202);
        String id = answer.json().path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(answer.header("location")).isEqualTo("/api/v1/replays/" + id);
        return id;
    }

    private static JsonNode replay(ServiceLauncher.Instance instance, String id) {
        HttpFixtures.Answer answer = get(url(instance), "/api/v1/replays/" + id);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    /** Polls the replay until it is in {@code phase}; any other end fails at once with the replay's record. */
    private static JsonNode awaitPhase(ServiceLauncher.Instance instance, String id, String phase) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await("replay " + id + " " + phase).atMost(AT_MOST).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode status = replay(instance, id);
                    last.set(status);
                    String now = status.path("phase").asText();
                    if (!now.equals(phase) && ENDED_OTHERWISE.contains(now)) {
                        throw new IllegalStateException("replay " + id + " ended " + now + ": " + status);
                    }
                    return now.equals(phase);
                });
        return last.get();
    }

    /** Waits until the running replay has had some rows acknowledged, so that stopping it now stops it midway. */
    private static void awaitSomeRowsSent(ServiceLauncher.Instance instance, String id) {
        Awaitility.await("replay " + id + " sending").atMost(AT_MOST).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode status = replay(instance, id);
                    if (!status.path("phase").asText().equals("running")) {
                        throw new IllegalStateException("replay " + id + " is not running: " + status);
                    }
                    return status.path("rows_sent").asLong() > 0;
                });
    }

    private static JsonNode report(ServiceLauncher.Instance instance) {
        HttpFixtures.Answer answer = get(url(instance), HttpFixtures.report("hours-back", "8784"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    @Test
    @Order(1)
    void aReplayRunsInTheBackgroundUntilProcessedAndItsReportCountsEveryRow(KafkaBroker kafka) {
        unpaced = HttpFixtures.start(config(kafka, "replay-ref", 0));
        HttpFixtures.awaitReady(url(unpaced), AT_MOST);

        String id = accepted(unpaced, BOTH_MONTHS);
        JsonNode done = awaitPhase(unpaced, id, "done");

        assertThat(done.path("files").toString()).isEqualTo("[\"gpu_state_2025-10.db\",\"gpu_state_2025-11.db\"]");
        assertThat(done.path("rows_sent").asLong()).isEqualTo(generated.rows());
        assertThat(done.path("rows_estimated").asLong()).isEqualTo(generated.rows());
        assertThat(done.path("errors").size()).isZero();
        assertThat(done.path("ended_at").asText()).isNotBlank();
        // Done means processed: the report is complete and counts every generated row.
        reference = report(unpaced);
        assertThat(reference.at("/metadata/partial").asBoolean()).isFalse();
        assertThat(reference.at("/metadata/total_records").asLong()).isEqualTo(generated.rows());

        HttpFixtures.Answer list = get(url(unpaced), "/api/v1/replays");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("replays").get(0).path("id").asText()).isEqualTo(id);
        // The progress reached /metrics as the startup replay's does: every row, per monthly file.
        String metrics = new String(unpaced.api().metrics().scrape(null).body(), StandardCharsets.UTF_8);
        double replayedRows = metrics.lines().filter(line -> line.startsWith("gpuledger_replay_rows_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(replayedRows).isEqualTo((double) generated.rows());
    }

    @Test
    @Order(2)
    void badRequestsAre400sNamingTheParameterUnknownIdsAre404sAndAnEndedReplayCannotBeCancelled() {
        String url = url(unpaced);
        Map<String, String> badBodies = Map.of(
                "{\"from\":\"2025-13\",\"to\":\"2025-12\"}", "from",
                "{\"from\":\"2025-12\",\"to\":\"2025-10\"}", "to",
                "{\"from\":\"2024-01\",\"to\":\"2024-03\"}", "from",
                "{\"to\":\"2025-11\"}", "from",
                "{\"from\":\"2025-10\",\"db-dir\":\"/etc\"}", "db-dir");
        badBodies.forEach((body, parameter) -> {
            HttpFixtures.Answer answer = post(unpaced, JSON, body);
            assertThat(answer.status()).as("%s -> %s", body, answer).isEqualTo(400);
            assertThat(answer.json().path("parameter").asText()).as(body).isEqualTo(parameter);
            assertThat(answer.body().strip()).as("one line").doesNotContain("\n");
        });
        HttpFixtures.Answer form = post(unpaced, "application/x-www-form-urlencoded", "from=2025-10&to=2025-9");
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.json().path("parameter").asText()).isEqualTo("to");

        assertThat(get(url, "/api/v1/replays/r404").status()).isEqualTo(404);
        assertThat(send(url, "DELETE", "/api/v1/replays/r404", null, null).status()).isEqualTo(404);
        HttpFixtures.Answer ended = send(url, "DELETE", "/api/v1/replays/r1", null, null);
        assertThat(ended.status()).as("%s", ended).isEqualTo(409);
        assertThat(ended.json().path("error").asText()).contains("already ended (done)");
        HttpFixtures.Answer put = send(url, "PUT", "/api/v1/replays", JSON, BOTH_MONTHS);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("allow")).isEqualTo("GET, POST");
        assertThat(get(url, "/api/v1/replays").json().path("replays").size()).as("nothing recorded").isEqualTo(1);
    }

    @Test
    @Order(3)
    void aCancelledReplayAskedAgainResumesAndEndsWithTheUninterruptedReport(KafkaBroker kafka) {
        try (ServiceLauncher.Instance instance = HttpFixtures.start(config(kafka, "replay-cancel", pacedRowsPerSecond))) {
            HttpFixtures.awaitReady(url(instance), AT_MOST);
            String first = accepted(instance, BOTH_MONTHS);
            awaitSomeRowsSent(instance, first);

            // While it runs: reports are partial and say why; an overlapping replay is refused naming it.
            Awaitility.await("a partial report").atMost(AT_MOST).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        HttpFixtures.Answer answer = get(url(instance), HttpFixtures.report("hours-back", "8784"));
                        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                        assertThat(answer.json().at("/metadata/partial").asBoolean()).isTrue();
                        assertThat(answer.json().at("/metadata/partial_reason").asText())
                                .isEqualTo("replay " + first + " of 2025-10..2025-11 in progress");
                    });
            HttpFixtures.Answer page = get(url(instance), "/?hours-back=8784");
            assertThat(page.body()).contains("replay " + first + " of 2025-10..2025-11 in progress");
            HttpFixtures.Answer overlapping = post(instance, JSON, "{\"from\":\"2025-11\",\"to\":\"2025-11\"}");
            assertThat(overlapping.status()).as("%s", overlapping).isEqualTo(409);
            assertThat(overlapping.json().path("replay").asText()).isEqualTo(first);
            assertThat(overlapping.json().path("error").asText()).contains("replay " + first, "overlaps");

            HttpFixtures.Answer cancel = send(url(instance), "DELETE", "/api/v1/replays/" + first, null, null);
            assertThat(cancel.status()).as("%s", cancel).isEqualTo(202);
            JsonNode cancelled = awaitPhase(instance, first, "cancelled");
            long sentBeforeCancel = cancelled.path("rows_sent").asLong();
            assertThat(sentBeforeCancel).isPositive().isLessThan(generated.rows());
            assertThat(send(url(instance), "DELETE", "/api/v1/replays/" + first, null, null).status())
                    .isEqualTo(409);

            String second = accepted(instance, BOTH_MONTHS);
            assertThat(second).isNotEqualTo(first);
            JsonNode done = awaitPhase(instance, second, "done");
            long sentAfterResume = done.path("rows_sent").asLong();
            // Resumed after the checkpoints: together the two sent every row once, nothing twice.
            assertThat(sentAfterResume).isLessThan(generated.rows());
            assertThat(sentBeforeCancel + sentAfterResume).isEqualTo(generated.rows());

            JsonNode report = report(instance);
            assertThat(report.at("/metadata/partial").asBoolean()).isFalse();
            assertThat(HttpFixtures.firstDifference(HttpFixtures.comparable(reference),
                    HttpFixtures.comparable(report))).isNull();
        }
    }

    @Test
    @Order(4)
    void aReplayTheServiceStoppedUnderIsInterruptedAfterTheRestartAndTheSameMonthsResume(KafkaBroker kafka)
            throws IOException {
        StreamsAppConfig config = config(kafka, "replay-restart", pacedRowsPerSecond);
        String first;
        try (ServiceLauncher.Instance instance = HttpFixtures.start(config)) {
            HttpFixtures.awaitReady(url(instance), AT_MOST);
            first = accepted(instance, BOTH_MONTHS);
            awaitSomeRowsSent(instance, first);
        }
        Path record = config.dataDir().resolve("replays").resolve(first + ".json");
        assertThat(HttpFixtures.JSON.readTree(Files.readString(record)).path("phase").asText())
                .isEqualTo("interrupted");

        try (ServiceLauncher.Instance instance = HttpFixtures.start(config)) {
            JsonNode interrupted = replay(instance, first);
            assertThat(interrupted.path("phase").asText()).isEqualTo("interrupted");
            long sentBeforeRestart = interrupted.path("rows_sent").asLong();
            assertThat(sentBeforeRestart).isPositive().isLessThan(generated.rows());

            HttpFixtures.awaitReady(url(instance), AT_MOST);
            String second = accepted(instance, BOTH_MONTHS);
            JsonNode done = awaitPhase(instance, second, "done");
            assertThat(done.path("rows_sent").asLong()).as("resumed: the rest, nothing twice")
                    .isEqualTo(generated.rows() - sentBeforeRestart);

            JsonNode report = report(instance);
            assertThat(report.at("/metadata/total_records").asLong()).isEqualTo(generated.rows());
            assertThat(HttpFixtures.firstDifference(HttpFixtures.comparable(reference),
                    HttpFixtures.comparable(report))).isNull();
        }
    }
}
