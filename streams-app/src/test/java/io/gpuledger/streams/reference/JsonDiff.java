package io.gpuledger.streams.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The first difference between two JSON documents, as a path and both values, so a failing differential case says
 * where to look ({@code $.device_stats.Shared["NVIDIA H200"].avg_claimed: engine 0.5, reference 0.25}). Field order
 * counts: report JSON must be byte-identical, and maps are written in the report's own order.
 */
public final class JsonDiff {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonDiff() {
    }

    /** Empty when the documents are equal (including field order); else a one-paragraph description. */
    public static Optional<String> firstDifference(String engineJson, String referenceJson) {
        try {
            return firstDifference(MAPPER.readTree(engineJson), MAPPER.readTree(referenceJson), "$");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    static Optional<String> firstDifference(JsonNode engine, JsonNode reference, String path) {
        if (engine.getNodeType() != reference.getNodeType()) {
            return Optional.of(describe(path, engine, reference, "different JSON types"));
        }
        if (engine.isObject()) {
            List<String> engineFields = fieldNames(engine);
            List<String> referenceFields = fieldNames(reference);
            for (int i = 0; i < Math.min(engineFields.size(), referenceFields.size()); i++) {
                String name = engineFields.get(i);
                if (!name.equals(referenceFields.get(i))) {
                    return Optional.of(path + ": field #" + i + " differs (order or name): engine has \"" + name
                            + "\", reference has \"" + referenceFields.get(i) + "\"\n  engine fields:    "
                            + engineFields + "\n  reference fields: " + referenceFields);
                }
                Optional<String> inner = firstDifference(engine.get(name), reference.get(name), child(path, name));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            if (engineFields.size() != referenceFields.size()) {
                return Optional.of(path + ": engine has fields " + engineFields + "\n  reference has fields "
                        + referenceFields);
            }
            return Optional.empty();
        }
        if (engine.isArray()) {
            for (int i = 0; i < Math.min(engine.size(), reference.size()); i++) {
                Optional<String> inner = firstDifference(engine.get(i), reference.get(i), path + "[" + i + "]");
                if (inner.isPresent()) {
                    return inner;
                }
            }
            if (engine.size() != reference.size()) {
                int i = Math.min(engine.size(), reference.size());
                return Optional.of(path + ": engine has " + engine.size() + " elements, reference " + reference.size()
                        + "; first extra: " + (engine.size() > i ? "engine " + engine.get(i) : "reference "
                        + reference.get(i)));
            }
            return Optional.empty();
        }
        if (!engine.equals(reference)) {
            String note = "";
            if (engine.isNumber() && reference.isNumber()) {
                double e = engine.doubleValue();
                double r = reference.doubleValue();
                note = " (difference " + (e - r) + ", " + Math.abs(e - r) / Math.max(Math.ulp(e), Math.ulp(r))
                        + " ulp)";
            }
            return Optional.of(describe(path, engine, reference, "values differ" + note));
        }
        return Optional.empty();
    }

    private static String describe(String path, JsonNode engine, JsonNode reference, String what) {
        return path + ": " + what + "\n  engine:    " + abbreviate(engine.toString())
                + "\n  reference: " + abbreviate(reference.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "… (" + text.length() + " chars)";
    }

    private static String child(String path, String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + name : path + "[\"" + name + "\"]";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
