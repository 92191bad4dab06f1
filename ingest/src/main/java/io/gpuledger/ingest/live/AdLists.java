package io.gpuledger.ingest.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * List-valued ad attributes ({@code AssignedGPUs}, {@code AvailableGPUs}) in the three forms {@code condor_status
 * -json} prints, depending on the HTCondor version and on whether the attribute is a literal or an expression: a JSON
 * array of names, a comma-separated string, or an unevaluated ClassAd expression string such as
 * {@code "/Expr({ GPUs_GPU_1a2b, GPUs_GPU_3c4d })/"}. Each becomes the same list of trimmed, non-empty elements.
 */
final class AdLists {

    private static final String EXPR_START = "/Expr(";
    private static final String EXPR_END = ")/";

    private AdLists() {
    }

    /**
     * The elements of {@code value}; an absent, null or empty value is the empty list.
     *
     * @throws BadAdException when the value is neither a string nor an array of strings
     */
    static List<String> elements(String attribute, JsonNode value) {
        List<String> elements = new ArrayList<>();
        if (value == null || value.isNull()) {
            return elements;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    throw new BadAdException(attribute + " must list names, got " + value);
                }
                addSplit(elements, element.asText());
            }
            return elements;
        }
        if (!value.isTextual()) {
            throw new BadAdException(attribute + " must be a list of names, got " + value);
        }
        addSplit(elements, unwrapExpression(value.asText().strip()));
        return elements;
    }

    /** {@code /Expr({ a, b })/} → {@code a, b}; {@code { a, b }} → {@code a, b}; anything else as it is. */
    static String unwrapExpression(String text) {
        String inner = text;
        if (inner.startsWith(EXPR_START) && inner.endsWith(EXPR_END)) {
            inner = inner.substring(EXPR_START.length(), inner.length() - EXPR_END.length()).strip();
        }
        if (inner.startsWith("{") && inner.endsWith("}")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        return inner;
    }

    private static void addSplit(List<String> into, String text) {
        for (String part : text.split(",", -1)) {
            String element = part.strip();
            // A ClassAd list of strings quotes its elements: { "GPU-1a2b", "GPU-3c4d" }.
            if (element.length() >= 2 && element.startsWith("\"") && element.endsWith("\"")) {
                element = element.substring(1, element.length() - 1).strip();
            }
            if (!element.isEmpty()) {
                into.add(element);
            }
        }
    }
}
