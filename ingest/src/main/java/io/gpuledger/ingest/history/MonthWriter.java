package io.gpuledger.ingest.history;

import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.parquet.ParquetMonthWriter;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.sqlite.GpuStateWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Writes one monthly file of either format, row by row: the generator's and the converter's one way to write. */
public interface MonthWriter extends AutoCloseable {

    void append(GpuStateRecord row) throws IOException;

    /** Completes the file; after this, {@link #close()} does nothing. */
    void finish() throws IOException;

    /** Without {@link #finish()}: drops what was written. */
    @Override
    void close() throws IOException;

    /** A writer of {@code file} in {@code format}, with every column in the collector's current order. */
    static MonthWriter create(Path file, MonthFormat format) throws IOException {
        if (format == MonthFormat.PARQUET) {
            ParquetMonthWriter parquet = ParquetMonthWriter.create(file);
            return new MonthWriter() {
                @Override
                public void append(GpuStateRecord row) throws IOException {
                    parquet.append(row);
                }

                @Override
                public void finish() throws IOException {
                    parquet.finish();
                }

                @Override
                public void close() throws IOException {
                    parquet.close();
                }
            };
        }
        GpuStateWriter sqlite;
        try {
            sqlite = GpuStateWriter.create(file);
        } catch (SQLException e) {
            throw new IOException("cannot create " + file + ": " + e.getMessage(), e);
        }
        return new MonthWriter() {
            private boolean closed;

            @Override
            public void append(GpuStateRecord row) throws IOException {
                try {
                    sqlite.append(row);
                } catch (SQLException e) {
                    throw new IOException("writing " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void finish() throws IOException {
                closed = true;
                try {
                    sqlite.close();
                } catch (SQLException e) {
                    throw new IOException("writing " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    finish();
                }
            }
        };
    }
}
