package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.ColumnRule;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The columns of one Parquet month as DuckDB sees them, matched by name (files of different generations order them
 * differently, and older ones lack the later, optional columns), and the SQL that judges and reads them. Values are
 * judged by the same {@link ColumnRule}s as a SQLite month's; what Parquet adds is the column's type: a text column
 * holding numbers, or a numeric one holding text, makes every non-NULL value of it bad, as in SQLite.
 */
final class ParquetColumns {

    /** DuckDB's integer types: whole numbers whatever their value. */
    private static final List<String> INTEGERS = List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT",
            "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT");
    private static final List<String> FLOATS = List.of("FLOAT", "DOUBLE");
    /** Naive timestamps at every unit Parquet writers use: pandas wrote nanoseconds, the collector microseconds. */
    private static final List<String> TIMESTAMPS = List.of("TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private final Path file;
    private final String source;
    /** DuckDB type by column name, for the columns the file has. */
    private final Map<String, String> types;

    private ParquetColumns(Path file, String source, Map<String, String> types) {
        this.file = file;
        this.source = source;
        this.types = types;
    }

    /**
     * Reads the file's schema.
     *
     * @throws SnapshotFileException when the file is not Parquet, lacks a required column, or its {@code timestamp} is
     *                               not a naive timestamp
     */
    static ParquetColumns resolve(Connection connection, Path file) {
        String source = "read_parquet(" + literal(file.toAbsolutePath().toString()) + ", file_row_number = true)";
        Map<String, String> byLowerName = new LinkedHashMap<>();
        Map<String, String> actualName = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (columns.next()) {
                String name = columns.getString(1);
                byLowerName.put(name.toLowerCase(Locale.ROOT), columns.getString(2));
                actualName.put(name.toLowerCase(Locale.ROOT), name);
            }
        } catch (SQLException e) {
            throw new SnapshotFileException(file, "not a readable Parquet file: " + firstLine(e), e);
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (GpuStateColumns.Column column : GpuStateColumns.ALL) {
            String key = column.name().toLowerCase(Locale.ROOT);
            String type = byLowerName.get(key);
            if (type == null) {
                if (column.required()) {
                    throw new SnapshotFileException(file, "missing required column " + column.name());
                }
                continue;
            }
            if (!actualName.get(key).equals(column.name())) {
                // DuckDB matches names without regard to case; the rules do not.
                throw new SnapshotFileException(file, "column " + actualName.get(key) + " is not named "
                        + column.name() + " (names are case-sensitive)");
            }
            types.put(column.name(), type);
        }
        String timestamp = types.get(GpuStateColumns.TIMESTAMP);
        if (!TIMESTAMPS.contains(timestamp)) {
            throw new SnapshotFileException(file, "column timestamp is " + timestamp + ": a Parquet month stores a "
                    + "timestamp without time zone (the collector's local wall clock)");
        }
        return new ParquetColumns(file, source, types);
    }

    Path file() {
        return file;
    }

    /** The table expression of the file, with {@code file_row_number} (0-based). */
    String source() {
        return source;
    }

    boolean has(String column) {
        return types.containsKey(column);
    }

    /** 1-based row number, as {@code rowid} in messages. */
    static String rowid() {
        return "(file_row_number + 1)";
    }

    /** The timestamp as a DuckDB {@code TIMESTAMP} (microseconds; nanoseconds are cut, as the collector has none). */
    static String timestamp() {
        return "CAST(\"timestamp\" AS TIMESTAMP)";
    }

    /** True when {@code rule}'s column holds a good value; never NULL. A missing optional column is all NULL. */
    String good(ColumnRule rule, TimestampBounds bounds) {
        String c = quote(rule.name());
        if (!has(rule.name())) {
            return "true";
        }
        String type = types.get(rule.name());
        boolean text = type.equals("VARCHAR");
        return switch (rule.kind()) {
            case NON_EMPTY_TEXT -> text ? "(" + c + " IS NOT NULL AND " + c + " <> '')" : "false";
            case TEXT -> text ? "true" : "(" + c + " IS NULL)";
            case STATE -> text ? "(" + c + " IS NOT NULL AND " + c + " IN (" + acceptedStates() + "))" : "false";
            case TIMESTAMP -> "(" + c + " IS NOT NULL AND " + timestamp() + " BETWEEN " + time(bounds.earliest())
                    + " AND " + time(bounds.latest()) + ")";
            case WHOLE_NUMBER -> INTEGERS.contains(type) ? "true" : FLOATS.contains(type)
                    ? "(" + c + " IS NULL OR isnan(" + c + ") OR (isfinite(" + c + ") AND " + c + " = trunc(" + c
                    + ") AND abs(" + c + ") < 9.2e18))"
                    : "(" + c + " IS NULL)";
            case NUMBER -> INTEGERS.contains(type) || FLOATS.contains(type) ? "true" : "(" + c + " IS NULL)";
        };
    }

    /** NULL for a good value, else why it is bad, in the SQLite reader's words. */
    String reason(ColumnRule rule, TimestampBounds bounds) {
        String type = types.get(rule.name());
        if (type == null) {
            return "NULL";
        }
        String c = quote(rule.name());
        String wording = switch (rule.kind()) {
            case NON_EMPTY_TEXT -> type.equals("VARCHAR")
                    ? "CASE WHEN " + c + " IS NULL THEN 'NULL, a value is required' ELSE 'empty, a value is required' END"
                    : "'" + typeWord(type) + " in a TEXT column'";
            case TEXT -> "'" + typeWord(type) + " in a TEXT column'";
            case STATE -> type.equals("VARCHAR")
                    ? "CASE WHEN " + c + " IS NULL THEN 'unknown state (NULL)' ELSE 'unknown state' END"
                    : "'" + typeWord(type) + " in a TEXT column'";
            case TIMESTAMP -> "CASE WHEN " + c + " IS NULL THEN 'NULL timestamp' WHEN " + timestamp() + " < "
                    + time(bounds.earliest()) + " THEN " + literal(bounds.problem(bounds.earliest().minusDays(1)))
                    + " ELSE " + literal(bounds.problem(bounds.latest().plusDays(1))) + " END";
            case WHOLE_NUMBER -> FLOATS.contains(type)
                    ? "CASE WHEN abs(" + c + ") < 9.2e18 THEN 'not a whole number of " + rule.unit()
                    + "' ELSE 'out of range for a whole number of " + rule.unit() + "' END"
                    : "'text in a numeric column'";
            case NUMBER -> "'text in a numeric column'";
        };
        return "CASE WHEN " + good(rule, bounds) + " THEN NULL ELSE " + wording + " END";
    }

    /** The value as text for a problem line: strings quoted, NULL as NULL. */
    String shown(ColumnRule rule) {
        if (!has(rule.name())) {
            return "NULL";
        }
        String c = quote(rule.name());
        String type = types.get(rule.name());
        if (type.equals("VARCHAR")) {
            return "CASE WHEN " + c + " IS NULL THEN 'NULL' ELSE '''' || replace(" + c + ", '''', '''''') || '''' END";
        }
        if (TIMESTAMPS.contains(type)) {
            return "CASE WHEN " + c + " IS NULL THEN 'NULL' ELSE '''' || strftime(" + timestamp()
                    + ", '%Y-%m-%d %H:%M:%S') || '''' END";
        }
        return "coalesce(CAST(" + c + " AS VARCHAR), 'NULL')";
    }

    /** A column's value for reading, NaN (pandas' missing number) as NULL; NULL for a missing optional column. */
    String value(String column) {
        if (!has(column)) {
            return "NULL";
        }
        String c = quote(column);
        String type = types.get(column);
        return switch (column) {
            case GpuStateColumns.MEMORY_MB, GpuStateColumns.DISK -> FLOATS.contains(type)
                    ? "CASE WHEN isnan(" + c + ") THEN NULL ELSE CAST(" + c + " AS BIGINT) END"
                    : "CAST(" + c + " AS BIGINT)";
            case GpuStateColumns.AVERAGE_USAGE -> FLOATS.contains(type)
                    ? "CASE WHEN isnan(" + c + ") THEN NULL ELSE CAST(" + c + " AS DOUBLE) END"
                    : "CAST(" + c + " AS DOUBLE)";
            case GpuStateColumns.TIMESTAMP -> timestamp();
            default -> c;
        };
    }

    /** True when every value of every text column is free of the packing separators (checked on the data). */
    String textWithoutSeparators() {
        return types.entrySet().stream().filter(entry -> entry.getValue().equals("VARCHAR"))
                .map(entry -> "coalesce(bool_and(NOT contains(" + quote(entry.getKey()) + ", chr(30)) AND NOT contains("
                        + quote(entry.getKey()) + ", chr(31))), true)")
                .collect(Collectors.joining(" AND ", "(", ")"));
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String time(java.time.LocalDateTime value) {
        return "TIMESTAMP '" + SQL_TIME.format(value) + "'";
    }

    private static String typeWord(String type) {
        if (INTEGERS.contains(type)) {
            return "integer";
        }
        if (FLOATS.contains(type)) {
            return "real";
        }
        return type.toLowerCase(Locale.ROOT);
    }

    private static String acceptedStates() {
        return SlotState.ACCEPTED.stream().sorted().map(ParquetColumns::literal).collect(Collectors.joining(", "));
    }

    static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
