package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.sqlite.GpuStateWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator's fast path through {@link GpuStateWriter#append(GpuStateRecord)} puts each value in its column. */
class GpuStateWriterBindingTest {

    private static final GpuStateRecord RECORD = new GpuStateRecord("slot1_1@h", "GPU-1", "", "Claimed",
            "NVIDIA H200", 143_771L, "ALab", 0.5, "h", "u@x", "s#1.0#1700000000", "2025-10-01 00:00:05.000001",
            "GPUHealthy == False", 42L);

    @TempDir
    Path dir;

    @Test
    void everyValueLandsInItsColumn() throws Exception {
        Path file = dir.resolve("all.db");
        try (GpuStateWriter writer = GpuStateWriter.create(file)) {
            writer.append(RECORD);
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM gpu_state")) {
            assertThat(result.next()).isTrue();
            for (GpuStateColumns.Column column : GpuStateColumns.ALL) {
                Object expected = RECORD.byColumn().get(column.name());
                Object stored = result.getObject(column.name());
                if (expected instanceof Long number) {
                    assertThat(((Number) stored).longValue()).as(column.name()).isEqualTo(number);
                } else {
                    assertThat(stored).as(column.name()).isEqualTo(expected);
                }
            }
            assertThat(result.next()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 10_239, 10_241, 20_545})
    void rowidOrderIsAppendOrderWhateverTheRowCount(int rowCount) throws Exception {
        Path file = dir.resolve("order.db");
        try (GpuStateWriter writer = GpuStateWriter.create(file)) {
            for (int i = 0; i < rowCount; i++) {
                if (i % 3 == 0) {
                    writer.append(Map.of("Name", "slot1@h" + i, "Disk", (long) i));
                } else {
                    writer.append(new GpuStateRecord("slot1@h" + i, null, null, null, null, null, null, null, null,
                            null, null, null, null, (long) i));
                }
            }
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT rowid, Name, Disk FROM gpu_state ORDER BY rowid")) {
            int expected = 0;
            while (result.next()) {
                assertThat(result.getString(2)).isEqualTo("slot1@h" + expected);
                assertThat(result.getLong(3)).isEqualTo(expected);
                expected++;
            }
            assertThat(expected).isEqualTo(rowCount);
        }
    }

    @Test
    void aFileWithFewerReorderedAndForeignColumnsStillGetsTheRightValues() throws Exception {
        Path file = dir.resolve("subset.db");
        List<GpuStateColumns.Column> columns = List.of(
                new GpuStateColumns.Column("timestamp", "DATETIME", true),
                new GpuStateColumns.Column("GPUs_MIG_abc_Extra", "TEXT", false),
                new GpuStateColumns.Column("Machine", "TEXT", true),
                new GpuStateColumns.Column("Name", "TEXT", true));
        try (GpuStateWriter writer = GpuStateWriter.create(file, columns)) {
            writer.append(RECORD);
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM gpu_state")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("2025-10-01 00:00:05.000001");
            assertThat(result.getString(2)).isNull();
            assertThat(result.getString(3)).isEqualTo("h");
            assertThat(result.getString(4)).isEqualTo("slot1_1@h");
        }
    }
}
