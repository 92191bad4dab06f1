package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** rules §2.2: the CHTC-owned host list. */
class ChtcOwnedListTest {

    @Test
    void shippedDefaultHasTheSevenSpecHosts() {
        ChtcOwnedList shipped = ChtcOwnedList.shippedDefault();

        assertThat(shipped.hosts()).containsExactlyInAnyOrder(
                "blengerichgpu4000.chtc.wisc.edu",
                "ssilwalgpu4000.chtc.wisc.edu",
                "amuraligpu4000.chtc.wisc.edu",
                "btellman-jsullivangpu4000.chtc.wisc.edu",
                "mkhodakgpu4000.chtc.wisc.edu",
                "txie-dsigpu4000.chtc.wisc.edu",
                "cxiaogpu4000.chtc.wisc.edu");
    }

    @Test
    void linesAreTrimmedAndBlankAndCommentLinesSkipped() {
        ChtcOwnedList list = ChtcOwnedList.parse(List.of(
                "# CHTC-owned GPU hosts",
                "  gpu2.chtc.wisc.edu  ",
                "",
                "   ",
                "\tgpu5.chtc.wisc.edu",
                "   # indented comment",
                "#gpu9.chtc.wisc.edu"), "test");

        assertThat(list.hosts()).containsExactlyInAnyOrder("gpu2.chtc.wisc.edu", "gpu5.chtc.wisc.edu");
    }

    @ParameterizedTest(name = "[{0}] is not listed")
    @ValueSource(strings = {"CXIAOGPU4000.chtc.wisc.edu", "cxiaogpu4000", "cxiaogpu4000.chtc.wisc.edu ",
            "xcxiaogpu4000.chtc.wisc.edu", "cxiaogpu4000.chtc.wisc.edu.other"})
    void matchIsExactAndCaseSensitive(String machine) {
        ChtcOwnedList shipped = ChtcOwnedList.shippedDefault();

        assertThat(shipped.contains("cxiaogpu4000.chtc.wisc.edu")).isTrue();
        assertThat(shipped.contains(machine)).isFalse();
    }

    @Test
    void loadsAUtf8File(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chtc_owned");
        Files.writeString(file, "# owned\ngpu2.chtc.wisc.edu\n\n  gpu3.chtc.wisc.edu\n", StandardCharsets.UTF_8);

        ChtcOwnedList list = ChtcOwnedList.load(file);

        assertThat(list.hosts()).containsExactlyInAnyOrder("gpu2.chtc.wisc.edu", "gpu3.chtc.wisc.edu");
        assertThat(list.source()).isEqualTo(file.toString());
    }

    @Test
    void emptyFileIsAnEmptyList(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("chtc_owned"));

        assertThat(ChtcOwnedList.load(file).hosts()).isEmpty();
    }

    @Test
    void missingFileIsAnErrorNamingIt(@TempDir Path dir) {
        // the original silently used an empty list, moving CHTC machines into Researcher-Owned
        Path missing = dir.resolve("chtc_owned");

        assertThatThrownBy(() -> ChtcOwnedList.load(missing))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void unreadableFileIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> ChtcOwnedList.load(dir))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void nonUtf8FileIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chtc_owned");
        Files.write(file, new byte[] {'g', 'p', 'u', (byte) 0xff, (byte) 0xfe, '\n'});

        assertThatThrownBy(() -> ChtcOwnedList.load(file))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void inlineList() {
        ChtcOwnedList list = ChtcOwnedList.of("gpu2.chtc.wisc.edu");

        assertThat(list.contains("gpu2.chtc.wisc.edu")).isTrue();
        assertThat(list.contains("gpu1.chtc.wisc.edu")).isFalse();
    }
}
