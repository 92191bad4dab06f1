package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.ColumnRule;
import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The validation scan: one pass over the whole file, in rowid order, before anything is emitted.
 *
 * <p>SQLite evaluates the row rules ({@link RowRules}) natively and hands over, per chunk of 4096 rows, a single text
 * holding each row's rowid, verdict and timestamp text; Java checks the timestamp's form with the same
 * {@link TimestampCache} the read uses, and keeps the counts, the time span, the rowid bounds of the rows to emit and
 * whether good rows are in timestamp order. Rows whose rowid order is not timestamp order force a sorted read.
 *
 * <p>Problems are then listed from the chunks that held bad rows only, with the per-column labels of
 * {@link RowRules#label}; the listing recounts the bad rows and must agree with the scan.
 */
final class CheckScan {

    static final int CHUNK_ROWS = 4096;


    /** The rows {@code rowid > after AND rowid <= last}. */
    record Window(long after, long last) {
    }

    /**
     * @param check              what callers see
     * @param firstSelectedRowid rowid of the first row to emit (meaningful when rows are to be emitted)
     * @param lastSelectedRowid  rowid of the last row to emit
     * @param badWindows         chunks holding at least one bad row, in rowid order
     */
    record Result(FileCheck check, long firstSelectedRowid, long lastSelectedRowid, List<Window> badWindows) {
    }

    private final GpuStateTable table;
    private final ReadOptions options;
    private final YearMonth month;
    private final TimestampCache timestamps;
    private final PackedRows packedRows = new PackedRows(3);

    private long rows;
    private long badRows;
    private long rowsInRange;
    private long rowsToEmit;
    private long rowsOutsideMonth;
    private LocalDateTime first;
    private LocalDateTime last;
    private boolean ordered = true;
    private long firstSelectedRowid = Long.MIN_VALUE;
    private long lastSelectedRowid = Long.MIN_VALUE;
    private long lastRowid = Long.MIN_VALUE;
    private boolean chunkHasBadRow;
    private final List<Window> badWindows = new ArrayList<>();

    private CheckScan(GpuStateTable table, ReadOptions options, YearMonth month) {
        this.table = table;
        this.options = options;
        this.month = month;
        this.timestamps = new TimestampCache(options.bounds());
    }

    /** Runs the scan; the problem list of the result is empty (see {@link #listProblems}). */
    static Result run(GpuStateTable table, ReadOptions options, YearMonth month) throws SQLException {
        return new CheckScan(table, options, month).scan();
    }

    private Result scan() throws SQLException {
        long started = System.nanoTime();
        String rid = table.rowid();
        String timestamp = table.column(GpuStateColumns.TIMESTAMP);
        String from = table.table() + " NOT INDEXED";
        String packed = "SELECT count(*), max(rid), group_concat(t, '" + PackedRows.RECORD + "') FROM (SELECT " + rid
                + " AS rid, concat(" + rid + ", '" + PackedRows.UNIT + "', " + table.rowGood() + ", '"
                + PackedRows.UNIT + "', " + timestamp + ") AS t FROM " + from + " WHERE " + rid + " > ? ORDER BY "
                + rid + " LIMIT " + CHUNK_ROWS + ")";
        String plain = "SELECT " + rid + ", " + table.rowGood() + ", " + timestamp + " FROM " + from + " WHERE " + rid
                + " > ? AND " + rid + " <= ? ORDER BY " + rid;
        refuseLowestRowid(rid);
        try (PreparedStatement chunks = table.connection().prepareStatement(packed);
             PreparedStatement rowByRow = table.connection().prepareStatement(plain)) {
            long after = Long.MIN_VALUE;
            while (true) {
                chunks.setLong(1, after);
                int count;
                long chunkLast;
                byte[] packedText;
                try (ResultSet rs = chunks.executeQuery()) {
                    rs.next();
                    count = rs.getInt(1);
                    chunkLast = rs.getLong(2);
                    // Text bytes are UTF-8 only in a UTF-8 database; other files go row by row.
                    packedText = table.utf8() ? rs.getBytes(3) : null;
                }
                if (count == 0) {
                    break;
                }
                chunkHasBadRow = false;
                if (!scanPacked(packedText, count)) {
                    scanPlain(rowByRow, after, chunkLast);
                }
                if (chunkHasBadRow) {
                    badWindows.add(new Window(after, chunkLast));
                }
                after = chunkLast;
            }
        }
        FileCheck check = new FileCheck(table.file(), month, rows, badRows, List.of(), first, last, rowsInRange,
                rowsToEmit, rowsOutsideMonth, ordered, (System.nanoTime() - started) / 1e9);
        return new Result(check, firstSelectedRowid, lastSelectedRowid, List.copyOf(badWindows));
    }

    /*
     * Chunks start after a rowid, the first after Long.MIN_VALUE; a row with exactly that rowid (never assigned by
     * SQLite, only set explicitly) would be skipped, so such a file is refused rather than read short.
     */
    private void refuseLowestRowid(String rid) throws SQLException {
        try (Statement statement = table.connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT min(" + rid + ") FROM " + table.table())) {
            if (rs.next() && rs.getLong(1) == Long.MIN_VALUE && !rs.wasNull()) {
                throw new SnapshotFileException(table.file(), "rowid " + Long.MIN_VALUE + " is not supported");
            }
        }
    }

    /* False when the chunk does not split cleanly (a timestamp holding a separator): it is then read row by row. */
    private boolean scanPacked(byte[] text, int count) {
        if (!packedRows.split(text, count)) {
            return false;
        }
        for (int r = 0; r < count; r++) {
            long rowid = PackedRows.parseLong(text, packedRows.start(r, 0), packedRows.end(r, 0));
            int flag = packedRows.start(r, 1);
            boolean good = packedRows.end(r, 1) == flag + 1 && text[flag] == '1';
            row(rowid, good, good ? timestamps.parse(text, packedRows.start(r, 2), packedRows.end(r, 2)) : null);
        }
        return true;
    }

    private void scanPlain(PreparedStatement rowByRow, long after, long chunkLast) throws SQLException {
        rowByRow.setLong(1, after);
        rowByRow.setLong(2, chunkLast);
        try (ResultSet rs = rowByRow.executeQuery()) {
            while (rs.next()) {
                boolean good = rs.getInt(2) == 1;
                row(rs.getLong(1), good, good ? timestamps.parse(rs.getString(3)) : null);
            }
        }
    }

    /** One row: {@code timestamp} is null when the row is bad natively or its timestamp text is rejected. */
    private void row(long rowid, boolean nativeGood, LocalDateTime timestamp) {
        if (rowid <= lastRowid) {
            throw new IllegalStateException(table.file() + ": validation scan saw rowid " + rowid + " after "
                    + lastRowid);
        }
        lastRowid = rowid;
        rows++;
        if (!nativeGood || timestamp == null) {
            badRows++;
            chunkHasBadRow = true;
            return;
        }
        if (last != null && timestamp.isBefore(last)) {
            ordered = false;
        }
        if (first == null || timestamp.isBefore(first)) {
            first = timestamp;
        }
        if (last == null || timestamp.isAfter(last)) {
            last = timestamp;
        }
        if (month != null && (timestamp.getYear() != month.getYear()
                || timestamp.getMonthValue() != month.getMonthValue())) {
            rowsOutsideMonth++;
        }
        if (options.range().contains(timestamp)) {
            rowsInRange++;
            if (options.selects(timestamp)) {
                rowsToEmit++;
                if (firstSelectedRowid == Long.MIN_VALUE) {
                    firstSelectedRowid = rowid;
                }
                lastSelectedRowid = rowid;
            }
        }
    }

    /**
     * Lists the problems of the bad rows, in rowid order: those of the first {@code rowLimit} bad rows are returned;
     * when {@code sink} is not null every problem of every bad row also goes to it.
     *
     * @throws IllegalStateException when the listing, having read every bad chunk, counts other bad rows than the scan
     */
    static List<RowProblem> listProblems(GpuStateTable table, Result scan, TimestampBounds bounds, int rowLimit,
            Consumer<RowProblem> sink) throws SQLException {
        List<ColumnRule> checked = ColumnRule.ALL.stream().filter(c -> table.has(c.name())).toList();
        StringBuilder sql = new StringBuilder("SELECT ").append(table.rowid()).append(", ").append(table.rowGood());
        for (ColumnRule column : checked) {
            String c = table.column(column.name());
            sql.append(", ").append(RowRules.label(column, c)).append(", quote(").append(c).append(')');
        }
        sql.append(", ").append(table.column(GpuStateColumns.TIMESTAMP)).append(" FROM ").append(table.table())
                .append(" NOT INDEXED WHERE ").append(table.rowid()).append(" > ? AND ").append(table.rowid())
                .append(" <= ? ORDER BY ").append(table.rowid());
        int timestampColumn = 3 + 2 * checked.size();
        List<RowProblem> shown = new ArrayList<>();
        long badRowsFound = 0;
        boolean complete = true;
        TimestampCache timestamps = new TimestampCache(bounds);
        try (PreparedStatement statement = table.connection().prepareStatement(sql.toString())) {
            for (Window window : scan.badWindows()) {
                if (sink == null && badRowsFound >= rowLimit) {
                    complete = false;
                    break;
                }
                statement.setLong(1, window.after());
                statement.setLong(2, window.last());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long rowid = rs.getLong(1);
                        boolean nativeGood = rs.getInt(2) == 1;
                        List<RowProblem> problems = new ArrayList<>(2);
                        for (int i = 0; i < checked.size(); i++) {
                            String column = checked.get(i).name();
                            String label = nativeGood ? null : rs.getString(3 + 2 * i);
                            if (label != null) {
                                problems.add(new RowProblem(table.file(), rowid, column,
                                        RowProblem.render(rs.getString(4 + 2 * i)), label));
                            } else if (column.equals(GpuStateColumns.TIMESTAMP)) {
                                // A TEXT timestamp: its form is SnapshotTime.parse's to judge, as in the scan.
                                String text = rs.getString(timestampColumn);
                                if (timestamps.parse(text) == null) {
                                    problems.add(new RowProblem(table.file(), rowid, column,
                                            RowProblem.render(RowProblem.quoted(text)), timestamps.problem()));
                                }
                            }
                        }
                        if (problems.isEmpty()) {
                            continue;
                        }
                        if (badRowsFound < rowLimit) {
                            shown.addAll(problems);
                        }
                        badRowsFound++;
                        if (sink != null) {
                            problems.forEach(sink);
                        }
                    }
                }
            }
        }
        if (complete && badRowsFound != scan.check().badRows()) {
            throw new IllegalStateException(table.file() + ": the validation scan counted " + scan.check().badRows()
                    + " bad rows but the problem listing found " + badRowsFound);
        }
        return shown;
    }

}
