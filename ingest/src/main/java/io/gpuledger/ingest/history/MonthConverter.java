package io.gpuledger.ingest.history;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.parquet.ParquetMonthFile;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.sqlite.SqliteMonthFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Turns a month of one format into the same month in the other, row for row as stored (what the original's migration
 * script does for SQLite to Parquet). Only a clean month is converted: a bad value has no faithful place in a typed
 * Parquet column, and converting must never change a number.
 */
public final class MonthConverter {

    /** What one conversion wrote. */
    public record Converted(Path from, Path to, long rows) {
    }

    private MonthConverter() {
    }

    /** The name the month of {@code file} has in {@code format}, beside it or in {@code dir} when not null. */
    public static Path target(Path file, MonthFormat format, Path dir) {
        Path parent = dir != null ? dir : file.toAbsolutePath().getParent();
        return parent.resolve(MonthlyFiles.monthOf(file).map(format::fileName).orElseThrow(
                () -> new SnapshotFileException(file, "not a gpu_state_YYYY-MM.db or .parquet file name")));
    }

    /**
     * Converts {@code file} to {@code format} as {@code target}.
     *
     * @throws SnapshotFileException when the file cannot be read or has bad rows
     * @throws IOException           when the target cannot be written, or exists and {@code overwrite} is off
     */
    public static Converted convert(Path file, MonthFormat format, Path target, boolean overwrite)
            throws IOException {
        if (MonthlyFiles.formatOf(file) == format) {
            throw new SnapshotFileException(file, "is already " + format);
        }
        if (Files.exists(target) && !overwrite) {
            throw new IOException(target + " already exists (use --force to overwrite)");
        }
        try (MonthFileReader reader = HistoryFiles.open(file)) {
            FileCheck check = reader.check();
            if (!check.clean()) {
                throw new SnapshotFileException(file, check.badRows() + " bad row" + (check.badRows() == 1 ? "" : "s")
                        + " (see ingest validate): only a clean month is converted");
            }
        }
        long[] rows = {0};
        try (MonthWriter writer = MonthWriter.create(partial(target), format)) {
            Consumer<GpuStateRecord> append = row -> {
                try {
                    writer.append(row);
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            if (MonthlyFiles.formatOf(file) == MonthFormat.SQLITE) {
                SqliteMonthFile.forEachStoredRow(file, append);
            } else {
                ParquetMonthFile.forEachStoredRow(file, append);
            }
            writer.finish();
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(partial(target));
            throw e.getCause();
        }
        Files.move(partial(target), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Converted(file, target, rows[0]);
    }

    /** Where the target is written first: a dot-file no reader picks up. */
    private static Path partial(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".partial");
    }
}
