package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.monthly.MonthFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates realistic {@code gpu_state} data (rules §1, 2, 8): monthly SQLite files in the original schema, or the same
 * snapshots in memory.
 *
 * <pre>{@code
 * SnapshotGenerator generator = new SnapshotGenerator(GeneratorSettings.small(8, 2, 7));
 * GenerationSummary written = generator.generate(dir);                  // gpu_state_2025-10.db
 * generator.forEachSnapshot(s -> s.hostSnapshots().forEach(producer));  // the same rows, no SQLite
 * }</pre>
 *
 * <p>Equal settings give the same rows in the same order, whichever way they are consumed.
 */
public final class SnapshotGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotGenerator.class);
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
    private static final GeneratedSnapshot END_OF_RUN = new GeneratedSnapshot(LocalDateTime.MIN, "", List.of());

    private final GeneratorSettings settings;
    private final ClusterModel cluster;

    /** @throws IllegalArgumentException when the settings are invalid ({@link GeneratorSettings#validate()}) */
    public SnapshotGenerator(GeneratorSettings settings) {
        this.settings = settings.validate();
        this.cluster = ClusterModel.build(settings);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    public ClusterModel cluster() {
        return cluster;
    }

    /** {@code gpu_state_YYYY-MM.db} in {@code dir}. */
    public static Path fileFor(Path dir, YearMonth month) {
        return MonthlyFileSink.fileFor(dir, month, MonthFormat.SQLITE);
    }

    /** The SQLite files a run into {@code dir} writes, in month order. */
    public List<Path> plannedFiles(Path dir) {
        return plannedFiles(dir, MonthFormat.SQLITE);
    }

    /** The files of {@code format} a run into {@code dir} writes, in month order. */
    public List<Path> plannedFiles(Path dir, MonthFormat format) {
        List<Path> files = new ArrayList<>();
        for (YearMonth month : settings.months()) {
            files.add(MonthlyFileSink.fileFor(dir, month, format));
        }
        return files;
    }

    /**
     * Runs the simulation and hands every snapshot to {@code consumer}, in time order, on the calling thread. Nothing is
     * written. The summary has no files.
     */
    public GenerationSummary forEachSnapshot(Consumer<GeneratedSnapshot> consumer) {
        long started = System.nanoTime();
        MixTally tally = new MixTally(cluster);
        long slots = new ClusterSimulation(settings, cluster).run(snapshot -> {
            tally.add(snapshot);
            consumer.accept(snapshot);
        });
        return tally.summary(settings, List.of(), slots, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Writes the monthly files into {@code dir}, refusing to replace existing ones. */
    public GenerationSummary generate(Path dir) throws IOException {
        return generate(dir, false);
    }

    /**
     * Writes the monthly files into {@code dir} (created if missing). The simulation runs on the calling thread while
     * a second thread writes SQLite, which is where most of the time goes.
     *
     * @param overwrite replace files that exist; otherwise an existing file is an error and nothing is written
     * @throws FileAlreadyExistsException naming the first existing file, when {@code overwrite} is off
     */
    public GenerationSummary generate(Path dir, boolean overwrite) throws IOException {
        return generate(dir, overwrite, MonthFormat.SQLITE);
    }

    /** {@link #generate(Path, boolean)} in {@code format}: the same rows as SQLite or as Parquet months. */
    public GenerationSummary generate(Path dir, boolean overwrite, MonthFormat format) throws IOException {
        if (!overwrite) {
            for (Path file : plannedFiles(dir, format)) {
                if (Files.exists(file)) {
                    throw new FileAlreadyExistsException(file.toString(), null,
                            "already exists (use --force to overwrite)");
                }
            }
        }
        Files.createDirectories(dir);
        long started = System.nanoTime();
        MixTally tally = new MixTally(cluster);
        BlockingQueue<GeneratedSnapshot> queue = new ArrayBlockingQueue<>(64);
        FileWriterLoop writerLoop = new FileWriterLoop(new MonthlyFileSink(dir, format), queue);
        Thread writerThread = new Thread(writerLoop, "gpu-state-writer");
        writerThread.start();
        long slots;
        Progress progress = new Progress(started);
        try {
            slots = new ClusterSimulation(settings, cluster).run(snapshot -> {
                // Stop simulating as soon as the writer has failed: the run cannot succeed any more.
                writerLoop.throwIfFailed();
                tally.add(snapshot);
                put(queue, snapshot);
                progress.maybeLog(snapshot.timestamp(), tally.rows());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            put(queue, END_OF_RUN);
            join(writerThread);
        }
        try {
            writerLoop.throwIfFailed();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        GenerationSummary summary =
                tally.summary(settings, writerLoop.files, slots, Duration.ofNanos(System.nanoTime() - started));
        LOG.debug("generated {} rows in {}", summary.rows(), summary.elapsed());
        return summary;
    }

    private static void put(BlockingQueue<GeneratedSnapshot> queue, GeneratedSnapshot snapshot) {
        try {
            queue.put(snapshot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        }
    }

    /** Takes snapshots off the queue and writes them; after a failure it keeps draining so the producer never blocks. */
    private static final class FileWriterLoop implements Runnable {
        private final MonthlyFileSink sink;
        private final BlockingQueue<GeneratedSnapshot> queue;
        private volatile Throwable failure;
        private volatile List<GenerationSummary.FileSummary> files = List.of();

        FileWriterLoop(MonthlyFileSink sink, BlockingQueue<GeneratedSnapshot> queue) {
            this.sink = sink;
            this.queue = queue;
        }

        @Override
        public void run() {
            try (sink) {
                while (true) {
                    GeneratedSnapshot snapshot = queue.take();
                    if (snapshot == END_OF_RUN) {
                        break;
                    }
                    if (failure == null) {
                        try {
                            sink.write(snapshot);
                        } catch (IOException | RuntimeException e) {
                            failure = e;
                        }
                    }
                }
                if (failure == null) {
                    files = sink.finish();
                }
            } catch (InterruptedException e) {
                failure = e;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        void throwIfFailed() {
            Throwable cause = failure;
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause != null) {
                throw new IllegalStateException("writer stopped: " + cause, cause);
            }
        }
    }

    /** One log line every few seconds on long runs: rows, share of the span done, rows/s. */
    private final class Progress {
        private final long started;
        private long lastLog;
        private final LocalDateTime spanStart = settings.start().atStartOfDay();
        private final double spanSeconds = settings.days() * 86_400.0;

        Progress(long started) {
            this.started = started;
            this.lastLog = started;
        }

        void maybeLog(LocalDateTime at, long rows) {
            long now = System.nanoTime();
            if (now - lastLog < PROGRESS_EVERY_NANOS) {
                return;
            }
            lastLog = now;
            double done = Duration.between(spanStart, at).toSeconds() / spanSeconds;
            double seconds = (now - started) / 1e9;
            LOG.info(String.format(Locale.ROOT, "%,d rows (%.0f%%), %,.0f rows/s", rows, 100 * done, rows / seconds));
        }
    }
}
