package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a {@code gpu_state_YYYY-MM.parquet} month as the original's collector does: one flat zstd-compressed file,
 * the SQLite columns by name, {@code timestamp} a timestamp without time zone in microseconds. The whole file is
 * written to a dot-prefixed temporary name beside the target and renamed over it at {@link #finish()}, so a reader
 * sees the old month or the new one, never half of one (readers ignore dot-files and {@code .tmp} files).
 *
 * <p>Rows are staged in a DuckDB database file next to the temporary file (a month is millions of rows; memory stays
 * small), deleted when the writer finishes or is closed.
 */
public final class ParquetMonthWriter implements AutoCloseable {

    /** The Parquet types, in {@link GpuStateColumns#ALL} order. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry(GpuStateColumns.MEMORY_MB, "BIGINT"),
            Map.entry(GpuStateColumns.AVERAGE_USAGE, "DOUBLE"),
            Map.entry(GpuStateColumns.TIMESTAMP, "TIMESTAMP"),
            Map.entry(GpuStateColumns.DISK, "BIGINT"));

    private final Path target;
    private final Path temporary;
    private final Path staging;
    private final Connection connection;
    private final DuckDBAppender appender;
    private final List<String> columns;
    private boolean finished;

    private ParquetMonthWriter(Path target, List<String> columns, boolean keepExistingRows)
            throws SQLException, IOException {
        this.target = target;
        this.columns = columns;
        Path dir = target.toAbsolutePath().getParent();
        this.temporary = dir.resolve("." + target.getFileName() + ".tmp");
        this.staging = dir.resolve("." + target.getFileName() + ".staging.duckdb");
        Files.deleteIfExists(staging);
        this.connection = DriverManager.getConnection("jdbc:duckdb:" + staging);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 2");
            StringBuilder create = new StringBuilder("CREATE TABLE gpu_state (");
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                create.append(i == 0 ? "" : ", ").append(ParquetColumns.quote(column)).append(' ')
                        .append(TYPES.getOrDefault(column, "VARCHAR"));
            }
            statement.execute(create.append(')').toString());
            if (keepExistingRows && Files.exists(target)) {
                // By name: a month of an older generation lacks the later columns, which read as NULL.
                statement.execute("INSERT INTO gpu_state BY NAME SELECT * FROM read_parquet("
                        + ParquetColumns.literal(target.toAbsolutePath().toString()) + ")");
            }
        }
        this.appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "gpu_state");
    }

    /** A writer of every column, in the collector's current order. */
    public static ParquetMonthWriter create(Path target) throws IOException {
        return create(target, GpuStateColumns.names());
    }

    /**
     * A writer of {@code columns} only, in that order (files of older generations lack the later columns and order
     * them differently).
     */
    public static ParquetMonthWriter create(Path target, List<String> columns) throws IOException {
        try {
            return new ParquetMonthWriter(target, List.copyOf(columns), false);
        } catch (SQLException e) {
            throw new IOException("cannot write " + target + ": " + ParquetColumns.firstLine(e), e);
        }
    }

    /**
     * A writer of every column that starts with the rows {@code target} already holds (none when it does not exist):
     * the live collector's append, which still replaces the whole file at {@link #finish()}.
     */
    public static ParquetMonthWriter extending(Path target) throws IOException {
        try {
            return new ParquetMonthWriter(target, GpuStateColumns.names(), true);
        } catch (SQLException e) {
            throw new IOException("cannot extend " + target + ": " + ParquetColumns.firstLine(e), e);
        }
    }

    /** Appends a row; its timestamp is text as in a SQLite month, numbers are numbers. */
    public void append(GpuStateRecord record) throws IOException {
        Map<String, Object> values = record.byColumn();
        try {
            appender.beginRow();
            for (String column : columns) {
                Object value = values.get(column);
                if (value == null) {
                    appender.appendNull();
                } else if (column.equals(GpuStateColumns.TIMESTAMP)) {
                    appender.append(SnapshotTime.parse(value.toString()));
                } else if (TYPES.get(column) == null) {
                    appender.append(value.toString());
                } else if (column.equals(GpuStateColumns.AVERAGE_USAGE)) {
                    appender.append(((Number) value).doubleValue());
                } else {
                    appender.append(((Number) value).longValue());
                }
            }
            appender.endRow();
        } catch (SQLException e) {
            throw new IOException("cannot write " + target + ": " + ParquetColumns.firstLine(e), e);
        }
    }

    /** Writes the file under its temporary name, then renames it over the target. */
    public void finish() throws IOException {
        try {
            appender.close();
            try (Statement statement = connection.createStatement()) {
                statement.execute("COPY gpu_state TO " + ParquetColumns.literal(temporary.toString())
                        + " (FORMAT parquet, COMPRESSION zstd)");
            }
        } catch (SQLException e) {
            throw new IOException("cannot write " + target + ": " + ParquetColumns.firstLine(e), e);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
        close();
    }

    /** Drops the staged rows; without {@link #finish()} the target is left as it was. */
    @Override
    public void close() throws IOException {
        try {
            if (!finished) {
                appender.close();
            }
            connection.close();
        } catch (SQLException e) {
            // The staging file is deleted below; nothing of it is used any more.
        } finally {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(staging.resolveSibling(staging.getFileName() + ".wal"));
            Files.deleteIfExists(temporary);
        }
    }
}
