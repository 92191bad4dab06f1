package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Consumer;

/** Opens {@code gpu_state_YYYY-MM.db} files for reading (rules §1). */
public final class SqliteMonthFile {

    private SqliteMonthFile() {
    }

    /**
     * Opens a file read-only and resolves its columns.
     *
     * @throws SnapshotFileException on a structural error (missing, not SQLite, corrupt, no {@code gpu_state}, a
     *                               required column missing) or a monthly file name with an impossible month
     */
    public static MonthFileReader open(Path file, ReadOptions options) {
        YearMonth month = MonthlyFiles.monthOf(file).orElse(null);
        return new MonthFileReader(file, options, new SqliteRowSource(file, options, month, GpuStateTable.open(file)));
    }

    /**
     * Every row as stored, in rowid order (for converting a month to another format): numbers as numbers, the
     * timestamp as its text. Only for a file whose check is clean.
     */
    public static void forEachStoredRow(Path file, Consumer<GpuStateRecord> action) {
        try (GpuStateTable table = GpuStateTable.open(file)) {
            StringBuilder sql = new StringBuilder("SELECT ");
            List<String> names = GpuStateColumns.names();
            for (int i = 0; i < names.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(table.column(names.get(i)));
            }
            sql.append(" FROM ").append(table.table()).append(" ORDER BY ").append(table.rowid());
            try (Statement statement = table.connection().createStatement();
                 ResultSet rows = statement.executeQuery(sql.toString())) {
                while (rows.next()) {
                    Object[] values = new Object[names.size()];
                    for (int i = 0; i < values.length; i++) {
                        Object value = rows.getObject(i + 1);
                        // A whole REAL in a whole-number column is that number (rules §1.2).
                        values[i] = value instanceof Double d && (names.get(i).equals(GpuStateColumns.MEMORY_MB)
                                || names.get(i).equals(GpuStateColumns.DISK)) ? Long.valueOf(d.longValue()) : value;
                    }
                    action.accept(new GpuStateRecord(values[0], values[1], values[2], values[3], values[4], values[5],
                            values[6], values[7], values[8], values[9], values[10], values[11], values[12],
                            values[13]));
                }
            }
        } catch (SQLException e) {
            throw GpuStateTable.failure(file, e);
        }
    }

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static MonthFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }
}
