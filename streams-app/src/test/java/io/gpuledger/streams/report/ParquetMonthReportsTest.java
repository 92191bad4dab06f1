package io.gpuledger.streams.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the same generated month written as SQLite and as Parquet, when each directory is replayed through the
 * topology, then every report is the same JSON: a site that migrated its archive gets the numbers it had.
 */
class ParquetMonthReportsTest {

    @TempDir
    Path dir;

    private static TopologyHarness replay(Path directory) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        for (MonthlyFiles.MonthlyFile file : MonthlyFiles.scan(directory)) {
            try (MonthFileReader reader = HistoryFiles.open(file.path())) {
                reader.forEach(snapshots::add);
            }
        }
        return new TopologyHarness().pipe(snapshots);
    }

    @Test
    void theSameMonthAsSqliteAndAsParquetGivesIdenticalReportJson() throws Exception {
        GeneratorSettings settings = GeneratorSettings.small(16, 4, 11).withStart(LocalDate.of(2025, 10, 29))
                .withCornerMachines(true);
        Path sqlite = Files.createDirectories(dir.resolve("sqlite"));
        Path parquet = Files.createDirectories(dir.resolve("parquet"));
        new SnapshotGenerator(settings).generate(sqlite, false, MonthFormat.SQLITE);
        new SnapshotGenerator(settings).generate(parquet, false, MonthFormat.PARQUET);
        LocalDateTime end = LocalDateTime.of(2025, 11, 1, 12, 7);

        try (TopologyHarness fromSqlite = replay(sqlite); TopologyHarness fromParquet = replay(parquet)) {
            for (long hours : List.of(1L, 24L, 72L)) {
                QueryWindow window = QueryWindow.endingAt(end, hours);
                String expected = ReportJson.toJson(ReportEngine.allocation(fromSqlite.source(window), window,
                        QueryConfig.defaults()));
                assertThat(ReportJson.toJson(ReportEngine.allocation(fromParquet.source(window), window,
                        QueryConfig.defaults()))).as("%d h allocation", hours).isEqualTo(expected)
                        .contains("\"total_records\"");
                assertThat(ReportJson.toJson(ReportEngine.timeSeries(fromParquet.source(window), window,
                        QueryConfig.defaults(), 60))).as("%d h time series", hours).isEqualTo(ReportJson.toJson(
                        ReportEngine.timeSeries(fromSqlite.source(window), window, QueryConfig.defaults(), 60)));
            }
            YearMonth october = YearMonth.of(2025, 10);
            QueryWindow month = ReportEngine.monthWindow(october);
            assertThat(ReportJson.toJson(ReportEngine.monthly(fromParquet.source(month), october,
                    QueryConfig.defaults()))).isEqualTo(ReportJson.toJson(ReportEngine.monthly(
                    fromSqlite.source(month), october, QueryConfig.defaults())));
        }
    }
}
