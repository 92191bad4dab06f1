package io.gpuledger.streams.http;

import io.gpuledger.streams.replay.ReplayConflictException;
import io.gpuledger.streams.replay.ReplayRefusedException;
import io.gpuledger.streams.replay.ReplayStatus;
import io.gpuledger.streams.replay.Replays;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * {@code /api/v1/replays}: start a replay of a month range (POST), list them (GET); {@code /api/v1/replays/{id}}: one
 * replay's progress (GET), cancel it (DELETE). The work is {@link Replays}'; this turns its outcomes into statuses.
 */
final class ReplayEndpoint {

    private ReplayEndpoint() {
    }

    static Responses collection(Request request, Replays replays) throws IOException {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method)) {
            List<Map<String, Object>> all = replays.list().stream().map(ReplayStatus::toJson).toList();
            return Responses.json(200, Map.of("replays", all));
        }
        if (!HttpMethod.POST.is(method)) {
            return notAllowed(method, Route.REPLAYS, "GET, POST");
        }
        var parsed = ReplayRequests.parse(request.getHeaders().get(HttpHeader.CONTENT_TYPE), body(request));
        ReplayStatus status;
        try {
            status = replays.submit(parsed);
        } catch (ReplayRefusedException e) {
            throw ApiException.badParameter(e.parameter(), null, e.getMessage());
        } catch (ReplayConflictException e) {
            throw conflict(e);
        }
        return Responses.json(202, Map.of("id", status.id(), "status", status.toJson()))
                .withHeader("Location", location(status.id()));
    }

    static Responses one(Request request, String id, Replays replays) {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method)) {
            return replays.get(id).map(status -> Responses.json(200, status.toJson()))
                    .orElseThrow(() -> noSuchReplay(id));
        }
        if (!HttpMethod.DELETE.is(method)) {
            return notAllowed(method, Route.REPLAY, "GET, DELETE");
        }
        Optional<ReplayStatus> cancelling;
        try {
            cancelling = replays.cancel(id);
        } catch (ReplayConflictException e) {
            throw conflict(e);
        }
        // 202: the replay stops soon after, at its next batch; GET shows it cancelled then.
        return cancelling.map(status -> Responses.json(202, status.toJson()).withHeader("Location", location(id)))
                .orElseThrow(() -> noSuchReplay(id));
    }

    static String location(String id) {
        return Route.REPLAYS.path() + "/" + id;
    }

    private static ApiException noSuchReplay(String id) {
        return ApiException.of(404, "no replay " + ReportParameters.shown(id) + ": " + Route.REPLAYS.path()
                + " lists them");
    }

    private static ApiException conflict(ReplayConflictException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("replay", e.replayId());
        return new ApiException(409, body, null);
    }

    private static Responses notAllowed(String method, Route route, String allowed) {
        return Responses.json(405, Map.of("error", "method " + method + " is not allowed on "
                + route.documentedPath() + ": use " + allowed)).withHeader("Allow", allowed);
    }

    /** The body as text, refused past {@link ReplayRequests#MAX_BODY_BYTES}. */
    private static String body(Request request) throws IOException {
        if (request.getLength() > ReplayRequests.MAX_BODY_BYTES) {
            throw ApiException.of(413, "the body is longer than " + ReplayRequests.MAX_BODY_BYTES + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(ReplayRequests.MAX_BODY_BYTES + 1);
            if (bytes.length > ReplayRequests.MAX_BODY_BYTES) {
                throw ApiException.of(413, "the body is longer than " + ReplayRequests.MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
