package io.gpuledger.ingest.generate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads generated files back with plain JDBC, independently of the project's reader. */
final class StoredRows {

    /** One stored row with its rowid and the storage class of each typed column. */
    record Row(long rowid, String name, String assignedGpus, String availableGpus, String state, String deviceName,
            Long memoryMb, String prioritizedProjects, Double usage, String machine, String remoteOwner,
            String globalJobId, String timestamp, String preventJobsReason, Long disk, String memoryType,
            String usageType, String timestampType) {

        boolean backfill() {
            return name.contains("backfill");
        }
    }

    static final String ALL_COLUMNS = "rowid, Name, AssignedGPUs, AvailableGPUs, State, GPUs_DeviceName,"
            + " GPUs_GlobalMemoryMb, PrioritizedProjects, GPUsAverageUsage, Machine, RemoteOwner, GlobalJobId,"
            + " timestamp, PreventJobsReason, Disk, typeof(GPUs_GlobalMemoryMb), typeof(GPUsAverageUsage),"
            + " typeof(timestamp)";

    private StoredRows() {
    }

    static List<Row> read(Path file) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + ALL_COLUMNS + " FROM gpu_state ORDER BY rowid")) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), result.getString(6), (Long) longOrNull(result, 7), result.getString(8),
                        (Double) doubleOrNull(result, 9), result.getString(10), result.getString(11),
                        result.getString(12), result.getString(13), result.getString(14),
                        (Long) longOrNull(result, 15), result.getString(16), result.getString(17),
                        result.getString(18)));
            }
        }
        return rows;
    }

    /** Column name to declared type, in file order. */
    static Map<String, String> declaredColumns(Path file) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA table_info(gpu_state)")) {
            while (result.next()) {
                columns.put(result.getString("name"), result.getString("type"));
            }
        }
        return columns;
    }

    /** SHA-256 of every column of every row in rowid order, with NULL told apart from "". */
    static String contentHash(Path file) throws SQLException {
        MessageDigest digest = sha256();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT Name, AssignedGPUs, AvailableGPUs, State,"
                        + " GPUs_DeviceName, GPUs_GlobalMemoryMb, PrioritizedProjects, GPUsAverageUsage, Machine,"
                        + " RemoteOwner, GlobalJobId, timestamp, PreventJobsReason, Disk FROM gpu_state ORDER BY rowid")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int column = 1; column <= columns; column++) {
                    Object value = result.getObject(column);
                    update(digest, value);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The same hash over rows held in memory, so a file and a {@code forEachSnapshot} run can be compared. */
    static String contentHash(List<GeneratedRow> rows) {
        MessageDigest digest = sha256();
        for (GeneratedRow row : rows) {
            for (Object value : new Object[] {row.name(), row.assignedGpus(), row.availableGpus(), row.state(),
                    row.deviceName(), row.memoryMb(), row.prioritizedProjects(), row.gpusAverageUsage(),
                    row.machine(), row.remoteOwner(), row.globalJobId(), row.timestamp(), row.preventJobsReason(),
                    row.disk()}) {
                update(digest, value);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, Object value) {
        // JDBC returns INTEGER as Integer or Long depending on size: compare numbers by value.
        String text = value == null ? "\u0000N"
                : value instanceof Number number && !(value instanceof Double) ? "I" + number.longValue()
                : value instanceof Double real ? "R" + real
                : "T" + value;
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x1f);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object longOrNull(ResultSet result, int column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }

    private static Object doubleOrNull(ResultSet result, int column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? null : value;
    }
}
