package io.gpuledger.ingest.monthly;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotSource;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the {@link HostSnapshot}s of one monthly file of any format (rules §1), validated before anything is
 * emitted. The format's {@link RowSource} scans and reads; the rest is decided here, once for every format.
 *
 * <pre>{@code
 * try (MonthFileReader reader = HistoryFiles.open(path, ReadOptions.defaults().withRange(range))) {
 *     FileCheck check = reader.check();      // the validation scan; lists problems, never throws for bad rows
 *     reader.forEach(snapshot -> send(snapshot));   // throws SnapshotFileException if the file has bad rows
 *     FileSummary summary = reader.summary();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #check()} scans the whole file once; it is run by the first {@link #next()} when not called before.</li>
 *   <li>Fail-fast (default): a file with any bad row emits nothing; {@link #next()} throws. With
 *   {@link ReadOptions#withSkipBadRows} bad rows are skipped, and their problems went to the rejects sink during the
 *   check.</li>
 *   <li>Snapshots come in timestamp order (values: {@code .5} equals {@code .500000}); within one timestamp, machines
 *   in the order of their first row; one snapshot per (machine, timestamp) holding all its rows.</li>
 *   <li>Only rows inside {@link ReadOptions#range()} and after {@link ReadOptions#resumeAfter()} are emitted.</li>
 * </ul>
 */
public final class MonthFileReader implements SnapshotSource {

    private static final Logger LOG = LoggerFactory.getLogger(MonthFileReader.class);

    private final Path file;
    private final ReadOptions options;
    private final RowSource source;

    private FileCheck check;
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

    public MonthFileReader(Path file, ReadOptions options, RowSource source) {
        this.file = file;
        this.options = options;
        this.source = source;
    }

    public Path file() {
        return file;
    }

    /**
     * The validation scan of the whole file (run once; later calls return the same result). In skip-bad-rows mode
     * every problem has gone to the rejects sink when this returns.
     *
     * @throws SnapshotFileException when the file cannot be read
     */
    public FileCheck check() {
        ensureOpen();
        if (check != null) {
            return check;
        }
        check = source.check();
        LOG.debug("{}: checked {} rows in {} s, {} bad, {} to emit", file, check.rows(),
                String.format("%.2f", check.seconds()), check.badRows(), check.rowsToEmit());
        if (check.rowsOutsideMonth() > 0) {
            LOG.warn("{}: {} rows have timestamps outside {} (accepted: a row is placed by its own timestamp)", file,
                    check.rowsOutsideMonth(), check.month());
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
     *                               when the file cannot be read
     */
    @Override
    public HostSnapshot next() {
        ensureOpen();
        if (!started) {
            start();
        }
        while (ready.isEmpty() && !exhausted) {
            if (!source.readBatch(this::accept)) {
                grouper.flush(ready);
                exhausted = true;
                verifyComplete();
            }
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
        source.start();
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
        source.close();
    }
}
