package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.monthly.GpuStateColumns.Column;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.sqlite.GpuStateWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds small {@code gpu_state} files for reader tests: rows in the original schema, rows with any stored value in
 * any column (numbers in TEXT columns, BLOBs...), odd schemas, and files that are not SQLite at all.
 */
public final class SqliteFixtures {

    private SqliteFixtures() {
    }

    /**
     * A plausible stored row: a primary slot {@code slot1@<machine>} unless {@code name} says otherwise, device H200,
     * 143771 MiB, PP {@code ""}, no job, no PreventJobsReason.
     */
    public static GpuStateRecord row(String timestamp, String machine, String name, String gpuId, String state) {
        boolean claimed = "Claimed".equals(state);
        return new GpuStateRecord(name, gpuId, "", state, "NVIDIA H200", 143771L, "", claimed ? 0.75 : 0.0, machine,
                claimed ? "user@wisc.edu" : null, claimed ? "ap1#1.0#1" : null, timestamp, null, 1_000_000L);
    }

    /** {@link #row} with the slot {@code slot1@<machine>}. */
    public static GpuStateRecord row(String timestamp, String machine, String gpuId) {
        return row(timestamp, machine, "slot1@" + machine, gpuId, "Unclaimed");
    }

    /** The row's values by column, with {@code column} set to {@code value} (any Java value, stored as its type). */
    public static Map<String, Object> with(GpuStateRecord row, String column, Object value) {
        Map<String, Object> values = new LinkedHashMap<>(row.byColumn());
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("not a gpu_state column: " + column);
        }
        values.put(column, value);
        return values;
    }

    /** A file with every column of the current schema and these rows, appended in list order. */
    public static Path write(Path file, List<GpuStateRecord> rows) {
        return writeValues(file, GpuStateColumns.ALL, rows.stream().map(GpuStateRecord::byColumn).toList());
    }

    /** A file with exactly these columns (names, declared types, order) and these rows by column name. */
    public static Path writeValues(Path file, List<Column> columns, List<Map<String, Object>> rows) {
        try (GpuStateWriter writer = GpuStateWriter.create(file, columns)) {
            for (Map<String, Object> row : rows) {
                writer.append(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write fixture " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The current schema's columns with one column's declared type replaced (to store, say, a number as TEXT's). */
    public static List<Column> schemaWithType(String column, String declaredType) {
        List<Column> columns = new ArrayList<>();
        for (Column c : GpuStateColumns.ALL) {
            columns.add(c.name().equals(column) ? new Column(c.name(), declaredType, c.required()) : c);
        }
        return columns;
    }

    /** The current schema without these columns. */
    public static List<Column> schemaWithout(String... names) {
        List<String> left = List.of(names);
        return GpuStateColumns.ALL.stream().filter(c -> !left.contains(c.name())).toList();
    }

    /**
     * A copy of {@code source} whose text is stored as UTF-16LE (SQLite's other text encodings), same rows, rowids,
     * values and storage classes.
     */
    public static Path copyAsUtf16(Path source, Path target) {
        try (java.sql.Connection from = java.sql.DriverManager.getConnection("jdbc:sqlite:" + source);
             java.sql.Connection to = java.sql.DriverManager.getConnection("jdbc:sqlite:" + target);
             java.sql.Statement read = from.createStatement();
             java.sql.Statement write = to.createStatement()) {
            write.execute("PRAGMA encoding = 'UTF-16le'");
            try (java.sql.ResultSet rs = read.executeQuery("SELECT sql FROM sqlite_schema WHERE name = 'gpu_state'")) {
                rs.next();
                write.execute(rs.getString(1));
            }
            to.setAutoCommit(false);
            try (java.sql.ResultSet rs = read.executeQuery("SELECT rowid, * FROM gpu_state ORDER BY rowid")) {
                int columns = rs.getMetaData().getColumnCount();
                String marks = "?" + ", ?".repeat(columns - 2);
                String sql = "INSERT INTO gpu_state (rowid, " + quotedNames(rs.getMetaData()) + ") VALUES (?, " + marks
                        + ")";
                try (java.sql.PreparedStatement insert = to.prepareStatement(sql)) {
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            insert.setObject(i, rs.getObject(i));
                        }
                        insert.executeUpdate();
                    }
                }
            }
            to.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy " + source + " as UTF-16: " + e.getMessage(), e);
        }
        return target;
    }

    private static String quotedNames(java.sql.ResultSetMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 2; i <= meta.getColumnCount(); i++) {
            names.add('"' + meta.getColumnName(i) + '"');
        }
        return String.join(", ", names);
    }

    /** A file of {@code size} random bytes. */
    public static Path randomBytes(Path file, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return writeBytes(file, bytes);
    }

    /** A plain text file. */
    public static Path textFile(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Cuts {@code file} to its first {@code size} bytes. */
    public static Path truncate(Path file, int size) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return writeBytes(file, java.util.Arrays.copyOf(bytes, size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites {@code length} bytes of {@code file} from {@code offset} with {@code value}. */
    public static Path overwrite(Path file, int offset, int length, byte value) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            java.util.Arrays.fill(bytes, offset, offset + length, value);
            return writeBytes(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
