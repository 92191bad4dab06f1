package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Finds the rowid of a snapshot row so that an error can name it. Snapshots do not carry rowids; this runs only when
 * a row is refused, on a file the reader has already validated, through a separate read-only connection.
 */
final class RowLocator {

    private RowLocator() {
    }

    /** The smallest rowid of a row of {@code machine} stamped {@code timestamp}, or empty when it cannot be told. */
    static OptionalLong rowidOf(Path file, String machine, LocalDateTime timestamp) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA trusted_schema = OFF");
            }
            String rowid = rowidName(connection);
            if (rowid == null) {
                return OptionalLong.empty();
            }
            // Stored texts vary in their fraction ('.5' = '.500000'): narrow by the seconds, compare values in Java.
            String sql = "SELECT " + rowid + ", \"timestamp\" FROM gpu_state WHERE Machine = ? "
                    + "AND substr(\"timestamp\", 1, 19) = ? ORDER BY " + rowid;
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, machine);
                query.setString(2, SnapshotTime.formatSeconds(timestamp));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        if (timestamp.equals(parse(rs.getString(2)))) {
                            return OptionalLong.of(rs.getLong(1));
                        }
                    }
                }
            }
            return OptionalLong.empty();
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    /** A name of the rowid that no column of the table shadows. */
    private static String rowidName(Connection connection) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA table_info(gpu_state)")) {
            while (rs.next()) {
                columns.add(rs.getString("name").toLowerCase(Locale.ROOT));
            }
        }
        for (String name : List.of("rowid", "_rowid_", "oid")) {
            if (!columns.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private static LocalDateTime parse(String text) {
        try {
            return SnapshotTime.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
