package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** rules §2.3: the host-exclusion document, its errors, and literal case-insensitive matching. */
class HostExclusionsTest {

    private static final String SOURCE = "exclude-hosts";

    @Test
    void shippedDefaultIsTheSpecDocumentInOrder() {
        HostExclusions shipped = HostExclusions.shippedDefault();

        assertThat(shipped.reasons()).containsExactly(
                Map.entry("voyles2000", "Prioritized via hardcoded start expression, not PrioritizedProjects"),
                Map.entry("gpulab2003", "Interactive slots only."),
                Map.entry("gpulab2004", "Interactive slots only."));
        assertThat(shipped.patterns()).containsExactly("voyles2000", "gpulab2003", "gpulab2004");
    }

    @Test
    void documentOrderIsKeptForDisplay() {
        HostExclusions exclusions = HostExclusions.parse("""
                excluded_hosts:
                  zeta: "z"
                  alpha: "a"
                  mu: "m"
                """, SOURCE);

        assertThat(exclusions.patterns()).containsExactly("zeta", "alpha", "mu");
    }

    @Test
    void nullReasonReadsAsEmptyString() {
        HostExclusions exclusions = HostExclusions.parse("excluded_hosts:\n  gpulab2003:\n  gpulab2004: ~\n", SOURCE);

        assertThat(exclusions.reasons()).containsExactly(Map.entry("gpulab2003", ""), Map.entry("gpulab2004", ""));
    }

    @Test
    void jsonDocumentsWork() {
        HostExclusions exclusions = HostExclusions.parse(
                "{\"excluded_hosts\": {\"gpulab2003\": \"Interactive slots only.\", \"voyles2000\": null}}", SOURCE);

        assertThat(exclusions.reasons()).containsExactly(
                Map.entry("gpulab2003", "Interactive slots only."), Map.entry("voyles2000", ""));
        assertThat(exclusions.excludes("gpulab2003.chtc.wisc.edu")).isTrue();
    }

    @ParameterizedTest(name = "[{0}] means no exclusions")
    @ValueSource(strings = {"", "   \n", "# nothing excluded\n", "excluded_hosts: {}", "excluded_hosts:",
            "excluded_hosts: null", "excluded_hosts: ~", "{\"excluded_hosts\": {}}", "{\"excluded_hosts\": null}"})
    void emptyDocumentsAndEmptyMappingsMeanNoExclusions(String document) {
        HostExclusions exclusions = HostExclusions.parse(document, SOURCE);

        assertThat(exclusions.isEmpty()).isTrue();
        assertThat(exclusions.excludes("gpulab2003.chtc.wisc.edu")).isFalse();
    }

    @ParameterizedTest(name = "[{0}] is an error: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # document                                         | the message mentions
            # a non-empty document without excluded_hosts (the pre-2025 shipped file)
            {gpulab2003: "Interactive slots only."}          | no excluded_hosts mapping
            gpulab2003: Interactive slots only.              | no excluded_hosts mapping
            {}                                               | no excluded_hosts mapping
            [gpulab2003]                                     | no excluded_hosts mapping
            just text                                        | no excluded_hosts mapping
            # a value that is not a mapping
            excluded_hosts: [gpulab2003, gpulab2004]         | must be a mapping
            excluded_hosts: gpulab2003                       | must be a mapping
            excluded_hosts: 5                                | must be a mapping
            # an empty or non-string pattern
            excluded_hosts: {'': reason}                     | empty host pattern
            excluded_hosts: {2003: reason}                   | is not a string
            excluded_hosts: {~: reason}                      | is not a string
            excluded_hosts: {[a, b]: reason}                 | is not a string
            # not YAML at all
            excluded_hosts: {gpulab2003: "x"                 | not valid YAML
            """)
    void errorsAreOneLineNamingTheSource(String document, String mentions) {
        assertThatThrownBy(() -> HostExclusions.parse(document, SOURCE))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith(SOURCE + ": ")
                .hasMessageContaining(mentions)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void specErrorWording() {
        // rules §5.2: "exclude-hosts: no excluded_hosts mapping"
        assertThatThrownBy(() -> HostExclusions.parse("{voyles2000: x}", "exclude-hosts"))
                .hasMessage("exclude-hosts: no excluded_hosts mapping");
    }

    @ParameterizedTest(name = "pattern [{0}] on {1}: excluded={2}")
    @CsvSource(delimiter = '|', textBlock = """
            # pattern                | Machine                        | excluded
            gpulab2003               | gpulab2003.chtc.wisc.edu       | true
            GPULAB2003               | gpulab2003.chtc.wisc.edu       | true
            gpulab2003               | GPULab2003.CHTC.wisc.edu       | true
            gpulab2003               | gpulab2004.chtc.wisc.edu       | false
            gpulab200                | gpulab2000.chtc.wisc.edu       | true
            gpulab200                | gpulab2005.chtc.wisc.edu       | true
            gpulab200                | gpulab2009.chtc.wisc.edu       | true
            gpulab200                | gpulab2010.chtc.wisc.edu       | false
            # literal: not a regular expression
            gpu(bad.chtc.wisc.edu    | gpu(bad.chtc.wisc.edu          | true
            gpu(bad.chtc.wisc.edu    | gpubad.chtc.wisc.edu           | false
            gpu(bad.chtc.wisc.edu    | gpu(badXchtc.wisc.edu          | false
            gpu2003.chtc             | gpu2003xchtc.wisc.edu          | false
            gpu.*                    | gpu2003.chtc.wisc.edu          | false
            """)
    void machineContainsPatternCaseInsensitivelyAndLiterally(String pattern, String machine, boolean excluded) {
        HostExclusions exclusions = new HostExclusions(Map.of(pattern, "reason"), "test");

        assertThat(exclusions.excludes(machine)).isEqualTo(excluded);
    }

    @Test
    void specRuleTestExclusion() {
        // rules §7.6: patterns GPULAB2003; gpu(bad.chtc.wisc.edu
        HostExclusions exclusions = HostExclusions.parse("""
                excluded_hosts:
                  GPULAB2003: "upper case"
                  "gpu(bad.chtc.wisc.edu": "a plain string"
                """, SOURCE);

        assertThat(exclusions.excludes("gpulab2003.chtc.wisc.edu")).isTrue();
        assertThat(exclusions.excludes("gpu(bad.chtc.wisc.edu")).isTrue();
        assertThat(exclusions.excludes("gpubad.chtc.wisc.edu")).isFalse();
        assertThat(exclusions.excludes("gpulab2004.chtc.wisc.edu")).isFalse();
    }

    @Test
    void anyPatternExcludes() {
        HostExclusions shipped = HostExclusions.shippedDefault();

        assertThat(shipped.excludes("voyles2000.chtc.wisc.edu")).isTrue();
        assertThat(shipped.excludes("gpulab2004.chtc.wisc.edu")).isTrue();
        assertThat(shipped.excludes("gpu2003.chtc.wisc.edu")).isFalse();
        assertThat(HostExclusions.none().excludes("voyles2000.chtc.wisc.edu")).isFalse();
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("excluded_hosts.yaml");
        Files.writeString(file, "excluded_hosts:\n  gpulab2003: \"Interactive slots only.\"\n", StandardCharsets.UTF_8);

        HostExclusions loaded = HostExclusions.load(file);

        assertThat(loaded.patterns()).containsExactly("gpulab2003");
        assertThat(loaded.source()).isEqualTo(file.toString());
    }

    @Test
    void missingFileIsAnErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> HostExclusions.load(missing))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void errorsInAFileNameTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.yaml");
        Files.writeString(file, "gpulab2003: \"Interactive slots only.\"\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> HostExclusions.load(file))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(file + ": no excluded_hosts mapping");
    }
}
