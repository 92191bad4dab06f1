package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.ColumnRule;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * An open monthly file: a read-only connection with SQLite's defensive settings, inside one read transaction, and the
 * {@code gpu_state} columns resolved by name.
 *
 * <p>The whole check and read run in that one transaction, so a collector appending to the current month's file
 * cannot slip unvalidated rows into a read.
 */
final class GpuStateTable implements AutoCloseable {

    private static final Pattern SQLITE_MESSAGE = Pattern.compile("\\[\\w+\\] .*\\((.+)\\)");

    private final Path file;
    private final Connection connection;
    private final Schema schema;
    private final String rowid;
    private final boolean utf8;

    /**
     * @param table   the quoted table name as the file spells it
     * @param present every column name of the table, as spelled
     * @param columns canonical column name to the quoted identifier naming it in this file; absent optional columns
     *                have no entry
     */
    private record Schema(String table, List<String> present, Map<String, String> columns) {
    }

    private GpuStateTable(Path file, Connection connection, Schema schema, String rowid, boolean utf8) {
        this.file = file;
        this.connection = connection;
        this.schema = schema;
        this.rowid = rowid;
        this.utf8 = utf8;
    }

    /**
     * Opens {@code file} read-only and resolves its columns.
     *
     * @throws SnapshotFileException when the file is missing, not SQLite, corrupt, has no {@code gpu_state} table or
     *                               lacks a required column
     */
    static GpuStateTable open(Path file) {
        if (!Files.exists(file)) {
            throw new SnapshotFileException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new SnapshotFileException(file, "not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new SnapshotFileException(file, "not readable");
        }
        Connection connection = null;
        try {
            connection = connect(file);
            Schema schema = resolveColumns(file, connection);
            String rowid = rowidAlias(file, schema, connection);
            return new GpuStateTable(file, connection, schema, rowid, isUtf8(connection));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure(file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.enableLoadExtension(false);
        Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            // An untrusted file's schema (views, triggers, defaults) may not call functions with side effects.
            statement.execute("PRAGMA trusted_schema = OFF");
            statement.execute("PRAGMA query_only = ON");
            // Catches corrupt b-tree cells as pages are read instead of misreading them.
            statement.execute("PRAGMA cell_size_check = ON");
            // A memory map turns a file truncated under us into a crash (SIGBUS); plain reads give an error.
            statement.execute("PRAGMA mmap_size = 0");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    private static Schema resolveColumns(Path file, Connection connection) throws SQLException {
        String type = null;
        String tableName = null;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT type, name FROM sqlite_schema WHERE name = '"
                     + GpuStateColumns.TABLE + "' COLLATE NOCASE")) {
            if (rs.next()) {
                type = rs.getString(1);
                tableName = rs.getString(2);
            }
        }
        if (type == null) {
            throw new SnapshotFileException(file, "no table " + GpuStateColumns.TABLE);
        }
        if (!"table".equals(type)) {
            throw new SnapshotFileException(file, GpuStateColumns.TABLE + " is a " + type + ", not a table");
        }
        List<String> present = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name FROM pragma_table_info('"
                     + tableName.replace("'", "''") + "')")) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (GpuStateColumns.Column column : GpuStateColumns.ALL) {
            String match = present.stream().filter(name -> asciiEqualsIgnoreCase(name, column.name())).findFirst()
                    .orElse(null);
            if (match != null) {
                columns.put(column.name(), RowRules.quoteIdentifier(match));
            } else if (column.required()) {
                throw new SnapshotFileException(file, "missing required column " + column.name() + " in table "
                        + GpuStateColumns.TABLE);
            }
        }
        return new Schema(RowRules.quoteIdentifier(tableName), present, columns);
    }

    /* A column may be named rowid; SQLite then still answers to _rowid_ or oid. */
    private static String rowidAlias(Path file, Schema schema, Connection connection) throws SQLException {
        for (String alias : List.of("rowid", "_rowid_", "oid")) {
            if (schema.present().stream().noneMatch(name -> asciiEqualsIgnoreCase(name, alias))) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT " + alias + " FROM " + schema.table() + " LIMIT 0").close();
                } catch (SQLException e) {
                    if (String.valueOf(e.getMessage()).contains("no such column")) {
                        throw new SnapshotFileException(file, GpuStateColumns.TABLE
                                + " is a WITHOUT ROWID table; rows need a rowid");
                    }
                    throw e;
                }
                return alias;
            }
        }
        throw new SnapshotFileException(file, "columns named rowid, _rowid_ and oid hide the rowid");
    }

    private static boolean isUtf8(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA encoding")) {
            return rs.next() && "UTF-8".equalsIgnoreCase(rs.getString(1));
        }
    }

    /** SQLite folds ASCII letters only when it matches identifiers; {@code String.equalsIgnoreCase} folds more. */
    static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && asciiLower(x) != asciiLower(y)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    Path file() {
        return file;
    }

    /** True when text is stored as UTF-8, so a text value's bytes are its UTF-8 form (packed reads rely on it). */
    boolean utf8() {
        return utf8;
    }

    Connection connection() {
        return connection;
    }

    /** The quoted table name as the file spells it. */
    String table() {
        return schema.table();
    }

    String rowid() {
        return rowid;
    }

    boolean has(String column) {
        return schema.columns().containsKey(column);
    }

    /** SQL for a column's value: its quoted identifier, or {@code NULL} for an absent optional column. */
    String column(String column) {
        return schema.columns().getOrDefault(column, "NULL");
    }

    /** The good predicates of the columns this file has, in {@link RowRules#CHECKED} order. */
    List<String> goodPredicates() {
        List<String> goods = new ArrayList<>();
        for (ColumnRule checked : ColumnRule.ALL) {
            if (has(checked.name())) {
                goods.add(RowRules.good(checked, column(checked.name())));
            }
        }
        return goods;
    }

    /**
     * 1 when every checked column of a row holds a good value (the timestamp's form aside), else 0. Written as a CASE
     * so SQLite evaluates the predicates as jumps that stop at the first failure; as a plain value expression every
     * operand of every AND/OR would be computed (measured: 40% slower).
     */
    String rowGood() {
        return "CASE WHEN " + RowRules.allGood(goodPredicates()) + " THEN 1 ELSE 0 END";
    }

    /** A one-line error naming the file for an SQLite failure. */
    static SnapshotFileException failure(Path file, SQLException e) {
        String detail = String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        // sqlite-jdbc says "[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)"
        Matcher sqliteWording = SQLITE_MESSAGE.matcher(detail);
        if (sqliteWording.matches()) {
            detail = sqliteWording.group(1);
        }
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String name = code == null ? "" : code.name();
            if (name.startsWith("SQLITE_NOTADB")) {
                return new SnapshotFileException(file, "not an SQLite database file", e);
            }
            if (name.startsWith("SQLITE_CORRUPT")) {
                return new SnapshotFileException(file, "corrupt SQLite file (" + detail + ")", e);
            }
            if (name.startsWith("SQLITE_CANTOPEN")) {
                return new SnapshotFileException(file, "cannot open (" + detail + ")", e);
            }
            if (name.startsWith("SQLITE_IOERR")) {
                return new SnapshotFileException(file, "I/O error reading the file (" + detail + ")", e);
            }
        }
        return new SnapshotFileException(file, "SQLite error: " + detail, e);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // A read-only transaction has nothing to lose.
        }
        closeQuietly(connection);
    }
}
