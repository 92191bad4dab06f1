package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the {@link HostSnapshot}s of one monthly file (rules §1), validated before anything is emitted.
 *
 * <pre>{@code
 * try (SnapshotFileReader reader = SnapshotFileReader.open(path, ReadOptions.defaults().withRange(range))) {
 *     FileCheck check = reader.check();      // the validation scan; lists problems, never throws for bad rows
 *     reader.forEach(snapshot -> send(snapshot));   // throws SnapshotFileException if the file has bad rows
 *     FileSummary summary = reader.summary();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #open} opens the file read-only and resolves the columns: structural errors (missing, not SQLite,
 *   corrupt, no {@code gpu_state}, missing required column) are a {@link SnapshotFileException} naming the file.</li>
 *   <li>{@link #check()} scans the whole file once (SQLite judges the values, see {@link RowRules}); it is run by the
 *   first {@link #next()} when not called before.</li>
 *   <li>Fail-fast (default): a file with any bad row emits nothing; {@link #next()} throws. With
 *   {@link ReadOptions#withSkipBadRows} bad rows are skipped, and their problems went to the rejects sink during the
 *   check.</li>
 *   <li>Snapshots come in timestamp order (values: {@code .5} equals {@code .500000}); within one timestamp, machines
 *   in the order of their first row; one snapshot per (machine, timestamp) holding all its rows. Files appended in
 *   timestamp order stream in rowid order; others are read sorted by timestamp.</li>
 * </ul>
 *
 * <p>Everything runs inside one read transaction, so a collector appending to the file meanwhile changes nothing
 * that is read; its shared lock also holds off that writer's commits until {@link #close()}, so close promptly. Not
 * thread-safe; separate readers (one per file) may run in separate threads, e.g. to check the next file while
 * streaming this one.
 */
public final class SnapshotFileReader implements SnapshotSource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFileReader.class);

    private final Path file;
    private final ReadOptions options;
    private final YearMonth month;
    private final GpuStateTable table;

    private CheckScan.Result scan;
    private FileCheck check;
    private RowReader rows;
    private final SnapshotGrouper grouper = new SnapshotGrouper();
    private final ArrayDeque<HostSnapshot> ready = new ArrayDeque<>();
    private boolean started;
    private boolean exhausted;
    private boolean closed;

    private long rowsEmitted;
    private long snapshotsEmitted;
    private LocalDateTime firstEmitted;
    private LocalDateTime lastEmitted;
    private final Set<String> machines = new HashSet<>();
    private final Map<String, Set<String>> gpuIdsByMachine = new HashMap<>();

    private SnapshotFileReader(Path file, ReadOptions options, YearMonth month, GpuStateTable table) {
        this.file = file;
        this.options = options;
        this.month = month;
        this.table = table;
    }

    /**
     * Opens a file for reading.
     *
     * @throws SnapshotFileException on a structural error, or a monthly file name with an impossible month
     */
    public static SnapshotFileReader open(Path file, ReadOptions options) {
        YearMonth month = MonthlyFiles.monthOf(file).orElse(null);
        return new SnapshotFileReader(file, options, month, GpuStateTable.open(file));
    }

    /** Opens a file with {@link ReadOptions#defaults()}. */
    public static SnapshotFileReader open(Path file) {
        return open(file, ReadOptions.defaults());
    }

    public Path file() {
        return file;
    }

    /**
     * The validation scan of the whole file (run once; later calls return the same result). In skip-bad-rows mode
     * every problem has gone to the rejects sink when this returns.
     *
     * @throws SnapshotFileException when SQLite fails reading the file (corrupt pages)
     */
    public FileCheck check() {
        ensureOpen();
        if (check != null) {
            return check;
        }
        try {
            scan = CheckScan.run(table, options, month);
            FileCheck scanned = scan.check();
            List<RowProblem> problems = scanned.clean() ? List.of()
                    : CheckScan.listProblems(table, scan, options.bounds(), options.problemLimit(),
                            options.skipBadRows() ? options.rejects() : null);
            check = new FileCheck(file, month, scanned.rows(), scanned.badRows(), problems, scanned.first(),
                    scanned.last(), scanned.rowsInRange(), scanned.rowsToEmit(), scanned.rowsOutsideMonth(),
                    scanned.timestampOrdered(), scanned.seconds());
        } catch (SQLException e) {
            throw GpuStateTable.failure(file, e);
        }
        LOG.debug("{}: checked {} rows in {} s, {} bad, {} to emit", file, check.rows(),
                String.format("%.2f", check.seconds()), check.badRows(), check.rowsToEmit());
        if (check.rowsOutsideMonth() > 0) {
            LOG.warn("{}: {} rows have timestamps outside {} (accepted: a row is placed by its own timestamp)", file,
                    check.rowsOutsideMonth(), month);
        }
        if (!check.timestampOrdered() && check.rowsToEmit() > 0) {
            LOG.info("{}: rows are not appended in timestamp order; reading them sorted by timestamp (slower)", file);
        }
        if (!check.clean() && options.skipBadRows()) {
            LOG.warn("{}: {} bad rows will be skipped", file, check.badRows());
        }
        return check;
    }

    /**
     * The next snapshot, or null at the end.
     *
     * @throws SnapshotFileException when the file has bad rows and bad rows are not skipped (nothing is emitted), or
     *                               when SQLite fails reading it
     */
    @Override
    public HostSnapshot next() {
        ensureOpen();
        if (!started) {
            start();
        }
        try {
            while (ready.isEmpty() && !exhausted) {
                if (!rows.readBatch(this::accept)) {
                    grouper.flush(ready);
                    exhausted = true;
                    verifyComplete();
                }
            }
        } catch (SQLException e) {
            throw GpuStateTable.failure(file, e);
        }
        HostSnapshot snapshot = ready.poll();
        if (snapshot != null) {
            count(snapshot);
        }
        return snapshot;
    }

    private void start() {
        FileCheck checked = check();
        if (!checked.clean() && !options.skipBadRows()) {
            String first = checked.problems().isEmpty() ? ""
                    : "; first: rowid " + checked.problems().get(0).rowid() + ", column "
                    + checked.problems().get(0).column() + ", value " + checked.problems().get(0).value() + ": "
                    + checked.problems().get(0).reason();
            throw new SnapshotFileException(file, "rejected, " + checked.badRows() + " bad row"
                    + (checked.badRows() == 1 ? "" : "s") + first, checked.problems());
        }
        started = true;
        if (checked.rowsToEmit() == 0) {
            exhausted = true;
            return;
        }
        try {
            rows = checked.timestampOrdered()
                    ? RowReader.inRowidOrder(table, options.skipBadRows(), scan.firstSelectedRowid(),
                            scan.lastSelectedRowid(), options.bounds())
                    : RowReader.inTimestampOrder(table, options.skipBadRows(), options);
        } catch (SQLException e) {
            throw GpuStateTable.failure(file, e);
        }
    }

    private void accept(LocalDateTime timestamp, String machine, SlotGpuRow row) {
        if (options.selects(timestamp)) {
            grouper.add(timestamp, machine, row, ready);
        }
    }

    /* The read must emit exactly the rows the scan selected; anything else is a bug, never silently lost rows. */
    private void verifyComplete() {
        if (grouper.rows() != check.rowsToEmit()) {
            throw new IllegalStateException(file + ": the validation scan selected " + check.rowsToEmit()
                    + " rows to emit but the read found " + grouper.rows());
        }
    }

    private void count(HostSnapshot snapshot) {
        rowsEmitted += snapshot.rows().size();
        snapshotsEmitted++;
        if (firstEmitted == null) {
            firstEmitted = snapshot.timestamp();
        }
        lastEmitted = snapshot.timestamp();
        machines.add(snapshot.machine());
        Set<String> ids = gpuIdsByMachine.computeIfAbsent(snapshot.machine(), m -> new HashSet<>());
        for (SlotGpuRow row : snapshot.rows()) {
            if (row.hasGpu()) {
                ids.add(row.gpuId());
            }
        }
    }

    /** Counters for a progress display. */
    public ReadProgress progress() {
        long toEmit = check == null ? 0 : check.rowsToEmit();
        return new ReadProgress(toEmit, rowsEmitted, snapshotsEmitted, lastEmitted);
    }

    /** What has been emitted so far (all of the file's selection once {@link #next()} returned null). */
    public FileSummary summary() {
        FileCheck checked = check();
        long gpus = gpuIdsByMachine.values().stream().mapToLong(Set::size).sum();
        return new FileSummary(file, rowsEmitted, snapshotsEmitted, firstEmitted, lastEmitted, machines.size(), gpus,
                checked.badRows(), checked.rowsOutsideMonth());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(file + ": reader is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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
