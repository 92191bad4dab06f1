package io.gpuledger.ingest.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone holds everything its docs, help texts and comments point to: nothing names documents that live outside the
 * repository (the rules are {@code docs/rules.md}, the architecture {@code docs/architecture.md}), and every relative
 * link in a Markdown file reaches a file of the repository.
 */
class SelfContainedRepositoryTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", "data", ".idea");
    // The names of the documents this project started from, and the folder they lie in; this file itself is not scanned.
    private static final Pattern OUTSIDE_REFERENCE =
            Pattern.compile("\\.\\./shared|\\bSPEC\\b|\\bDESIGN\\b|/work/");
    private static final Path THIS_TEST =
            Path.of("src", "test", "java", "io", "gpuledger", "ingest", "repository", "SelfContainedRepositoryTest.java")
                    .toAbsolutePath();
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void noFileReferencesDocumentsOutsideTheRepository() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : textFiles()) {
            List<String> lines = lines(file);
            for (int index = 0; index < lines.size(); index++) {
                if (OUTSIDE_REFERENCE.matcher(lines.get(index)).find()) {
                    offenders.add(ROOT.relativize(file) + ":" + (index + 1) + ": " + lines.get(index).strip());
                }
            }
        }
        assertThat(offenders).as("lines that point outside the repository").isEmpty();
    }

    @Test
    void everyRelativeMarkdownLinkReachesAFile() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : textFiles()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            Matcher link = MARKDOWN_LINK.matcher(String.join("\n", lines(file)));
            while (link.find()) {
                String target = link.group(1);
                if (target.contains(":")) {
                    continue; // http:, https:, mailto: are not files of the repository
                }
                links++;
                if (!Files.exists(file.getParent().resolve(target).normalize())) {
                    broken.add(ROOT.relativize(file) + " -> " + target);
                }
            }
        }
        assertThat(links).as("relative links found (the scan must see the READMEs)").isPositive();
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }

    private static List<Path> textFiles() throws IOException {
        assertThat(ROOT.resolve("pom.xml")).as("the repository root").exists();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            walk.filter(Files::isRegularFile)
                    .filter(path -> !path.equals(THIS_TEST))
                    .filter(path -> !inSkippedDirectory(path))
                    .filter(SelfContainedRepositoryTest::isText)
                    .forEach(files::add);
        }
        return files;
    }

    private static boolean inSkippedDirectory(Path path) {
        for (Path part : ROOT.relativize(path)) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isText(Path path) {
        String name = path.getFileName().toString();
        return name.matches(".*\\.(java|md|xml|properties|json|yaml|yml|sh|txt|html|js|css|sql|tsv|conf|service)$")
                || name.equals("run");
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException notUtf8) {
            return List.of();
        }
    }
}
