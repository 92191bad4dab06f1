package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Consumer;

/** Opens {@code gpu_state_YYYY-MM.parquet} files for reading (rules §1; what Parquet adds: ingest/README.md). */
public final class ParquetMonthFile {

    private ParquetMonthFile() {
    }

    /**
     * Opens a file and resolves its columns by name.
     *
     * @throws SnapshotFileException on a structural error (missing, not Parquet, a required column missing, a
     *                               timestamp with a time zone) or a monthly file name with an impossible month
     */
    public static MonthFileReader open(Path file, ReadOptions options) {
        YearMonth month = MonthlyFiles.monthOf(file).orElse(null);
        return new MonthFileReader(file, options, new ParquetRowSource(file, options, month));
    }

    /**
     * Every row as stored, in file order (for converting a month to another format): numbers as numbers, the timestamp
     * as the text a SQLite month stores. Only for a file whose check is clean.
     */
    public static void forEachStoredRow(Path file, Consumer<GpuStateRecord> action) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            ParquetColumns columns = ParquetColumns.resolve(connection, file);
            StringBuilder sql = new StringBuilder("SELECT ");
            List<String> names = GpuStateColumns.names();
            for (int i = 0; i < names.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(columns.value(names.get(i)));
            }
            sql.append(" FROM ").append(columns.source()).append(" ORDER BY file_row_number");
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql.toString())) {
                while (rows.next()) {
                    Object[] values = new Object[names.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = names.get(i).equals(GpuStateColumns.TIMESTAMP)
                                ? SnapshotTime.format(rows.getObject(i + 1, LocalDateTime.class))
                                : rows.getObject(i + 1);
                    }
                    action.accept(new GpuStateRecord(values[0], values[1], values[2], values[3], values[4], values[5],
                            values[6], values[7], values[8], values[9], values[10], values[11], values[12],
                            values[13]));
                }
            }
        } catch (SQLException e) {
            throw new SnapshotFileException(file, "cannot read the Parquet file: " + ParquetColumns.firstLine(e), e);
        }
    }

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static MonthFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }
}
