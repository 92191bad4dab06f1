package io.gpuledger.ingest.sqlite;

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
 * Writes {@code gpu_state} tables in the original collector's schema (SPEC 1.2): used by the data generator and by
 * test fixtures. Rows are appended in batches inside one transaction; {@link #close()} commits.
 *
 * <p>A writer may leave columns out ({@link #create(Path, List)}) or add extra ones, to build the foreign and
 * older-schema files that readers must handle.
 */
public final class GpuStateWriter implements AutoCloseable {

    private static final int BATCH_SIZE = 10_000;

    private final Connection connection;
    private final PreparedStatement insert;
    private final List<String> columns;
    private int pending;

    private GpuStateWriter(Connection connection, PreparedStatement insert, List<String> columns) {
        this.connection = connection;
        this.insert = insert;
        this.columns = columns;
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
            StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(GpuStateColumns.TABLE).append(" (");
            for (int i = 0; i < columns.size(); i++) {
                ddl.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).name()).append("\" ")
                        .append(columns.get(i).declaredType());
            }
            statement.execute(ddl.append(')').toString());
        }
        connection.setAutoCommit(false);
        List<String> names = columns.stream().map(GpuStateColumns.Column::name).toList();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(GpuStateColumns.TABLE).append(" (");
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append('"');
            marks.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") VALUES (").append(marks).append(')');
        return new GpuStateWriter(connection, connection.prepareStatement(sql.toString()), new ArrayList<>(names));
    }

    /** Appends one row; columns the file does not have are ignored, values are stored with their own types. */
    public void append(GpuStateRecord record) throws SQLException {
        append(record.byColumn());
    }

    /** Appends one row given by column name; names the file does not have are ignored. */
    public void append(Map<String, Object> valuesByColumn) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            insert.setObject(i + 1, valuesByColumn.get(columns.get(i)));
        }
        insert.addBatch();
        if (++pending >= BATCH_SIZE) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (pending > 0) {
                insert.executeBatch();
            }
            connection.commit();
        } finally {
            insert.close();
            connection.close();
        }
    }
}
