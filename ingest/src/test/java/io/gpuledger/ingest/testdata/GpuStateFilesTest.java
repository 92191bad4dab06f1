package io.gpuledger.ingest.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing test rows into monthly files, checked with plain JDBC (not with gpuledger's reader). */
class GpuStateFilesTest {

    private static final Rows ROWS = Rows.at("2026-06-30 23:50:00")
            .on("h").device("NVIDIA L40S", 46068).pp("")
            .slot("slot1").prevented("GPUHealthy == False").drained("GPU-1")
            .at("2026-07-01 00:05:00").drained("GPU-1")
            .slot("backfill2").unclaimed("GPU_2")
            .rows();

    @Test
    void rowsGoToTheFileOfTheirTimestampMonth(@TempDir Path dir) throws Exception {
        Map<YearMonth, Path> files = GpuStateFiles.writeMonthly(dir, ROWS.records(), true);

        assertThat(files).containsOnlyKeys(YearMonth.of(2026, 6), YearMonth.of(2026, 7));
        assertThat(files.get(YearMonth.of(2026, 6))).isEqualTo(dir.resolve("gpu_state_2026-06.db"));
        assertThat(files.get(YearMonth.of(2026, 7))).isEqualTo(dir.resolve("gpu_state_2026-07.db"));
        assertThat(read(files.get(YearMonth.of(2026, 6)))).extracting(row -> row.get("timestamp"))
                .containsExactly("2026-06-30 23:50:00");
        assertThat(read(files.get(YearMonth.of(2026, 7)))).extracting(row -> row.get("AssignedGPUs"))
                .containsExactly("GPU-1", "GPU_2");
    }

    @Test
    void preventJobsReasonColumnOnlyWhenAskedFor(@TempDir Path dir) throws Exception {
        Path with = GpuStateFiles.writeMonthly(dir.resolve("with"), ROWS.records(), true).get(YearMonth.of(2026, 6));
        Path without = GpuStateFiles.writeMonthly(dir.resolve("without"), ROWS.records(), false)
                .get(YearMonth.of(2026, 6));

        List<String> required = GpuStateColumns.ALL.stream().filter(GpuStateColumns.Column::required)
                .map(GpuStateColumns.Column::name).toList();
        assertThat(columns(without)).containsExactlyElementsOf(required);
        assertThat(columns(with)).containsExactlyElementsOf(concat(required, "PreventJobsReason"));
        assertThat(read(with).get(0).get("PreventJobsReason")).isEqualTo("GPUHealthy == False");
    }

    @Test
    void valuesKeepTheirSqliteTypes(@TempDir Path dir) throws Exception {
        Path file = GpuStateFiles.writeFile(dir.resolve("any-name.db"), ROWS.records(),
                GpuStateFiles.WITH_PREVENT_JOBS_REASON);

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet types = statement.executeQuery("SELECT typeof(GPUs_GlobalMemoryMb), typeof(timestamp), "
                        + "typeof(PrioritizedProjects), typeof(RemoteOwner), typeof(AvailableGPUs) "
                        + "FROM gpu_state ORDER BY rowid LIMIT 1")) {
            assertThat(types.next()).isTrue();
            assertThat(List.of(types.getString(1), types.getString(2), types.getString(3), types.getString(4),
                    types.getString(5))).containsExactly("integer", "text", "text", "null", "text");
        }
    }

    @Test
    void explicitFileTakesRowsOfAnyMonth(@TempDir Path dir) throws Exception {
        // rules §1.1: the collector may write a row outside the file's month
        Path june = GpuStateFiles.writeFile(dir.resolve(GpuStateFiles.fileName(YearMonth.of(2026, 6))),
                ROWS.records(), GpuStateFiles.REQUIRED_COLUMNS);

        assertThat(june.getFileName()).hasToString("gpu_state_2026-06.db");
        assertThat(read(june)).hasSize(3);
    }

    @Test
    void monthlyWritingNeedsValidTimestampText(@TempDir Path dir) {
        GpuStateRecord numeric = new GpuStateRecord("slot1@h", "GPU-1", "", "Unclaimed", null, null, "", null, "h",
                null, null, 1762164005L, null, null);
        GpuStateRecord iso = new GpuStateRecord("slot1@h", "GPU-1", "", "Unclaimed", null, null, "", null, "h",
                null, null, "2025-11-03T10:00:05", null, null);

        assertThatThrownBy(() -> GpuStateFiles.writeMonthly(dir, List.of(numeric), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeFile");
        assertThatThrownBy(() -> GpuStateFiles.writeMonthly(dir, List.of(iso), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir).isEmptyDirectory();
    }

    /** Every row of a file's {@code gpu_state}, in rowid order, column name to value. */
    static List<Map<String, Object>> read(Path file) throws SQLException {
        assertThat(Files.exists(file)).as("file %s exists", file).isTrue();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM gpu_state ORDER BY rowid")) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= count; i++) {
                    row.put(result.getMetaData().getColumnName(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<String> columns(Path file) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name FROM pragma_table_info('gpu_state')")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }

    private static List<String> concat(List<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }
}
