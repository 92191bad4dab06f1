package io.gpuledger.ingest.live;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Appends each collection to {@code gpu_state_YYYY-MM.db} in the original's schema (table {@code gpu_state}, no
 * primary key, the declared types of rules §1.2) inside one transaction with SQLite's rollback journal: a reader (or
 * a crash) sees every row of a collection or none. The file is created on the month's first collection.
 */
final class SqliteMonthSink implements MonthSink {

    private static final List<String> COLUMNS = GpuStateColumns.names();

    private final Path dir;

    SqliteMonthSink(Path dir) {
        this.dir = dir;
    }

    @Override
    public Path write(Collection collection) throws IOException {
        Path file = MonthSink.fileFor(dir, MonthFormat.SQLITE, collection);
        Files.createDirectories(dir);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout=10000");
                statement.execute(createTable());
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(insert())) {
                for (GpuStateRecord row : collection.rows()) {
                    Map<String, Object> values = row.byColumn();
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        insert.setObject(i + 1, values.get(COLUMNS.get(i)));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("cannot append to " + file + ": " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        return file;
    }

    private static String createTable() {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(GpuStateColumns.TABLE).append(" (");
        for (int i = 0; i < GpuStateColumns.ALL.size(); i++) {
            GpuStateColumns.Column column = GpuStateColumns.ALL.get(i);
            ddl.append(i == 0 ? "" : ", ").append('"').append(column.name()).append("\" ").append(column.declaredType());
        }
        return ddl.append(')').toString();
    }

    private static String insert() {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(GpuStateColumns.TABLE).append(" (");
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('"').append(COLUMNS.get(i)).append('"');
            marks.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(") VALUES (").append(marks).append(')').toString();
    }
}
