package io.gpuledger.ingest.monthly;

import io.gpuledger.ingest.parquet.ParquetMonthFile;
import io.gpuledger.ingest.sqlite.SqliteMonthFile;
import java.nio.file.Path;

/** Opens a monthly history file of either format, by its name: {@code .parquet} is Parquet, anything else SQLite. */
public final class HistoryFiles {

    private HistoryFiles() {
    }

    /** The format of a file by its name: {@code .parquet} or (anything else) SQLite. */
    public static MonthFormat formatOf(Path file) {
        return String.valueOf(file.getFileName()).endsWith("." + MonthFormat.PARQUET.extension())
                ? MonthFormat.PARQUET : MonthFormat.SQLITE;
    }

    /**
     * Opens a file for reading.
     *
     * @throws SnapshotFileException on a structural error naming the file
     */
    public static MonthFileReader open(Path file, ReadOptions options) {
        return formatOf(file) == MonthFormat.PARQUET ? ParquetMonthFile.open(file, options)
                : SqliteMonthFile.open(file, options);
    }

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static MonthFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }
}
