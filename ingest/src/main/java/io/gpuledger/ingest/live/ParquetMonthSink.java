package io.gpuledger.ingest.live;

import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.parquet.ParquetMonthFile;
import io.gpuledger.ingest.parquet.ParquetMonthWriter;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adds each collection to {@code gpu_state_YYYY-MM.parquet} as the original's current collector does: the month's
 * rows so far plus the new ones are written whole to a dot-prefixed temporary file that is renamed over the month
 * ({@link ParquetMonthWriter}), so readers see the month before or after the collection, never a part of it.
 */
final class ParquetMonthSink implements MonthSink {

    private final Path dir;

    ParquetMonthSink(Path dir) {
        this.dir = dir;
    }

    @Override
    public Path write(Collection collection) throws IOException {
        Path file = MonthSink.fileFor(dir, MonthFormat.PARQUET, collection);
        Files.createDirectories(dir);
        try (ParquetMonthWriter writer = ParquetMonthWriter.replacing(file)) {
            if (Files.exists(file)) {
                ParquetMonthFile.forEachStoredRow(file, row -> {
                    try {
                        writer.append(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            for (GpuStateRecord row : collection.rows()) {
                writer.append(row);
            }
            writer.commit();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return file;
    }
}
