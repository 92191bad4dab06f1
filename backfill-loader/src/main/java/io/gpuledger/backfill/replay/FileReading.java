package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reading thread: takes the files in month order, checks each one's oldest snapshot against the late-row guard and
 * hands snapshots to the sending thread in batches. Reading (SQLite, decoding) and sending (JSON, compression, the
 * producer) each keep one core busy, so they run on two threads with a bounded queue between them. The validation
 * scan of the next file runs on a third thread while the current file streams (a month's scan takes seconds during
 * which the sender would otherwise wait). Nothing of a file reaches the queue before its scan has passed, and a file
 * that fails its scan is reported only after every file before it was handed over.
 */
final class FileReading implements Runnable {

    /** Rows per batch: large enough that the queue costs nothing per row, small enough to keep both threads busy. */
    static final int BATCH_ROWS = 4096;

    private final List<FileTask> tasks;
    private final ReadOptions baseOptions;
    private final LateRowGuard guard;
    private final BlockingQueue<ReadEvent> queue;
    private final AtomicBoolean cancelled;

    /** Thrown inside the thread to unwind when the sender gave up. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    FileReading(List<FileTask> tasks, ReadOptions baseOptions, LateRowGuard guard, BlockingQueue<ReadEvent> queue,
                AtomicBoolean cancelled) {
        this.tasks = List.copyOf(tasks);
        this.baseOptions = baseOptions;
        this.guard = guard;
        this.queue = queue;
        this.cancelled = cancelled;
    }

    @Override
    public void run() {
        ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backfill-checker");
            thread.setDaemon(true);
            return thread;
        });
        Future<Prepared> next = null;
        FileTask current = null;
        try {
            if (!tasks.isEmpty()) {
                next = checker.submit(() -> prepare(tasks.get(0)));
            }
            for (int i = 0; i < tasks.size(); i++) {
                current = tasks.get(i);
                put(new ReadEvent.Opened(current));
                Prepared prepared = await(next);
                // Check the next file while this one streams: the scan keeps the core the sender leaves idle busy.
                int following = i + 1;
                next = following < tasks.size() ? checker.submit(() -> prepare(tasks.get(following))) : null;
                stream(current, prepared);
            }
            put(new ReadEvent.End());
        } catch (Cancelled e) {
            // The sender stopped first and reports why.
        } catch (RuntimeException e) {
            try {
                put(new ReadEvent.Failed(current, e));
            } catch (Cancelled ignored) {
                // Nobody is listening any more.
            }
        } finally {
            discard(next);
            checker.shutdownNow();
        }
    }

    /** A file opened and scanned ahead of streaming, or why it could not be. */
    private record Prepared(MonthFileReader reader, FileCheck check, RuntimeException error) {
    }

    /* Runs on the checker thread; never throws, so that the error is reported in file order. */
    private Prepared prepare(FileTask task) {
        MonthFileReader reader = null;
        try {
            reader = HistoryFiles.open(task.file, baseOptions.withResumeAfter(task.resumeAfter()));
            return new Prepared(reader, reader.check(), null);
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            return new Prepared(null, null, e);
        }
    }

    private void stream(FileTask task, Prepared prepared) {
        if (prepared.error() != null) {
            throw prepared.error();
        }
        try (MonthFileReader reader = prepared.reader()) {
            put(new ReadEvent.Checked(task, prepared.check()));
            // Throws for a file with bad rows (without skip-bad-rows), before anything of it is handed over.
            HostSnapshot snapshot = reader.next();
            if (snapshot != null) {
                guard.checkFirst(task.file, snapshot);
            }
            List<HostSnapshot> batch = new ArrayList<>();
            int rows = 0;
            while (snapshot != null) {
                batch.add(snapshot);
                rows += snapshot.rows().size();
                if (rows >= BATCH_ROWS) {
                    guard.observe(snapshot.timestamp());
                    put(new ReadEvent.Batch(task, batch));
                    batch = new ArrayList<>(batch.size() + 16);
                    rows = 0;
                }
                snapshot = reader.next();
            }
            if (!batch.isEmpty()) {
                guard.observe(batch.get(batch.size() - 1).timestamp());
                put(new ReadEvent.Batch(task, batch));
            }
            put(new ReadEvent.Finished(task, reader.summary()));
        }
    }

    private Prepared await(Future<Prepared> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the validation scan failed: " + e.getCause(), e.getCause());
        }
    }

    /* A scan started for a file that will not be streamed: wait for it (it cannot be interrupted) and close. */
    private static void discard(Future<Prepared> future) {
        if (future == null) {
            return;
        }
        try {
            Prepared prepared = future.get();
            if (prepared.reader() != null) {
                prepared.reader().close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // prepare() reports errors in its result; nothing was left open.
        }
    }

    private void put(ReadEvent event) {
        try {
            while (!queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled.get()) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        if (cancelled.get()) {
            throw new Cancelled();
        }
    }
}
