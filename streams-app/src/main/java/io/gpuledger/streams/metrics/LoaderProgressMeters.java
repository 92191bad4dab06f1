package io.gpuledger.streams.metrics;

import io.gpuledger.backfill.FileResult;
import io.gpuledger.backfill.LoaderException;
import io.gpuledger.backfill.progress.FileStart;
import io.gpuledger.backfill.progress.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The backfill loader's progress as {@link ReplayProgress} counters per monthly file. The loader reports run totals a
 * few times a second: acknowledged rows go to the oldest file that has started sending and not finished (records are
 * acknowledged in file order), never beyond what that file will send, so they move while a month is sent and stay
 * exact; snapshots are counted when a file finishes (a file's snapshot count is only known then). Bad rows are known
 * when a file starts. Call {@link #failed(LoaderException)} when the replay throws, so a rejected file is counted.
 */
public final class LoaderProgressMeters implements ProgressListener {

    private final ReplayProgress meters;
    /** Started, not finished, oldest first. */
    private final Deque<FileStart> sending = new ArrayDeque<>();
    private final Map<String, long[]> counted = new HashMap<>();
    private long rowsDone;
    private Path lastFileSeen;

    public LoaderProgressMeters(ReplayProgress meters) {
        this.meters = meters;
    }

    private static String source(Path file) {
        return file.getFileName().toString();
    }

    /** [rows, snapshots] counted so far for a source. */
    private long[] counted(String source) {
        return counted.computeIfAbsent(source, s -> new long[2]);
    }

    @Override
    public void fileStarted(FileStart start) {
        String source = source(start.file());
        meters.started(source);
        meters.badRows(source, start.badRows());
        sending.addLast(start);
        lastFileSeen = start.file();
    }

    @Override
    public void progress(io.gpuledger.backfill.progress.ReplayProgress progress) {
        if (progress.file() != null) {
            lastFileSeen = progress.file();
        }
        long rows = progress.rowsDone() - rowsDone;
        rowsDone = progress.rowsDone();
        for (FileStart file : sending) {
            if (rows <= 0) {
                break;
            }
            String source = source(file.file());
            long[] done = counted(source);
            long rowsHere = Math.min(rows, Math.max(0, file.rowsToEmit() - done[0]));
            if (rowsHere > 0) {
                meters.rowsRead(source, rowsHere);
                done[0] += rowsHere;
                rows -= rowsHere;
            }
        }
    }

    @Override
    public void fileFinished(FileResult result) {
        String source = source(result.file());
        long[] done = counted(source);
        if (result.rows() > done[0]) {
            meters.rowsRead(source, result.rows() - done[0]);
        }
        if (result.snapshots() > done[1]) {
            meters.snapshotsSent(source, result.snapshots() - done[1]);
        }
        done[0] = Math.max(done[0], result.rows());
        done[1] = Math.max(done[1], result.snapshots());
        sending.removeIf(file -> file.file().equals(result.file()));
        meters.fileCompleted(source);
    }

    /** The replay threw: a rejected file is the one last checked or sent. */
    public void failed(LoaderException failure) {
        if (failure.reason() == LoaderException.Reason.BAD_FILE && lastFileSeen != null) {
            meters.fileRejected(source(lastFileSeen));
        }
    }
}
