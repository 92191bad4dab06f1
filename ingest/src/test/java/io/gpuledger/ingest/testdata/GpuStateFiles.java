package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.monthly.GpuStateColumns.Column;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.sqlite.GpuStateWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes test rows into monthly snapshot files {@code gpu_state_YYYY-MM.db} (rules §1.1) with {@link GpuStateWriter}.
 *
 * <p>rules §7 fixtures have "no {@code PreventJobsReason} column" unless they say otherwise, so the column set is a
 * choice of every call. {@code Disk} (optional, never used) is left out of both standard schemas.
 */
public final class GpuStateFiles {

    /** The twelve required columns of rules §1.2, in the original files' order. */
    public static final List<Column> REQUIRED_COLUMNS =
            GpuStateColumns.ALL.stream().filter(Column::required).toList();

    /** The required columns plus {@code PreventJobsReason} (TEXT), as written by collectors since mid-2026. */
    public static final List<Column> WITH_PREVENT_JOBS_REASON = concat(REQUIRED_COLUMNS,
            GpuStateColumns.ALL.stream()
                    .filter(column -> column.name().equals(GpuStateColumns.PREVENT_JOBS_REASON)).toList());

    private GpuStateFiles() {
    }

    /** The file name of a month: {@code gpu_state_2025-11.db}. */
    public static String fileName(YearMonth month) {
        return "gpu_state_" + month + ".db";
    }

    /** The schema chosen by the {@code PreventJobsReason} flag. */
    public static List<Column> columns(boolean preventJobsReasonColumn) {
        return preventJobsReasonColumn ? WITH_PREVENT_JOBS_REASON : REQUIRED_COLUMNS;
    }

    /**
     * Writes each record into the file of its timestamp's month, in the given order (that is the rowid order), as the
     * collector does (rules §1.1). Existing files of those months are replaced.
     *
     * @return month to file written, in month order
     * @throws IllegalArgumentException when a record's timestamp is not valid stored text: write such records with
     *                                  {@link #writeFile} into an explicitly named file instead
     */
    public static Map<YearMonth, Path> writeMonthly(Path dir, Collection<GpuStateRecord> records,
            boolean preventJobsReasonColumn) throws SQLException {
        Map<YearMonth, List<GpuStateRecord>> byMonth = new TreeMap<>();
        for (GpuStateRecord record : records) {
            if (!(record.timestamp() instanceof String text)) {
                throw new IllegalArgumentException("timestamp " + record.timestamp() + " is not text: use writeFile");
            }
            YearMonth month = YearMonth.from(SnapshotTime.parse(text));
            byMonth.computeIfAbsent(month, key -> new ArrayList<>()).add(record);
        }
        Map<YearMonth, Path> written = new TreeMap<>();
        for (Map.Entry<YearMonth, List<GpuStateRecord>> month : byMonth.entrySet()) {
            Path file = dir.resolve(fileName(month.getKey()));
            writeFile(file, month.getValue(), columns(preventJobsReasonColumn));
            written.put(month.getKey(), file);
        }
        return written;
    }

    /** Writes all records into one file with exactly these columns (any name: rows outside its month are allowed). */
    public static Path writeFile(Path file, Collection<GpuStateRecord> records, List<Column> columns)
            throws SQLException {
        try (GpuStateWriter writer = GpuStateWriter.create(file, columns)) {
            for (GpuStateRecord record : records) {
                writer.append(record);
            }
        }
        return file;
    }

    private static List<Column> concat(List<Column> first, List<Column> second) {
        List<Column> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
