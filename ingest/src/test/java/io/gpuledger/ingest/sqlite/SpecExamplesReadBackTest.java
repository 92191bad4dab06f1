package io.gpuledger.ingest.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.TimeRange;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rules §7 worked example, written into monthly files and read back through discovery and the reader, gives the
 * snapshots the shared test-data builder says it holds (its own grouping, written independently of the reader).
 */
class SpecExamplesReadBackTest {

    @TempDir
    Path dir;

    static Stream<SpecExample> examples() {
        return SpecExamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void monthlyFilesReadBackAsTheExamplesSnapshots(SpecExample example) throws Exception {
        Path exampleDir = Files.createDirectories(dir.resolve("example"));
        example.writeMonthlyFiles(exampleDir);

        Map<String, List<SlotGpuRow>> read = new LinkedHashMap<>();
        LocalDateTime previous = null;
        for (MonthlyFiles.MonthlyFile file : MonthlyFiles.forRange(exampleDir, TimeRange.ALL).files()) {
            try (MonthFileReader reader = SqliteMonthFile.open(file.path())) {
                assertThat(reader.check().clean()).isTrue();
                for (HostSnapshot s = reader.next(); s != null; s = reader.next()) {
                    assertThat(previous == null || !s.timestamp().isBefore(previous)).isTrue();
                    previous = s.timestamp();
                    assertThat(read.put(s.machine() + " " + s.timestamp(), s.rows())).isNull();
                }
            }
        }

        Map<String, List<SlotGpuRow>> expected = new LinkedHashMap<>();
        for (HostSnapshot s : example.snapshots()) {
            expected.put(s.machine() + " " + s.timestamp(), s.rows());
        }
        assertThat(read).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(read.values().stream().mapToInt(List::size).sum()).isEqualTo(example.size());
    }
}
