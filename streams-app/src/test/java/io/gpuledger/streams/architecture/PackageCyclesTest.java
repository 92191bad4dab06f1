package io.gpuledger.streams.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service's packages depend one way: {@code app} wires everything, {@code http} and {@code metrics} receive
 * narrow interfaces, nothing below depends on what sits above it. Read from the sources' imports (and same-module
 * fully qualified names), so a cycle fails here before it settles in.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "gpuledger", "streams");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.gpuledger\\.streams\\.([a-z]+)\\.[A-Z]");

    @Test
    void noPackageOfTheServiceDependsOnItselfThroughAnother() throws IOException {
        Map<String, Set<String>> dependencies = dependencies();
        assertThat(dependencies).as("packages read (the scan must see the sources)").containsKeys("app", "http",
                "metrics", "query", "report");

        List<List<String>> cycles = new ArrayList<>();
        for (String start : dependencies.keySet()) {
            List<String> cycle = cycleFrom(start, dependencies);
            if (cycle != null && cycle.get(0).equals(start) && cycles.stream().noneMatch(c -> c.containsAll(cycle))) {
                cycles.add(cycle);
            }
        }
        assertThat(cycles).as("package cycles (each: a path back to its first package)").isEmpty();
    }

    @Test
    void onlyAppAndTheCommandLineReachIntoApp() throws IOException {
        dependencies().forEach((from, to) -> {
            if (!from.equals("app") && !from.isEmpty()) {
                assertThat(to).as("%s depends on app", from).doesNotContain("app");
            }
        });
    }

    /** Package (below {@code io.gpuledger.streams}, "" for the root) to the packages its classes reference. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file.getParent());
                String pkg = relative.toString().isEmpty() ? "" : relative.getName(0).toString();
                Set<String> used = dependencies.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    if (!reference.group(1).equals(pkg)) {
                        used.add(reference.group(1));
                    }
                }
            }
        }
        return dependencies;
    }

    /** A path from {@code start} back to it, or null. */
    private static List<String> cycleFrom(String start, Map<String, Set<String>> dependencies) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : dependencies.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    paths.add(longer);
                }
            }
        }
        return null;
    }
}
