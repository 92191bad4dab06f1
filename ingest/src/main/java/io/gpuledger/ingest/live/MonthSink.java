package io.gpuledger.ingest.live;

import io.gpuledger.ingest.monthly.MonthFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;

/**
 * The monthly files {@code --also-write} keeps, so that consumers of the original's files keep working and the next
 * replay finds every collection: each collection goes whole into {@code DIR/gpu_state_YYYY-MM.<ext>} of its own
 * timestamp's month (the collector's clock decides the rollover), or not at all.
 */
public sealed interface MonthSink permits SqliteMonthSink, ParquetMonthSink {

    /** Appends {@code collection}'s rows to its month's file; returns that file. */
    Path write(Collection collection) throws IOException;

    /** A sink writing {@code format} files into {@code dir}. */
    static MonthSink of(Path dir, MonthFormat format) {
        return format == MonthFormat.PARQUET ? new ParquetMonthSink(dir) : new SqliteMonthSink(dir);
    }

    /** The file of {@code collection}'s month in {@code dir}. */
    static Path fileFor(Path dir, MonthFormat format, Collection collection) {
        YearMonth month = YearMonth.from(collection.timestamp());
        return dir.resolve(format.fileName(month));
    }
}
