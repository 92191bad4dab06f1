package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.parquet.ParquetMonthWriter;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Parquet months for tests: the rows of {@link SqliteFixtures} written as the collector writes them, or by SQL. */
public final class ParquetFixtures {

    private ParquetFixtures() {
    }

    /** {@code rows} as a Parquet month with every column (the collector's current generation). */
    public static Path write(Path file, List<GpuStateRecord> rows) {
        return write(file, rows, io.gpuledger.ingest.monthly.GpuStateColumns.names());
    }

    /** {@code rows} as a Parquet month with only {@code columns}, in that order (an older generation). */
    public static Path write(Path file, List<GpuStateRecord> rows, List<String> columns) {
        try (ParquetMonthWriter writer = ParquetMonthWriter.create(file, columns)) {
            for (GpuStateRecord row : rows) {
                writer.append(row);
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes the result of {@code select} (DuckDB SQL; may read {@code source}, a Parquet file, as {@code src}) to
     * {@code file}: for shapes no writer of ours makes (nanosecond or zoned timestamps, numbers in text columns).
     */
    public static Path bySql(Path file, Path source, String select) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            if (source != null) {
                statement.execute("CREATE VIEW src AS SELECT * FROM read_parquet('" + source + "')");
            }
            statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet, COMPRESSION zstd)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }
}
