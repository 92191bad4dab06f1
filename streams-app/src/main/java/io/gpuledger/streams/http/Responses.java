package io.gpuledger.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete answer before it is written: status, content type, extra headers, body. */
record Responses(int status, String contentType, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Responses of(int status, ReportFormat format, String body) {
        return new Responses(status, format.contentType(), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static Responses json(int status, Map<String, ?> body) {
        return of(status, ReportFormat.JSON, json(body) + "\n");
    }

    static Responses error(ApiException error) {
        Responses response = json(error.status(), error.body());
        return error.retryAfterSeconds() == null ? response
                : response.withHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
    }

    Responses withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Responses(status, contentType, all, body);
    }

    /** One line of JSON (string values escape their newlines). */
    static String json(Map<String, ?> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
