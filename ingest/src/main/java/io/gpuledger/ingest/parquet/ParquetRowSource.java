package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.ColumnRule;
import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.RowSource;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A {@code gpu_state_YYYY-MM.parquet} month as rows, read with DuckDB (in process, no server). One aggregate query
 * judges every value and counts what the check reports; the read streams the good selected rows, each packed by DuckDB
 * into one text so that a row costs one JDBC call instead of fourteen.
 *
 * <p>The collector rewrites the current month by writing a temporary file and renaming it over the old one. Each
 * query reads one consistent file, but the check and the read are two queries: the file's identity is taken when it
 * is opened and compared before and after the read, so a month replaced in between is an error ("read it again"),
 * never rows of two versions counted as one.
 */
final class ParquetRowSource implements RowSource {

    private static final char UNIT = '\u001f';
    private static final int BATCH_ROWS = 4096;
    /** Packed field order. */
    private static final List<String> PACKED = List.of(GpuStateColumns.TIMESTAMP, GpuStateColumns.MACHINE,
            GpuStateColumns.NAME, GpuStateColumns.ASSIGNED_GPUS, GpuStateColumns.STATE, GpuStateColumns.DEVICE_NAME,
            GpuStateColumns.MEMORY_MB, GpuStateColumns.PRIORITIZED_PROJECTS, GpuStateColumns.AVERAGE_USAGE,
            GpuStateColumns.REMOTE_OWNER, GpuStateColumns.GLOBAL_JOB_ID, GpuStateColumns.PREVENT_JOBS_REASON,
            GpuStateColumns.DISK);
    /** Fields packed as {@code '=' || value}, so that NULL (empty) and {@code ''} ({@code =}) stay apart. */
    private static final List<String> MARKED = List.of(GpuStateColumns.ASSIGNED_GPUS, GpuStateColumns.DEVICE_NAME,
            GpuStateColumns.PRIORITIZED_PROJECTS, GpuStateColumns.REMOTE_OWNER, GpuStateColumns.GLOBAL_JOB_ID,
            GpuStateColumns.PREVENT_JOBS_REASON);

    private final Path file;
    private final ReadOptions options;
    private final YearMonth month;
    private final Connection connection;
    private final ParquetColumns columns;
    private final FileIdentity opened;
    private final List<Map<String, String>> shared = new ArrayList<>();
    private boolean packable = true;
    /** Good rows in timestamp order by row number (the check finds out): then the read needs no sort. */
    private boolean scanOrdered = true;
    private Statement readStatement;
    private ResultSet rows;
    private String lastTimestampText;
    private LocalDateTime lastTimestamp;

    ParquetRowSource(Path file, ReadOptions options, YearMonth month) {
        this.file = file;
        this.options = options;
        this.month = month;
        this.opened = FileIdentity.of(file);
        this.connection = connect(file);
        try {
            this.columns = ParquetColumns.resolve(connection, file);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        for (int i = 0; i < PACKED.size(); i++) {
            shared.add(new HashMap<>());
        }
    }

    private static Connection connect(Path file) {
        Properties properties = new Properties();
        // Rows come as the read consumes them instead of the whole result at once.
        properties.setProperty("jdbc_stream_results", "true");
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = connection.createStatement()) {
                // Outside the JVM heap: keep it bounded, and off the service's two cores' worth of threads.
                statement.execute("SET memory_limit = '1GB'");
                statement.execute("SET threads = 2");
            }
            return connection;
        } catch (SQLException e) {
            throw new SnapshotFileException(file, "cannot start the Parquet reader: " + ParquetColumns.firstLine(e),
                    e);
        }
    }

    private String good() {
        StringBuilder all = new StringBuilder("(true");
        for (ColumnRule rule : ColumnRule.ALL) {
            all.append(" AND ").append(columns.good(rule, options.bounds()));
        }
        return all.append(')').toString();
    }

    private String selected() {
        String ts = ParquetColumns.timestamp();
        StringBuilder where = new StringBuilder("(true");
        if (options.range().hasStart()) {
            where.append(" AND ").append(ts).append(" >= ").append(ParquetColumns.time(options.range().from()));
        }
        if (options.range().hasEnd()) {
            where.append(" AND ").append(ts).append(" <= ").append(ParquetColumns.time(options.range().to()));
        }
        return where.append(')').toString();
    }

    private String afterResume() {
        return options.resumeAfter() == null ? "true"
                : ParquetColumns.timestamp() + " > " + ParquetColumns.time(options.resumeAfter());
    }

    private String inMonth() {
        if (month == null) {
            return "true";
        }
        return ParquetColumns.timestamp() + " >= " + ParquetColumns.time(month.atDay(1).atStartOfDay()) + " AND "
                + ParquetColumns.timestamp() + " < " + ParquetColumns.time(month.plusMonths(1).atDay(1)
                .atStartOfDay());
    }

    @Override
    public FileCheck check() {
        long started = System.nanoTime();
        String good = good();
        String ts = ParquetColumns.timestamp();
        String sql = "SELECT count(*), count(*) FILTER (WHERE NOT " + good + "), min(" + ts + ") FILTER (WHERE " + good
                + "), max(" + ts + ") FILTER (WHERE " + good + "), count(*) FILTER (WHERE " + good + " AND "
                + selected() + "), count(*) FILTER (WHERE " + good + " AND " + selected() + " AND " + afterResume()
                + "), count(*) FILTER (WHERE " + good + " AND NOT (" + inMonth() + ")), "
                + columns.textWithoutSeparators() + " FROM " + columns.source();
        long rowCount;
        long badRows;
        LocalDateTime first;
        LocalDateTime last;
        long rowsInRange;
        long rowsToEmit;
        long rowsOutsideMonth;
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            rowCount = result.getLong(1);
            badRows = result.getLong(2);
            first = result.getObject(3, LocalDateTime.class);
            last = result.getObject(4, LocalDateTime.class);
            rowsInRange = result.getLong(5);
            rowsToEmit = result.getLong(6);
            rowsOutsideMonth = result.getLong(7);
            packable = result.getBoolean(8);
        } catch (SQLException e) {
            throw failure(e);
        }
        boolean ordered = rowsToEmit == 0 || ordered(good);
        scanOrdered = ordered;
        List<RowProblem> problems = badRows == 0 ? List.of()
                : problems(good, options.problemLimit(), options.skipBadRows() ? options.rejects() : null);
        return new FileCheck(file, month, rowCount, badRows, problems, first, last, rowsInRange, rowsToEmit,
                rowsOutsideMonth, ordered, (System.nanoTime() - started) / 1e9);
    }

    /** Whether good rows are in timestamp order by row number: then the read needs no sort. */
    private boolean ordered(String good) {
        String ts = ParquetColumns.timestamp();
        String sql = "SELECT coalesce(bool_and(previous IS NULL OR t >= previous), true) FROM (SELECT " + ts
                + " AS t, lag(" + ts + ") OVER (ORDER BY file_row_number) AS previous FROM " + columns.source()
                + " WHERE " + good + ")";
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getBoolean(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The problems of the first {@code rowLimit} bad rows; every bad row's go to {@code sink} when it is not null. */
    private List<RowProblem> problems(String good, int rowLimit, Consumer<RowProblem> sink) {
        StringBuilder sql = new StringBuilder("SELECT ").append(ParquetColumns.rowid());
        for (ColumnRule rule : ColumnRule.ALL) {
            sql.append(", ").append(columns.reason(rule, options.bounds())).append(", ").append(columns.shown(rule));
        }
        sql.append(" FROM ").append(columns.source()).append(" WHERE NOT ").append(good)
                .append(" ORDER BY file_row_number");
        if (sink == null) {
            sql.append(" LIMIT ").append(rowLimit);
        }
        List<RowProblem> shown = new ArrayList<>();
        long badRowsSeen = 0;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql.toString())) {
            while (result.next()) {
                long rowid = result.getLong(1);
                for (int i = 0; i < ColumnRule.ALL.size(); i++) {
                    String reason = result.getString(2 + 2 * i);
                    if (reason == null) {
                        continue;
                    }
                    RowProblem problem = new RowProblem(file, rowid, ColumnRule.ALL.get(i).name(),
                            RowProblem.render(result.getString(3 + 2 * i)), reason);
                    if (badRowsSeen < rowLimit) {
                        shown.add(problem);
                    }
                    if (sink != null) {
                        sink.accept(problem);
                    }
                }
                badRowsSeen++;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return shown;
    }

    @Override
    public void start() {
        requireUnchanged("between its check and its read");
        String good = good();
        StringBuilder sql = new StringBuilder("SELECT ");
        if (packable) {
            sql.append("concat(");
            for (int i = 0; i < PACKED.size(); i++) {
                String column = PACKED.get(i);
                String value = column.equals(GpuStateColumns.TIMESTAMP)
                        ? "strftime(" + ParquetColumns.timestamp() + ", '%Y-%m-%d %H:%M:%S.%f')"
                        : columns.value(column);
                sql.append(i == 0 ? "" : ", chr(31), ").append(MARKED.contains(column) ? "'=' || " + value : value);
            }
            sql.append(')');
        } else {
            for (int i = 0; i < PACKED.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(columns.value(PACKED.get(i)));
            }
        }
        sql.append(" FROM ").append(columns.source()).append(" WHERE ").append(good).append(" AND ")
                .append(selected()).append(" AND ").append(afterResume());
        if (!scanOrdered) {
            sql.append(" ORDER BY ").append(ParquetColumns.timestamp()).append(", file_row_number");
        }
        try {
            readStatement = connection.createStatement();
            rows = readStatement.executeQuery(sql.toString());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean readBatch(Sink sink) {
        try {
            for (int n = 0; n < BATCH_ROWS; n++) {
                if (!rows.next()) {
                    requireUnchanged("while it was read");
                    return n > 0;
                }
                if (packable) {
                    packedRow(rows.getString(1), sink);
                } else {
                    plainRow(rows, sink);
                }
            }
            return true;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void packedRow(String packed, Sink sink) {
        String[] fields = new String[PACKED.size()];
        int start = 0;
        for (int field = 0; field < fields.length; field++) {
            int end = field == fields.length - 1 ? packed.length() : packed.indexOf(UNIT, start);
            if (end < 0) {
                throw new IllegalStateException(file + ": a packed row has " + field + " fields, not " + fields.length);
            }
            fields[field] = start == end ? null : shared(field, packed.substring(start, end));
            start = end + 1;
        }
        for (String column : MARKED) {
            int field = PACKED.indexOf(column);
            if (fields[field] != null) {
                fields[field] = shared(field, fields[field].substring(1));
            }
        }
        emit(fields[0], fields, sink);
    }

    private void plainRow(ResultSet result, Sink sink) throws SQLException {
        String[] fields = new String[PACKED.size()];
        for (int field = 0; field < fields.length; field++) {
            Object value = result.getObject(field + 1);
            fields[field] = value == null ? null : shared(field, String.valueOf(value));
        }
        LocalDateTime timestamp = result.getObject(1, LocalDateTime.class);
        fields[0] = SnapshotTime.format(timestamp);
        emit(fields[0], fields, sink);
    }

    private void emit(String timestampText, String[] fields, Sink sink) {
        if (!timestampText.equals(lastTimestampText)) {
            lastTimestampText = timestampText;
            lastTimestamp = SnapshotTime.parse(timestampText);
        }
        String name = fields[2];
        SlotGpuRow row = new SlotGpuRow(
                name,
                GpuIds.normalise(name, fields[3]),
                fields[4],
                fields[5],
                fields[6] == null ? null : Long.parseLong(fields[6]),
                fields[7],
                fields[8] == null ? null : Double.parseDouble(fields[8]),
                fields[9],
                fields[10],
                fields[11],
                fields[12] == null ? null : Long.parseLong(fields[12]));
        sink.row(lastTimestamp, fields[1], row);
    }

    /** One instance per distinct value and field: a month repeats a few thousand names millions of times. */
    private String shared(int field, String value) {
        Map<String, String> values = shared.get(field);
        String known = values.get(value);
        if (known != null) {
            return known;
        }
        if (values.size() < 100_000) {
            values.put(value, value);
        }
        return value;
    }

    private void requireUnchanged(String when) {
        if (!FileIdentity.of(file).equals(opened)) {
            throw new SnapshotFileException(file, "was replaced " + when + " (the collector rewrites the current "
                    + "month): nothing of this read is complete; read it again");
        }
    }

    private SnapshotFileException failure(SQLException e) {
        if (!FileIdentity.of(file).equals(opened)) {
            return new SnapshotFileException(file, "was replaced while it was read (the collector rewrites the "
                    + "current month): read it again", e);
        }
        return new SnapshotFileException(file, "cannot read the Parquet file: " + ParquetColumns.firstLine(e), e);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (rows != null) {
                rows.close();
            }
            if (readStatement != null) {
                readStatement.close();
            }
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Nothing of a closed read is used any more.
        }
    }

    /** Size, modification time and file key (inode): a rename over the file changes at least the key. */
    private record FileIdentity(long size, long modifiedMillis, Object key) {
        static FileIdentity of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileIdentity(attributes.size(), attributes.lastModifiedTime().toMillis(),
                        attributes.fileKey());
            } catch (IOException e) {
                throw new SnapshotFileException(file, Files.exists(file) ? "not readable: " + e.getMessage()
                        : "no such file", e);
            }
        }
    }
}
