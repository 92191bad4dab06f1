package io.gpuledger.streams.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.streams.http.HttpFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full report JSON of every report type over both histories of the suite: windows that cut 15-minute buckets and
 * windows on bucket boundaries, on old days (older than {@code --history-days} by wall clock) and on yesterday.
 * Only {@code generated_at} and the runtime are left out of a comparison; the {@code partial} flag is kept, so a
 * report computed from half a store differs.
 */
record ReportSet(Map<String, Answer> answers) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer: its status and its body without the fields that change on every request. */
    record Answer(int status, JsonNode body) {
    }

    /** Every report type around {@code day}, the second day of a history. */
    static List<String> queries(LocalDate day) {
        List<String> queries = new ArrayList<>();
        queries.add("api/v1/report?hours-back=24&end-time=" + day + "T07:07:00");
        queries.add("api/v1/report?hours-back=24&end-time=" + day + "T12:00:00");
        queries.add("api/v1/report?hours-back=6&end-time=" + day + "T23:52:30");
        queries.add("api/v1/report?type=timeseries&hours-back=12&end-time=" + day + "T10:03:00");
        queries.add("api/v1/report?type=monthly&month=" + day.toString().substring(0, 7));
        queries.add("api/v1/report?type=gpu_model_snapshot&snapshot-time=" + day + "T09:00:00");
        return List.copyOf(queries);
    }

    static ReportSet fetch(String baseUrl, List<String> queries) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String query : queries) {
            answers.put(query, get(baseUrl, query));
        }
        return new ReportSet(answers);
    }

    /** Whether every answer is a 200. */
    boolean allAnswered() {
        return answers.values().stream().allMatch(answer -> answer.status() == 200);
    }

    /** The first query whose answer differs from {@code expected}'s, with where; null when every answer is equal. */
    String firstDifference(ReportSet expected) {
        for (Map.Entry<String, Answer> entry : expected.answers().entrySet()) {
            Answer actual = answers.get(entry.getKey());
            Answer wanted = entry.getValue();
            if (actual == null || actual.status() != wanted.status()) {
                return entry.getKey() + ": status " + (actual == null ? "none" : actual.status()) + " instead of "
                        + wanted.status();
            }
            if (!actual.body().equals(wanted.body())) {
                return entry.getKey() + ": " + HttpFixtures.firstDifference(wanted.body(), actual.body());
            }
        }
        return null;
    }

    /** Answers that are 200 but differ from {@code expected}'s: wrong numbers, as opposed to "not now". */
    List<String> wrongAnswers(ReportSet expected) {
        List<String> wrong = new ArrayList<>();
        answers.forEach((query, answer) -> {
            Answer wanted = expected.answers().get(query);
            if (answer.status() == 200 && !answer.body().equals(wanted.body())) {
                wrong.add(query + ": " + HttpFixtures.firstDifference(wanted.body(), answer.body()));
            }
        });
        return wrong;
    }

    static Answer get(String baseUrl, String query) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + query))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            if (body.has("metadata")) {
                ((ObjectNode) body.get("metadata")).remove(List.of("generated_at", "analysis_runtime_seconds"));
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            // Not listening (killed, not started yet): no answer, which is never a wrong number.
            return new Answer(-1, JSON.nullNode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, JSON.nullNode());
        }
    }

    /** Which instance computed the answer to {@code query} ({@code host:port}), from its response header. */
    static String computedBy(String baseUrl, String query) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + query)).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("x-gpuledger-computed-by")
                .orElseThrow(() -> new AssertionError("no x-gpuledger-computed-by header from " + baseUrl + query));
    }

    /** POSTs a JSON body; returns the status. */
    static int postJson(String baseUrl, String path, String json) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status of a GET, or -1 when nothing answers. */
    static int status(String baseUrl, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
