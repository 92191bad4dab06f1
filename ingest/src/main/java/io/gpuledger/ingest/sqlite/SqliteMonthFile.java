package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import java.nio.file.Path;
import java.time.YearMonth;

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

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static MonthFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }
}
