package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The class and rank rules (rules §2.4, 2.5) are decided in {@code ingest/classify} only: production code elsewhere
 * calls {@link ClassRules} and {@link DedupRank} instead of restating a predicate, a ternary or a switch that picks a
 * class. A copy would agree today and drift the first time the rule changes.
 */
class OneHomeForTheClassRuleTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path HOME = ROOT.resolve(Path.of("ingest", "src", "main", "java", "io", "gpuledger", "ingest",
            "classify"));

    /** What deciding a class or a rank looks like in Java; each names the one place to call instead. */
    private static final List<Pattern> DECIDING = List.of(
            // the PP and slot-kind predicates that make up the class rule (state predicates are facts, not rules)
            Pattern.compile("SlotPredicates\\.(ppPrio|ppStrict|ppShared|interactive|backfill|primary)\\("),
            // a class picked by a condition
            Pattern.compile("[?:]\\s*GpuClass\\.[A-Z]+|->\\s*GpuClass\\.[A-Z]+"),
            Pattern.compile("case\\s+(PRIORITIZED|SHARED|BACKFILL)\\b"),
            // the dedup order, other than asking which row wins
            Pattern.compile("DedupRank\\.(?!beats\\()[a-z]"));

    @Test
    void noProductionCodeOutsideClassifyDecidesAClassOrARank() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> sources = productionSources();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int index = 0; index < lines.size(); index++) {
                String line = lines.get(index);
                for (Pattern deciding : DECIDING) {
                    if (deciding.matcher(line).find()) {
                        offenders.add(ROOT.relativize(source) + ":" + (index + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertThat(sources).as("production sources outside classify (the scan must see streams-app)")
                .anyMatch(path -> path.toString().contains("streams-app"));
        assertThat(offenders).as("class or rank decided outside ingest/classify: call ClassRules / DedupRank").isEmpty();
    }

    private static List<Path> productionSources() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/"))
                    .filter(path -> !path.startsWith(HOME))
                    .filter(path -> !path.toString().contains("/target/"))
                    .toList();
        }
    }
}
