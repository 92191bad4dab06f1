package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import java.nio.file.Path;
import java.time.YearMonth;

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

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static MonthFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }
}
