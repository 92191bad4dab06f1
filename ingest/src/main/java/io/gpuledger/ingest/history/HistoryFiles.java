package io.gpuledger.ingest.history;

import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.parquet.ParquetMonthFile;
import io.gpuledger.ingest.sqlite.SqliteMonthFile;
import java.nio.file.Path;

/**
 * The one place that picks the reader of a monthly file by its name: {@code .db} months are SQLite, {@code .parquet}
 * months Parquet. Everything that reads history (validate, the loader, the service's replay, the demo) opens files
 * here, so both formats are history everywhere.
 */
public final class HistoryFiles {

    private HistoryFiles() {
    }

    /**
     * Opens a monthly file of either format.
     *
     * @throws SnapshotFileException when the file cannot be opened; a name ending in neither extension is read as
     *                               SQLite (tests and tools name files freely)
     */
    public static MonthFileReader open(Path file, ReadOptions options) {
        if (String.valueOf(file.getFileName()).endsWith("." + MonthFormat.PARQUET.extension())) {
            return ParquetMonthFile.open(file, options);
        }
        return SqliteMonthFile.open(file, options);
    }

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static MonthFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }
}
