package io.gpuledger.backfill.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The benchmark's baseline (a): the plainest full read of a monthly file with sqlite-jdbc, every column the loader
 * needs, every value fetched with the getter of its type, in rowid order. No validation, no grouping, no Kafka.
 *
 * <pre>java -cp backfill-loader/target/test-classes:backfill-loader/target/lib/* \
 *     io.gpuledger.backfill.bench.JdbcScanBench gpu_state_2025-10.db</pre>
 *
 * Prints {@code rows=N seconds=S rows_per_second=R}.
 */
public final class JdbcScanBench {

    private static final String SQL = "SELECT rowid, Name, AssignedGPUs, AvailableGPUs, State, GPUs_DeviceName, "
            + "GPUs_GlobalMemoryMb, PrioritizedProjects, GPUsAverageUsage, Machine, RemoteOwner, GlobalJobId, "
            + "timestamp, PreventJobsReason, Disk FROM gpu_state ORDER BY rowid";

    private JdbcScanBench() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 1) {
            System.err.println("usage: JdbcScanBench FILE");
            System.exit(2);
        }
        long started = System.nanoTime();
        long rows = 0;
        // Folded into a printed number so that the JIT cannot drop the reads.
        long checksum = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(SQL)) {
            while (rs.next()) {
                checksum += rs.getLong(1);
                checksum += length(rs.getString(2)) + length(rs.getString(3)) + length(rs.getString(4))
                        + length(rs.getString(5)) + length(rs.getString(6));
                checksum += rs.getLong(7);
                checksum += length(rs.getString(8));
                checksum += (long) (rs.getDouble(9) * 1000);
                checksum += length(rs.getString(10)) + length(rs.getString(11)) + length(rs.getString(12))
                        + length(rs.getString(13)) + length(rs.getString(14));
                checksum += rs.getLong(15);
                rows++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "rows=%d seconds=%.2f rows_per_second=%.0f checksum=%d%n", rows, seconds,
                rows / seconds, checksum);
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
