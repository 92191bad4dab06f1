package io.gpuledger.ingest.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Host exclusions (rules §2.3): {@code excluded_hosts} maps pattern to reason. A row is excluded when its
 * {@code Machine} contains any pattern case-insensitively and literally (never as a regular expression).
 *
 * @param reasons pattern to reason, in document order
 * @param source  where the document came from, for errors and logs
 */
public record HostExclusions(Map<String, String> reasons, String source) {

    private static final String SHIPPED_DOCUMENT = """
            excluded_hosts:
              voyles2000: "Prioritized via hardcoded start expression, not PrioritizedProjects"
              gpulab2003: "Interactive slots only."
              gpulab2004: "Interactive slots only."
            """;

    public HostExclusions {
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    public static HostExclusions none() {
        return new HostExclusions(Map.of(), "none");
    }

    public static HostExclusions shippedDefault() {
        return parse(SHIPPED_DOCUMENT, "shipped default");
    }

    public static HostExclusions load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException("exclude-hosts file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigFileException("exclude-hosts file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a YAML (or JSON) document. Errors are one line naming {@code source}: a non-empty document without
     * {@code excluded_hosts}, a value that is not a mapping, an empty or non-string pattern, a non-string reason.
     */
    public static HostExclusions parse(String document, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(document);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? ""
                    : " at line " + (e.getProblemMark().getLine() + 1) + " column " + (e.getProblemMark().getColumn() + 1);
            throw new ConfigFileException(source + ": not valid YAML: " + oneLine(e.getProblem()) + where);
        } catch (YAMLException e) {
            throw new ConfigFileException(source + ": not valid YAML: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            return new HostExclusions(Map.of(), source);
        }
        if (!(root instanceof Map<?, ?> top) || !top.containsKey("excluded_hosts")) {
            throw new ConfigFileException(source + ": no excluded_hosts mapping");
        }
        Object value = top.get("excluded_hosts");
        if (value == null) {
            return new HostExclusions(Map.of(), source);
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw new ConfigFileException(source + ": excluded_hosts must be a mapping of host pattern to reason");
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getKey() instanceof String pattern)) {
                throw new ConfigFileException(source + ": host pattern " + entry.getKey() + " is not a string");
            }
            if (pattern.isEmpty()) {
                throw new ConfigFileException(source + ": empty host pattern");
            }
            Object reason = entry.getValue();
            if (reason != null && !(reason instanceof String)) {
                throw new ConfigFileException(source + ": reason for '" + pattern + "' is not a string");
            }
            reasons.put(pattern, reason == null ? "" : (String) reason);
        }
        return new HostExclusions(reasons, source);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    public boolean isEmpty() {
        return reasons.isEmpty();
    }

    public List<String> patterns() {
        return List.copyOf(reasons.keySet());
    }

    /** {@code Machine} contains any pattern, ASCII case folded on both sides, literally. */
    public boolean excludes(String machine) {
        if (reasons.isEmpty()) {
            return false;
        }
        String folded = machine.toLowerCase(Locale.ROOT);
        for (String pattern : reasons.keySet()) {
            if (folded.contains(pattern.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
