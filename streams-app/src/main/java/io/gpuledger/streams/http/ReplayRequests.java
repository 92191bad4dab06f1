package io.gpuledger.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.streams.replay.ReplayRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/replays}, as JSON ({@code {"from":"2025-10","to":"2025-12","skip-bad-rows":false}})
 * or as a form ({@code from=2025-10&to=2025-12}). Months only: there is no field a path could be given in. Every
 * mistake is a 400 naming its field.
 */
final class ReplayRequests {

    static final String FROM = "from";
    static final String TO = "to";
    static final String SKIP_BAD_ROWS = "skip-bad-rows";
    /** The fields, in the order the API document lists them. */
    static final List<String> FIELDS = List.of(FROM, TO, SKIP_BAD_ROWS);
    /** A request is three short fields; anything longer is not one. */
    static final int MAX_BODY_BYTES = 4096;

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayRequests() {
    }

    /**
     * @param contentType the request's {@code Content-Type}, or null: JSON when it says so or the body starts with
     *                    '{', a form otherwise
     */
    static ReplayRequest parse(String contentType, String body) {
        String text = body == null ? "" : body.strip();
        boolean json = contentType != null ? contentType.toLowerCase(Locale.ROOT).contains("json")
                : text.startsWith("{");
        Map<String, String> fields = json ? jsonFields(text) : formFields(text);
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.badParameter(name, null, "unknown field '" + ReportParameters.shown(name)
                        + "': a replay takes " + String.join(", ", FIELDS));
            }
        }
        String fromText = fields.get(FROM);
        if (fromText == null || fromText.isBlank()) {
            throw ApiException.badParameter(FROM, null, "from is required: the first month to replay, YYYY-MM");
        }
        YearMonth from = month(FROM, fromText);
        String toText = fields.get(TO);
        YearMonth to = toText == null || toText.isBlank() ? from : month(TO, toText);
        if (to.isBefore(from)) {
            throw ApiException.badParameter(TO, toText, "to (" + to + ") must not be before from (" + from + ")");
        }
        return new ReplayRequest(from, to, flag(fields.get(SKIP_BAD_ROWS)));
    }

    private static YearMonth month(String name, String value) {
        if (MONTH.matcher(value).matches()) {
            try {
                return YearMonth.parse(value);
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw ApiException.badParameter(name, ReportParameters.shown(value), name + " must be a month YYYY-MM, got '"
                + ReportParameters.shown(value) + "'");
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badParameter(SKIP_BAD_ROWS, ReportParameters.shown(value), SKIP_BAD_ROWS
                + " must be true or false, got '" + ReportParameters.shown(value) + "'");
    }

    private static Map<String, String> jsonFields(String text) {
        JsonNode document;
        try {
            document = JSON.readTree(text.isEmpty() ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw ApiException.of(400, "the body is not JSON: " + ReportParameters.shown(
                    e.getOriginalMessage().lines().findFirst().orElse("")));
        }
        if (document == null || !document.isObject()) {
            throw ApiException.of(400, "the body must be a JSON object such as {\"from\":\"2025-10\",\"to\":\"2025-12\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw ApiException.badParameter(field.getKey(), null, field.getKey() + " must be a single value");
            }
            fields.put(field.getKey(), value.asText());
        }
        return fields;
    }

    private static Map<String, String> formFields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.of(400, "malformed form body: " + ReportParameters.shown(pair));
            }
            if (fields.put(name, value) != null) {
                throw ApiException.badParameter(name, null, name + " is given twice");
            }
        }
        return fields;
    }
}
