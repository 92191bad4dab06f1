package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code gpu_state} tables in the original collector's schema (rules §1.2): used by the data generator and by
 * test fixtures. Rows are appended in batches inside one transaction; {@link #close()} commits. Rows keep their
 * append order as rowid order.
 *
 * <p>A writer may leave columns out ({@link #create(Path, List)}) or add extra ones, to build the foreign and
 * older-schema files that readers must handle.
 */
public final class GpuStateWriter implements AutoCloseable {

    /** Rows per executed batch. */
    private static final int BATCH_SIZE = 10_240;
    /**
     * Rows per INSERT statement: one multi-row statement costs SQLite much less than as many single-row ones, which
     * matters for a 5-million-row month.
     */
    private static final int ROWS_PER_INSERT = 64;

    private final Connection connection;
    private final PreparedStatement insertOne;
    private final PreparedStatement insertMany;
    private final List<String> columns;
    /** For each file column, its index in {@link GpuStateColumns#ALL} (a {@link GpuStateRecord} component), or -1. */
    private final int[] recordComponents;
    /** Values of rows not yet bound, row after row, {@code columns.size()} values each. */
    private final Object[] buffered;
    private int bufferedRows;
    private int pendingRows;

    private GpuStateWriter(Connection connection, List<String> columns) throws SQLException {
        this.connection = connection;
        this.columns = columns;
        this.insertOne = connection.prepareStatement(insertSql(columns, 1));
        this.insertMany = connection.prepareStatement(insertSql(columns, ROWS_PER_INSERT));
        List<String> recordColumns = GpuStateColumns.names();
        this.recordComponents = columns.stream().mapToInt(recordColumns::indexOf).toArray();
        this.buffered = new Object[ROWS_PER_INSERT * columns.size()];
    }

    /** A new file with every column of the current schema (including the optional ones). */
    public static GpuStateWriter create(Path file) throws SQLException {
        return create(file, GpuStateColumns.ALL);
    }

    /** A new file with exactly these columns, declared with these types, in this order. */
    public static GpuStateWriter create(Path file, List<GpuStateColumns.Column> columns) throws SQLException {
        try {
            Files.deleteIfExists(file);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + file + ": " + e.getMessage(), e);
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            // A generated file is rebuilt from scratch if anything fails, so durability settings can be off.
            statement.execute("PRAGMA journal_mode=OFF");
            statement.execute("PRAGMA synchronous=OFF");
            // 64 MiB of page cache: a month is written as one append-only transaction.
            statement.execute("PRAGMA cache_size=-65536");
            StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(GpuStateColumns.TABLE).append(" (");
            for (int i = 0; i < columns.size(); i++) {
                ddl.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).name()).append("\" ")
                        .append(columns.get(i).declaredType());
            }
            statement.execute(ddl.append(')').toString());
        }
        connection.setAutoCommit(false);
        return new GpuStateWriter(connection, columns.stream().map(GpuStateColumns.Column::name).toList());
    }

    private static String insertSql(List<String> names, int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(GpuStateColumns.TABLE).append(" (");
        StringBuilder marks = new StringBuilder("(");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append('"');
            marks.append(i == 0 ? "?" : ", ?");
        }
        marks.append(')');
        sql.append(") VALUES ");
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "" : ", ").append(marks);
        }
        return sql.toString();
    }

    /** Appends one row; columns the file does not have are ignored, values are stored with their own types. */
    public void append(GpuStateRecord record) throws SQLException {
        // Copied directly rather than through byColumn(): the generator appends millions of rows.
        int offset = bufferedRows * columns.size();
        for (int i = 0; i < recordComponents.length; i++) {
            buffered[offset + i] = recordComponents[i] < 0 ? null : record.component(recordComponents[i]);
        }
        rowBuffered();
    }


    /** Appends one row given by column name; names the file does not have are ignored. */
    public void append(Map<String, Object> valuesByColumn) throws SQLException {
        int offset = bufferedRows * columns.size();
        for (int i = 0; i < columns.size(); i++) {
            buffered[offset + i] = valuesByColumn.get(columns.get(i));
        }
        rowBuffered();
    }

    private void rowBuffered() throws SQLException {
        if (++bufferedRows < ROWS_PER_INSERT) {
            return;
        }
        for (int i = 0; i < buffered.length; i++) {
            insertMany.setObject(i + 1, buffered[i]);
        }
        insertMany.addBatch();
        bufferedRows = 0;
        pendingRows += ROWS_PER_INSERT;
        if (pendingRows >= BATCH_SIZE) {
            insertMany.executeBatch();
            pendingRows = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (pendingRows > 0) {
                insertMany.executeBatch();
            }
            // The rows after the last full multi-row statement follow it, so rowid order stays append order.
            int width = columns.size();
            for (int row = 0; row < bufferedRows; row++) {
                for (int i = 0; i < width; i++) {
                    insertOne.setObject(i + 1, buffered[row * width + i]);
                }
                insertOne.addBatch();
            }
            if (bufferedRows > 0) {
                insertOne.executeBatch();
            }
            connection.commit();
        } finally {
            insertOne.close();
            insertMany.close();
            connection.close();
        }
    }
}
