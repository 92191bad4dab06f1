package io.gpuledger.streams.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One replay as the API shows it and as {@code <data-dir>/replays/<id>.json} keeps it (the same JSON, so a restart
 * reads back what clients saw).
 *
 * @param id            the replay's id ({@code r1}, {@code r2}, ...)
 * @param request       the months and options asked for
 * @param phase         where it stands
 * @param activity      what it does now, for a person ({@code sending gpu_state_2025-10.db (1/3)}); null once ended
 * @param files         names of the monthly files in the range, in month order
 * @param rowsSent      rows acknowledged by Kafka so far in this replay
 * @param rowsEstimated rows this replay will send: exact once every file is scanned, estimated from sizes before
 * @param rowsPerSecond acknowledged rows per second since sending began
 * @param etaSeconds    seconds left at that rate, or null when unknown
 * @param badRows       rows skipped as bad ({@code skip-bad-rows})
 * @param errors        one line per error (why it failed); empty otherwise
 * @param createdAt     when it was asked for
 * @param startedAt     when it started, or null
 * @param endedAt       when it ended, or null
 */
public record ReplayStatus(String id, ReplayRequest request, ReplayPhase phase, String activity, List<String> files,
                           long rowsSent, long rowsEstimated, double rowsPerSecond, Double etaSeconds, long badRows,
                           List<String> errors, Instant createdAt, Instant startedAt, Instant endedAt) {

    public ReplayStatus {
        files = List.copyOf(files);
        errors = List.copyOf(errors);
    }

    /** A replay just asked for. */
    static ReplayStatus queued(String id, ReplayRequest request, List<String> files, Instant now) {
        return new ReplayStatus(id, request, ReplayPhase.QUEUED, "waiting to start", files, 0, 0, 0, null, 0,
                List.of(), now, null, null);
    }

    ReplayStatus withPhase(ReplayPhase newPhase, String newActivity) {
        return new ReplayStatus(id, request, newPhase, newActivity, files, rowsSent, rowsEstimated, rowsPerSecond,
                etaSeconds, badRows, errors, createdAt, startedAt, endedAt);
    }

    /** The record of a replay that the service stopped under: it did not end by itself, and will not go on. */
    ReplayStatus interrupted(Instant now) {
        return new ReplayStatus(id, request, ReplayPhase.INTERRUPTED, null, files, rowsSent, rowsEstimated, 0, null,
                badRows, errors, createdAt, startedAt, endedAt == null ? now : endedAt);
    }

    /** The JSON object, snake_case as the reports' JSON. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("from", request.from().toString());
        json.put("to", request.to().toString());
        json.put("skip_bad_rows", request.skipBadRows());
        json.put("phase", phase.wireName());
        json.put("activity", activity);
        json.put("files", files);
        json.put("rows_sent", rowsSent);
        json.put("rows_estimated", rowsEstimated);
        json.put("rows_per_second", rowsPerSecond);
        json.put("eta_seconds", etaSeconds);
        json.put("bad_rows", badRows);
        json.put("errors", errors);
        json.put("created_at", text(createdAt));
        json.put("started_at", text(startedAt));
        json.put("ended_at", text(endedAt));
        return json;
    }

    /** Reads what {@link #toJson()} wrote. */
    public static ReplayStatus fromJson(JsonNode json) {
        List<String> files = new ArrayList<>();
        json.path("files").forEach(file -> files.add(file.asText()));
        List<String> errors = new ArrayList<>();
        json.path("errors").forEach(error -> errors.add(error.asText()));
        ReplayRequest request = new ReplayRequest(YearMonth.parse(json.path("from").asText()),
                YearMonth.parse(json.path("to").asText()), json.path("skip_bad_rows").asBoolean());
        return new ReplayStatus(json.path("id").asText(), request, ReplayPhase.ofWireName(json.path("phase").asText()),
                json.path("activity").isTextual() ? json.path("activity").asText() : null, files,
                json.path("rows_sent").asLong(), json.path("rows_estimated").asLong(),
                json.path("rows_per_second").asDouble(),
                json.path("eta_seconds").isNumber() ? json.path("eta_seconds").asDouble() : null,
                json.path("bad_rows").asLong(), errors, instant(json.path("created_at")),
                instant(json.path("started_at")), instant(json.path("ended_at")));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }
}
