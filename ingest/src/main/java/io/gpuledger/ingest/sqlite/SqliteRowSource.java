package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.RowSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code gpu_state_YYYY-MM.db} file as rows: SQLite judges the values in one scan ({@link RowRules}, {@link
 * CheckScan}); files appended in timestamp order stream in rowid order, others are read sorted by timestamp.
 */
final class SqliteRowSource implements RowSource {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteRowSource.class);

    private final Path file;
    private final ReadOptions options;
    private final YearMonth month;
    private final GpuStateTable table;
    private CheckScan.Result scan;
    private RowReader rows;

    SqliteRowSource(Path file, ReadOptions options, YearMonth month, GpuStateTable table) {
        this.file = file;
        this.options = options;
        this.month = month;
        this.table = table;
    }

    @Override
    public FileCheck check() {
        try {
            scan = CheckScan.run(table, options, month);
            FileCheck scanned = scan.check();
            List<RowProblem> problems = scanned.clean() ? List.of()
                    : CheckScan.listProblems(table, scan, options.bounds(), options.problemLimit(),
                            options.skipBadRows() ? options.rejects() : null);
            FileCheck check = new FileCheck(file, month, scanned.rows(), scanned.badRows(), problems, scanned.first(),
                    scanned.last(), scanned.rowsInRange(), scanned.rowsToEmit(), scanned.rowsOutsideMonth(),
                    scanned.timestampOrdered(), scanned.seconds());
            if (!check.timestampOrdered() && check.rowsToEmit() > 0) {
                LOG.info("{}: rows are not appended in timestamp order; reading them sorted by timestamp (slower)",
                        file);
            }
            return check;
        } catch (SQLException e) {
            throw GpuStateTable.failure(file, e);
        }
    }

    @Override
    public void start() {
        try {
            rows = scan.check().timestampOrdered()
                    ? RowReader.inRowidOrder(table, options.skipBadRows(), scan.firstSelectedRowid(),
                            scan.lastSelectedRowid(), options.bounds())
                    : RowReader.inTimestampOrder(table, options.skipBadRows(), options);
        } catch (SQLException e) {
            throw GpuStateTable.failure(file, e);
        }
    }

    @Override
    public boolean readBatch(Sink sink) {
        try {
            return rows.readBatch(sink::row);
        } catch (SQLException e) {
            throw GpuStateTable.failure(file, e);
        }
    }

    @Override
    public void close() {
        try {
            if (rows != null) {
                rows.close();
            }
        } catch (SQLException e) {
            LOG.debug("{}: closing statements: {}", file, e.getMessage());
        } finally {
            table.close();
        }
    }
}
