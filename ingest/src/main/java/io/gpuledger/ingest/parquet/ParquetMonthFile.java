package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.nio.file.Path;
import java.time.YearMonth;

/** Opens {@code gpu_state_YYYY-MM.parquet} files for reading (ingest/README.md, "Parquet months"). */
public final class ParquetMonthFile {

    private ParquetMonthFile() {
    }

    /**
     * Opens a file and resolves its columns by name.
     *
     * @throws SnapshotFileException on a structural error (missing, not Parquet, corrupt footer, a required column
     *                               missing or of another type) or a monthly file name with an impossible month
     */
    public static MonthFileReader open(Path file, ReadOptions options) {
        YearMonth month = MonthlyFiles.monthOf(file).orElse(null);
        return new MonthFileReader(file, options, ParquetRowSource.open(file, options, month));
    }

    /** {@link #forEachRecord}: the name main's converter calls. */
    public static void forEachStoredRow(Path file, java.util.function.Consumer<GpuStateRecord> action) {
        forEachRecord(file, action);
    }

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static MonthFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }

    /** Every row of the file as stored, in file order (timestamps as text): what {@code ingest convert} copies. */
    public static void forEachRecord(Path file, java.util.function.Consumer<GpuStateRecord> consumer) {
        YearMonth month = MonthlyFiles.monthOf(file).orElse(null);
        try (ParquetRowSource source = ParquetRowSource.open(file, ReadOptions.defaults(), month)) {
            source.forEachRecord(consumer);
        }
    }
}
