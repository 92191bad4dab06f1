package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Month rollover, file names, and what happens to files that already exist. */
class MonthlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void eachRowGoesIntoTheFileOfItsTimestampsMonth() throws Exception {
        GeneratorSettings settings = GeneratorSettings.small(6, 2, 3).withStart(LocalDate.of(2025, 12, 31));

        GenerationSummary summary = new SnapshotGenerator(settings).generate(dir);

        Path december = dir.resolve("gpu_state_2025-12.db");
        Path january = dir.resolve("gpu_state_2026-01.db");
        assertThat(summary.files()).extracting(GenerationSummary.FileSummary::file).containsExactly(december, january);
        assertMonth(december, YearMonth.of(2025, 12), summary.files().get(0));
        assertMonth(january, YearMonth.of(2026, 1), summary.files().get(1));
        assertThat(summary.files().get(0).lastTimestamp()).startsWith("2025-12-31 23:5");
        assertThat(summary.files().get(1).firstTimestamp()).startsWith("2026-01-01 00:0");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("gpu_state_2025-12.db", "gpu_state_2026-01.db");
        }
    }

    private static void assertMonth(Path file, YearMonth month, GenerationSummary.FileSummary summary)
            throws Exception {
        List<StoredRows.Row> rows = StoredRows.read(file);
        assertThat(rows).hasSize((int) summary.rows()).isNotEmpty()
                .allSatisfy(row -> assertThat(YearMonth.from(SnapshotTime.parse(row.timestamp()))).isEqualTo(month));
        assertThat(summary.month()).isEqualTo(month);
        assertThat(summary.bytes()).isEqualTo(Files.size(file));
    }

    @Test
    void plannedFilesCoverEveryMonthOfTheSpan() {
        SnapshotGenerator generator = new SnapshotGenerator(GeneratorSettings.defaults().withHosts(2));

        assertThat(generator.plannedFiles(dir)).containsExactly(dir.resolve("gpu_state_2025-10.db"),
                dir.resolve("gpu_state_2025-11.db"));
    }

    @Test
    void anExistingFileIsRefusedAndLeftAlone() throws Exception {
        GeneratorSettings settings = GeneratorSettings.small(3, 1, 5);
        Path file = dir.resolve("gpu_state_2025-10.db");
        Files.writeString(file, "not generated");

        assertThatThrownBy(() -> new SnapshotGenerator(settings).generate(dir))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("--force");
        assertThat(Files.readString(file)).isEqualTo("not generated");
    }

    @Test
    void overwriteReplacesAnExistingFileAndLeavesNoPartialFile() throws Exception {
        GeneratorSettings settings = GeneratorSettings.small(3, 1, 5);
        Path file = dir.resolve("gpu_state_2025-10.db");
        Files.writeString(file, "not generated");

        GenerationSummary summary = new SnapshotGenerator(settings).generate(dir, true);

        assertThat(StoredRows.read(file)).hasSize((int) summary.rows());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theOutputDirectoryIsCreated() throws Exception {
        Path nested = dir.resolve("a/b");

        new SnapshotGenerator(GeneratorSettings.small(2, 1, 5)).generate(nested);

        assertThat(nested.resolve("gpu_state_2025-10.db")).isRegularFile();
    }
}
