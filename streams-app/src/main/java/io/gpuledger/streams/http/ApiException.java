package io.gpuledger.streams.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer other than the report: a status and a one-line JSON body ({@code {"error": ..., ...}}), plus
 * {@code Retry-After} for 503. Thrown by handlers, written by {@link ApiHandler}; never carries a stack trace to the
 * client.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;
    private final Long retryAfterSeconds;

    public ApiException(int status, Map<String, Object> body, Long retryAfterSeconds) {
        super(String.valueOf(body.get("error")), null, false, false);
        this.status = status;
        this.body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 naming the parameter and the value given. */
    public static ApiException badParameter(String parameter, String value, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("parameter", parameter);
        if (value != null) {
            body.put("value", value);
        }
        return new ApiException(400, body, null);
    }

    public static ApiException of(int status, String message) {
        return new ApiException(status, Map.of("error", message), null);
    }

    /** 503: the data are not available now (start, rebalance, a peer down); try again after {@code seconds}. */
    public static ApiException unavailable(String message, long seconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("retry_after_seconds", seconds);
        return new ApiException(503, body, seconds);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
