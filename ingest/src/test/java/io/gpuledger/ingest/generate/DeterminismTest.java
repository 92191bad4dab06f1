package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Equal settings give equal rows, in files and in memory; another seed gives other rows. */
class DeterminismTest {

    private static final GeneratorSettings SETTINGS = GeneratorSettings.small(12, 2, 7);

    @TempDir
    Path dir;

    @Test
    void equalSettingsWriteIdenticalRows() throws Exception {
        new SnapshotGenerator(SETTINGS).generate(dir.resolve("a"));
        new SnapshotGenerator(SETTINGS).generate(dir.resolve("b"));

        String first = StoredRows.contentHash(fileIn("a"));
        String second = StoredRows.contentHash(fileIn("b"));

        assertThat(second).isEqualTo(first);
        assertThat(StoredRows.read(fileIn("a"))).hasSizeGreaterThan(10_000);
    }

    @Test
    void anotherSeedWritesOtherRows() throws Exception {
        new SnapshotGenerator(SETTINGS).generate(dir.resolve("a"));
        new SnapshotGenerator(SETTINGS.withSeed(8)).generate(dir.resolve("b"));

        assertThat(StoredRows.contentHash(fileIn("b"))).isNotEqualTo(StoredRows.contentHash(fileIn("a")));
    }

    @Test
    void inMemoryRowsAreTheRowsOfTheFile() throws Exception {
        SnapshotGenerator generator = new SnapshotGenerator(SETTINGS);
        generator.generate(dir.resolve("a"));
        List<GeneratedRow> inMemory = new ArrayList<>();
        GenerationSummary summary = generator.forEachSnapshot(snapshot -> inMemory.addAll(snapshot.rows()));

        assertThat(StoredRows.contentHash(inMemory)).isEqualTo(StoredRows.contentHash(fileIn("a")));
        assertThat(summary.rows()).isEqualTo(inMemory.size());
        assertThat(summary.files()).isEmpty();
    }

    @Test
    void runningTheSameGeneratorTwiceGivesTheSameSnapshots() {
        SnapshotGenerator generator = new SnapshotGenerator(SETTINGS);
        List<GeneratedSnapshot> first = new ArrayList<>();
        List<GeneratedSnapshot> second = new ArrayList<>();
        generator.forEachSnapshot(first::add);
        generator.forEachSnapshot(second::add);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void thePoolDependsOnSeedAndHostsOnly() {
        ClusterModel october = ClusterModel.build(SETTINGS);
        ClusterModel laterAndSlower = ClusterModel.build(SETTINGS.withStart(SETTINGS.start().plusMonths(5))
                .withIntervalMinutes(15).withDays(9));

        assertThat(laterAndSlower).isEqualTo(october);
        assertThat(ClusterModel.build(SETTINGS.withSeed(99)).machines()).isNotEqualTo(october.machines());
    }

    private Path fileIn(String subdirectory) {
        return SnapshotGenerator.fileFor(dir.resolve(subdirectory), YearMonth.of(2025, 10));
    }
}
