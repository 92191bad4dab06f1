package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.sqlite.FileCheck;
import io.gpuledger.ingest.sqlite.ReadOptions;
import io.gpuledger.ingest.sqlite.SnapshotFileReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reading thread: opens each file in month order, runs its validation scan, checks its oldest snapshot against
 * the late-row guard and hands snapshots to the sending thread in batches. Reading (SQLite, decoding) and sending
 * (JSON, compression, the producer) each keep one core busy, so they run on two threads with a bounded queue between
 * them. Nothing of a file reaches the queue before its scan has passed.
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
        FileTask current = null;
        try {
            for (FileTask task : tasks) {
                current = task;
                read(task);
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
        }
    }

    private void read(FileTask task) {
        put(new ReadEvent.Opened(task));
        try (SnapshotFileReader reader = SnapshotFileReader.open(task.file,
                baseOptions.withResumeAfter(task.resumeAfter()))) {
            FileCheck check = reader.check();
            put(new ReadEvent.Checked(task, check));
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
