package io.gpuledger.ingest.sqlite;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Structural errors (rules §1.2): each rejects the file with one line naming it. */
class ReaderFileErrorsTest {

    @TempDir
    Path dir;

    private Path goodFile(String name, int rows) {
        List<io.gpuledger.ingest.sqlite.GpuStateRecord> records = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            records.add(row(String.format("2025-10-01 10:%02d:00", i % 60), "h" + (i % 7) + ".wisc.edu",
                    "GPU-" + i + "-" + "x".repeat(40)));
        }
        return SqliteFixtures.write(dir.resolve(name), records);
    }

    private static void assertOneLineNaming(Throwable error, Path file, String... parts) {
        assertThat(error).isInstanceOf(SnapshotFileException.class);
        assertThat(error.getMessage()).startsWith(file + ": ").doesNotContain("\n");
        for (String part : parts) {
            assertThat(error.getMessage()).contains(part);
        }
        assertThat(((SnapshotFileException) error).file()).isEqualTo(file);
    }

    /** Opens, checks and reads everything: where a structural error surfaces does not matter to callers. */
    private static Throwable readError(Path file) {
        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            reader.check();
            reader.forEach(snapshot -> { });
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("gpu_state_2025-10.db");
        assertOneLineNaming(readError(file), file, "no such file");
        assertThat(file).doesNotExist();
    }

    @Test
    void textFileIsNotSqlite() {
        Path file = SqliteFixtures.textFile(dir.resolve("gpu_state_2025-10.db"),
                "Name,Machine,State\nslot1@h,h,Unclaimed\n".repeat(20));
        assertOneLineNaming(readError(file), file, "not an SQLite database file");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 4096, 50_000})
    void randomBytesAreNotSqlite(int size) {
        Path file = SqliteFixtures.randomBytes(dir.resolve("gpu_state_2025-10.db"), size, size);
        assertOneLineNaming(readError(file), file, "not an SQLite database file");
    }

    @Test
    void truncatedFileIsCorrupt() throws Exception {
        Path file = goodFile("gpu_state_2025-10.db", 3000);
        long size = Files.size(file);
        SqliteFixtures.truncate(file, (int) (size / 2));

        Throwable error = readError(file);

        assertOneLineNaming(error, file);
        assertThat(error.getMessage()).containsAnyOf("corrupt SQLite file", "not an SQLite database file");
    }

    @Test
    void damagedPagesAreCorrupt() throws Exception {
        Path file = goodFile("gpu_state_2025-10.db", 3000);
        long size = Files.size(file);
        // Past the schema page: b-tree pages of the table.
        SqliteFixtures.overwrite(file, 4096 * 3, (int) (size - 4096 * 3), (byte) 0x55);

        assertOneLineNaming(readError(file), file, "corrupt SQLite file");
    }

    @Test
    void emptyFileHasNoTable() throws Exception {
        Path file = Files.createFile(dir.resolve("gpu_state_2025-10.db"));
        assertOneLineNaming(readError(file), file, "no table gpu_state");
    }

    @Test
    void databaseWithoutTheTable() throws Exception {
        Path file = dir.resolve("gpu_state_2025-10.db");
        execute(file, "CREATE TABLE other (Name TEXT)");
        assertOneLineNaming(readError(file), file, "no table gpu_state");
    }

    @Test
    void aViewIsNotTheTable() throws Exception {
        Path file = dir.resolve("gpu_state_2025-10.db");
        execute(file, "CREATE TABLE t (Name TEXT)", "CREATE VIEW gpu_state AS SELECT * FROM t");
        assertOneLineNaming(readError(file), file, "gpu_state is a view, not a table");
    }

    @Test
    void withoutRowidTableIsRefused() throws Exception {
        Path file = dir.resolve("gpu_state_2025-10.db");
        StringBuilder ddl = new StringBuilder("CREATE TABLE gpu_state (");
        for (GpuStateColumns.Column c : GpuStateColumns.ALL) {
            ddl.append('"').append(c.name()).append("\" ").append(c.declaredType()).append(", ");
        }
        ddl.append("PRIMARY KEY (Name, timestamp)) WITHOUT ROWID");
        execute(file, ddl.toString());
        assertOneLineNaming(readError(file), file, "WITHOUT ROWID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Name", "AssignedGPUs", "AvailableGPUs", "State", "GPUs_DeviceName", "GPUs_GlobalMemoryMb",
        "PrioritizedProjects", "GPUsAverageUsage", "Machine", "RemoteOwner", "GlobalJobId", "timestamp"})
    void missingRequiredColumnNamesFileAndColumn(String column) {
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"),
                SqliteFixtures.schemaWithout(column),
                List.of(row("2025-10-01 10:00:00", "h", "GPU-1").byColumn()));
        assertOneLineNaming(readError(file), file, "missing required column " + column);
    }

    @Test
    void impossibleMonthInTheNameIsRefused() {
        Path file = goodFile("gpu_state_2025-13.db", 1);
        assertOneLineNaming(readError(file), file, "impossible month 13");
    }

    @Test
    void directoryIsNotAFile() throws Exception {
        Path file = Files.createDirectory(dir.resolve("gpu_state_2025-10.db"));
        assertOneLineNaming(readError(file), file, "not a regular file");
    }

    @Test
    void theLowestPossibleRowidIsRefusedRatherThanSkipped() throws Exception {
        Path file = goodFile("gpu_state_2025-10.db", 3);
        execute(file, "INSERT INTO gpu_state (rowid, Name, AssignedGPUs, AvailableGPUs, State, GPUs_DeviceName,"
                + " GPUs_GlobalMemoryMb, PrioritizedProjects, GPUsAverageUsage, Machine, RemoteOwner, GlobalJobId,"
                + " timestamp) SELECT " + Long.MIN_VALUE + ", Name, AssignedGPUs, AvailableGPUs, State,"
                + " GPUs_DeviceName, GPUs_GlobalMemoryMb, PrioritizedProjects, GPUsAverageUsage, Machine,"
                + " RemoteOwner, GlobalJobId, timestamp FROM gpu_state WHERE rowid = 1");
        assertOneLineNaming(readError(file), file, "rowid " + Long.MIN_VALUE + " is not supported");
    }

    @Test
    void theFileIsOpenedReadOnlyAndLeftUnchanged() throws Exception {
        Path file = goodFile("gpu_state_2025-10.db", 10);
        byte[] before = Files.readAllBytes(file);
        long modified = Files.getLastModifiedTime(file).toMillis();

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            reader.forEach(snapshot -> { });
            // query_only and the read-only open both refuse writes.
            GpuStateTable table = GpuStateTable.open(file);
            try (Statement statement = table.connection().createStatement()) {
                assertThatThrownBy(() -> statement.execute("DELETE FROM gpu_state")).hasMessageContaining("readonly");
            } finally {
                table.close();
            }
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        assertThat(dir.resolve("gpu_state_2025-10.db-journal")).doesNotExist();
    }

    static void execute(Path file, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
