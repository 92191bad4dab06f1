package io.gpuledger.ingest.sqlite;

import static io.gpuledger.ingest.sqlite.CheckScan.CHUNK_ROWS;
import static io.gpuledger.ingest.sqlite.PackedRows.RECORD;
import static io.gpuledger.ingest.sqlite.PackedRows.UNIT;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Reads the rows a validation scan selected, in batches, converting values SQLite has already accepted.
 *
 * <p>Rowid order (the normal case, UTF-8 files): each batch is one SQL row holding up to 4096 table rows packed into
 * one text ({@link PackedRows}); repeated values (machine, slot, GPU id, state, device, timestamp...) decode once into
 * shared strings ({@link ByteStrings}). A chunk that does not split cleanly (a value holding a separator) is re-read
 * column by column, as are all chunks of a non-UTF-8 file. Sorted order (a file not appended in timestamp order): one
 * JDBC row per table row, sorted by the timestamp's value, then rowid, each packed the same way (half the cost of
 * column-by-column getters); a row that does not split cleanly is re-read by its rowid.
 */
final class RowReader implements AutoCloseable {

    /** Receives each row in read order. */
    interface Sink {
        void row(LocalDateTime timestamp, String machine, SlotGpuRow row);
    }

    /** Read columns, in the order of both the packed text and the column-by-column query. */
    private static final List<String> COLUMNS = List.of(
            GpuStateColumns.NAME, GpuStateColumns.ASSIGNED_GPUS, GpuStateColumns.STATE, GpuStateColumns.DEVICE_NAME,
            GpuStateColumns.MEMORY_MB, GpuStateColumns.PRIORITIZED_PROJECTS, GpuStateColumns.AVERAGE_USAGE,
            GpuStateColumns.MACHINE, GpuStateColumns.REMOTE_OWNER, GpuStateColumns.GLOBAL_JOB_ID,
            GpuStateColumns.TIMESTAMP, GpuStateColumns.PREVENT_JOBS_REASON, GpuStateColumns.DISK);
    /** Packed fields: the rowid, then {@link #COLUMNS}. */
    private static final int FIELDS = 1 + COLUMNS.size();
    private static final int NAME = 1;
    private static final int ASSIGNED = 2;
    private static final int STATE = 3;
    private static final int DEVICE = 4;
    private static final int MEMORY = 5;
    private static final int PROJECTS = 6;
    private static final int USAGE = 7;
    private static final int MACHINE = 8;
    private static final int OWNER = 9;
    private static final int JOB = 10;
    private static final int TIMESTAMP = 11;
    private static final int REASON = 12;
    private static final int DISK = 13;

    private final TimestampCache timestamps;
    /** Rowid order: chunks of packed rows; null when the file is not UTF-8. Sorted order: the sorted query. */
    private final PreparedStatement packed;
    /** Rowid order: a chunk column by column. Sorted order: one row by rowid. Null for a sorted non-UTF-8 read. */
    private final PreparedStatement plain;
    /** Sorted order only: the open sorted query; its rows are packed when {@link #packed} is not null. */
    private ResultSet sortedCursor;
    private ResultSet sortedPlainCursor;
    private final long lastRowid;
    private long after;

    private final PackedRows packedRows = new PackedRows(FIELDS);
    private final ByteStrings[] strings = new ByteStrings[FIELDS];
    private Long lastMemory;
    private Long lastDisk;

    private RowReader(PreparedStatement packed, PreparedStatement plain, long after, long lastRowid,
            TimestampBounds bounds) {
        this.timestamps = new TimestampCache(bounds);
        this.packed = packed;
        this.plain = plain;
        this.after = after;
        this.lastRowid = lastRowid;
        for (int field = 0; field < FIELDS; field++) {
            strings[field] = new ByteStrings();
        }
    }

    /** Reads the rows with rowids in {@code [firstRowid, lastRowid]}, in rowid order. */
    static RowReader inRowidOrder(GpuStateTable table, boolean skipBadRows, long firstRowid, long lastRowid,
            TimestampBounds bounds) throws SQLException {
        String rid = table.rowid();
        String where = " FROM " + table.table() + " NOT INDEXED WHERE " + rid + " > ? AND " + rid + " <= ?"
                + (skipBadRows ? " AND " + table.rowGood() : "") + " ORDER BY " + rid;
        String packedSql = "SELECT count(*), max(rid), group_concat(t, '" + RECORD + "') FROM (SELECT " + rid
                + " AS rid, " + packedRow(table) + " AS t" + where + " LIMIT " + CHUNK_ROWS + ")";
        String plainSql = "SELECT " + plainColumns(table) + where + " LIMIT " + CHUNK_ROWS;
        PreparedStatement plain = table.connection().prepareStatement(plainSql);
        try {
            // Text bytes are UTF-8 only in a UTF-8 database; other files go column by column.
            PreparedStatement packed = table.utf8() ? table.connection().prepareStatement(packedSql) : null;
            return new RowReader(packed, plain, firstRowid - 1, lastRowid, bounds);
        } catch (SQLException e) {
            plain.close();
            throw e;
        }
    }

    /** Reads the good rows of {@code options}' range, sorted by timestamp value, then rowid. */
    static RowReader inTimestampOrder(GpuStateTable table, boolean skipBadRows, ReadOptions options)
            throws SQLException {
        String key = RowRules.timestampKey(table.column(GpuStateColumns.TIMESTAMP));
        String selected = table.utf8() ? table.rowid() + ", " + packedRow(table) : plainColumns(table);
        String sql = "SELECT " + selected + " FROM " + table.table() + " WHERE "
                + (skipBadRows ? table.rowGood() + " AND " : "") + key + " >= ? AND " + key + " <= ? AND " + key
                + " > ? ORDER BY " + key + ", " + table.rowid();
        PreparedStatement sorted = table.connection().prepareStatement(sql);
        PreparedStatement byRowid = null;
        try {
            sorted.setString(1, RowRules.keyText(options.range().from()));
            sorted.setString(2, RowRules.keyText(options.range().to()));
            sorted.setString(3, options.resumeAfter() == null ? "" : RowRules.keyText(options.resumeAfter()));
            RowReader reader;
            if (table.utf8()) {
                byRowid = table.connection().prepareStatement("SELECT " + plainColumns(table) + " FROM "
                        + table.table() + " WHERE " + table.rowid() + " = ?");
                reader = new RowReader(sorted, byRowid, Long.MIN_VALUE, Long.MAX_VALUE, options.bounds());
                reader.sortedCursor = sorted.executeQuery();
            } else {
                reader = new RowReader(null, sorted, Long.MIN_VALUE, Long.MAX_VALUE, options.bounds());
                reader.sortedPlainCursor = sorted.executeQuery();
            }
            return reader;
        } catch (SQLException e) {
            sorted.close();
            if (byRowid != null) {
                byRowid.close();
            }
            throw e;
        }
    }

    /** One row as one text: the rowid, then {@link #COLUMNS}, separated by {@link PackedRows#UNIT}. */
    private static String packedRow(GpuStateTable table) {
        StringBuilder packedRow = new StringBuilder("concat(").append(table.rowid());
        for (String column : COLUMNS) {
            packedRow.append(", '").append(UNIT).append("', ").append(packedField(table, column));
        }
        return packedRow.append(')').toString();
    }

    private static String packedField(GpuStateTable table, String column) {
        String c = table.column(column);
        return switch (column) {
            // Never NULL in a row that passed validation.
            case GpuStateColumns.NAME, GpuStateColumns.STATE, GpuStateColumns.MACHINE, GpuStateColumns.TIMESTAMP -> c;
            // A whole REAL becomes its INTEGER, as getLong would give; NULL packs as an empty field.
            case GpuStateColumns.MEMORY_MB, GpuStateColumns.DISK -> "CAST(" + c + " AS INTEGER)";
            // SQLite writes a REAL with up to 17 significant digits, enough to parse back the same double.
            case GpuStateColumns.AVERAGE_USAGE -> c;
            // '=' marks a present value, so NULL (empty field) and '' ('=') stay apart.
            default -> "'=' || " + c;
        };
    }

    private static String plainColumns(GpuStateTable table) {
        StringBuilder sql = new StringBuilder(table.rowid());
        for (String column : COLUMNS) {
            sql.append(", ").append(table.column(column));
        }
        return sql.toString();
    }

    /** Passes the next batch of rows to {@code sink}; false when there are no more rows. */
    boolean readBatch(Sink sink) throws SQLException {
        if (sortedCursor != null) {
            return readSorted(sink);
        }
        if (sortedPlainCursor != null) {
            return readSortedPlain(sink);
        }
        if (after >= lastRowid) {
            return false;
        }
        if (packed == null) {
            return readPlainWindow(sink);
        }
        packed.setLong(1, after);
        packed.setLong(2, lastRowid);
        int count;
        long chunkLast;
        byte[] chunk;
        try (ResultSet rs = packed.executeQuery()) {
            rs.next();
            count = rs.getInt(1);
            chunkLast = rs.getLong(2);
            chunk = rs.getBytes(3);
        }
        if (count == 0) {
            after = lastRowid;
            return false;
        }
        if (packedRows.split(chunk, count)) {
            for (int r = 0; r < count; r++) {
                packedRow(chunk, r, sink);
            }
            after = chunkLast;
        } else {
            readPlainWindow(sink);
        }
        return true;
    }

    private void packedRow(byte[] chunk, int r, Sink sink) {
        LocalDateTime timestamp = timestamps.parse(chunk, packedRows.start(r, TIMESTAMP), packedRows.end(r, TIMESTAMP));
        if (timestamp == null) {
            // Skip-bad-rows only: the scan counted and listed this row already.
            return;
        }
        String name = text(chunk, r, NAME);
        SlotGpuRow row = new SlotGpuRow(
                name,
                GpuIds.normalise(name, marked(chunk, r, ASSIGNED)),
                text(chunk, r, STATE),
                marked(chunk, r, DEVICE),
                memory(chunk, r),
                marked(chunk, r, PROJECTS),
                usage(chunk, r),
                marked(chunk, r, OWNER),
                marked(chunk, r, JOB),
                marked(chunk, r, REASON),
                disk(chunk, r));
        sink.row(timestamp, text(chunk, r, MACHINE), row);
    }

    private String text(byte[] chunk, int r, int field) {
        return strings[field].text(chunk, packedRows.start(r, field), packedRows.end(r, field));
    }

    /** A field packed as {@code '=' || value}: empty means NULL. */
    private String marked(byte[] chunk, int r, int field) {
        int start = packedRows.start(r, field);
        int end = packedRows.end(r, field);
        return start == end ? null : strings[field].text(chunk, start + 1, end);
    }

    private Long memory(byte[] chunk, int r) {
        int start = packedRows.start(r, MEMORY);
        int end = packedRows.end(r, MEMORY);
        if (start == end) {
            return null;
        }
        long value = PackedRows.parseLong(chunk, start, end);
        if (lastMemory == null || lastMemory != value) {
            lastMemory = value;
        }
        return lastMemory;
    }

    private Long disk(byte[] chunk, int r) {
        int start = packedRows.start(r, DISK);
        int end = packedRows.end(r, DISK);
        if (start == end) {
            return null;
        }
        long value = PackedRows.parseLong(chunk, start, end);
        if (lastDisk == null || lastDisk != value) {
            lastDisk = value;
        }
        return lastDisk;
    }

    private Double usage(byte[] chunk, int r) {
        int start = packedRows.start(r, USAGE);
        int end = packedRows.end(r, USAGE);
        return start == end ? null : strings[USAGE].real(chunk, start, end);
    }

    /** SQLite's text of a REAL: digits, exponent {@code e+300}, or {@code Inf}/{@code -Inf}. */
    static double parseReal(String text) {
        return switch (text) {
            case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /* The same rows as one packed chunk (same WHERE, ORDER BY and LIMIT), column by column. */
    private boolean readPlainWindow(Sink sink) throws SQLException {
        plain.setLong(1, after);
        plain.setLong(2, lastRowid);
        boolean any = false;
        try (ResultSet rs = plain.executeQuery()) {
            while (rs.next()) {
                after = rs.getLong(1);
                plainRow(rs, sink);
                any = true;
            }
        }
        if (!any) {
            after = lastRowid;
        }
        return any;
    }

    private boolean readSorted(Sink sink) throws SQLException {
        for (int i = 0; i < CHUNK_ROWS; i++) {
            if (!sortedCursor.next()) {
                return i > 0;
            }
            byte[] packedText = sortedCursor.getBytes(2);
            if (packedRows.split(packedText, 1)) {
                packedRow(packedText, 0, sink);
            } else {
                plain.setLong(1, sortedCursor.getLong(1));
                try (ResultSet rs = plain.executeQuery()) {
                    if (rs.next()) {
                        plainRow(rs, sink);
                    }
                }
            }
        }
        return true;
    }

    private boolean readSortedPlain(Sink sink) throws SQLException {
        for (int i = 0; i < CHUNK_ROWS; i++) {
            if (!sortedPlainCursor.next()) {
                return i > 0;
            }
            plainRow(sortedPlainCursor, sink);
        }
        return true;
    }

    private void plainRow(ResultSet rs, Sink sink) throws SQLException {
        LocalDateTime timestamp = timestamps.parse(rs.getString(1 + TIMESTAMP));
        if (timestamp == null) {
            // Skip-bad-rows only: the scan counted and listed this row already.
            return;
        }
        String name = rs.getString(1 + NAME);
        SlotGpuRow row = new SlotGpuRow(
                name,
                GpuIds.normalise(name, rs.getString(1 + ASSIGNED)),
                rs.getString(1 + STATE),
                rs.getString(1 + DEVICE),
                longOrNull(rs, 1 + MEMORY),
                rs.getString(1 + PROJECTS),
                doubleOrNull(rs, 1 + USAGE),
                rs.getString(1 + OWNER),
                rs.getString(1 + JOB),
                rs.getString(1 + REASON),
                longOrNull(rs, 1 + DISK));
        sink.row(timestamp, rs.getString(1 + MACHINE), row);
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    @Override
    public void close() throws SQLException {
        // Closing a statement closes its result set.
        try {
            if (packed != null) {
                packed.close();
            }
        } finally {
            if (plain != null) {
                plain.close();
            }
        }
    }
}
