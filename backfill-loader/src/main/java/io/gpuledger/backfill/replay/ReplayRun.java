package io.gpuledger.backfill.replay;

import io.gpuledger.backfill.FileResult;
import io.gpuledger.backfill.LoaderException.Acknowledged;
import io.gpuledger.backfill.LoaderException.Reason;
import io.gpuledger.backfill.LoaderException;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.backfill.ReplaySummary;
import io.gpuledger.backfill.checkpoint.Checkpoint;
import io.gpuledger.backfill.checkpoint.CheckpointStore;
import io.gpuledger.backfill.checkpoint.FileIdentity;
import io.gpuledger.backfill.progress.FileStart;
import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.progress.ReplayPlan;
import io.gpuledger.backfill.progress.ReplayProgress.Phase;
import io.gpuledger.backfill.progress.ReplayProgress;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RejectsFile;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.monthly.TimeRange;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay, start to end: select the files, set up the topic, plan each file from its checkpoint, then read on one
 * thread ({@link FileReading}) and encode, send and follow acknowledgements on the calling thread, keeping
 * per-file checkpoints of the contiguous acknowledged watermark ({@link AckTracker}).
 *
 * <p>Checkpoints: while a run is incomplete each file's checkpoint says up to which snapshot it was acknowledged (and
 * whether all of it was); a rerun skips complete files and resumes the others after their watermark. When a run
 * completes, the checkpoints of its files are deleted, so the same replay can be run again from the start (replays
 * are idempotent). A dry run never reads or writes checkpoints.
 */
public final class ReplayRun {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRun.class);

    private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Batches buffered between the threads: ~64 K rows, enough to ride out a slow moment of either side. */
    private static final int QUEUE_BATCHES = 16;
    /** How long a failing run waits for the records already in flight, to checkpoint as far as possible. */
    private static final Duration FAILURE_GRACE = Duration.ofSeconds(5);
    /** How far the loader's clock and the broker's may differ when the topic's limit on future timestamps binds. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final LoaderSettings settings;
    private final ProgressListener listener;
    private final BooleanSupplier stop;
    private final long startNanos = System.nanoTime();

    private KafkaTarget target;
    private CheckpointStore checkpoints;
    private List<FileTask> tasks = List.of();
    private RowEstimate estimate;
    private final AckTracker tracker = new AckTracker();
    private final Map<FileTask, FileResult> results = new HashMap<>();
    private RatePacer pacer;
    private FileTask current;
    private Phase phase = Phase.CHECKING;
    private long rowsSent;
    private long firstSentNanos;
    private long badRows;
    private long lastProgress = Long.MIN_VALUE;
    private long lastCheckpoint = System.nanoTime();

    private ReplayRun(LoaderSettings settings, ProgressListener listener, BooleanSupplier stop) {
        this.settings = settings;
        this.listener = listener;
        this.stop = stop;
    }

    /**
     * Runs a replay.
     *
     * @throws LoaderException with a one-line message when it did not finish
     */
    public static ReplaySummary run(LoaderSettings settings, ProgressListener listener) {
        return run(settings, listener, () -> false);
    }

    /**
     * Runs a replay that stops between two snapshot times once {@code stop} says so (see
     * {@code BackfillLoader.run(ProgressListener, BooleanSupplier)}).
     *
     * @throws LoaderException with a one-line message when it did not finish
     */
    public static ReplaySummary run(LoaderSettings settings, ProgressListener listener, BooleanSupplier stop) {
        return new ReplayRun(settings, listener, stop).execute();
    }

    private ReplaySummary execute() {
        MonthlyFiles.Selection selection = select();
        if (!settings.dryRun()) {
            target = KafkaTarget.connect(settings);
            checkpoints = new CheckpointStore(settings.checkpointDir(), target.clusterId(), settings.topic());
        }
        tasks = plan(selection);
        estimate = new RowEstimate(settings.range());
        pacer = new RatePacer(settings.maxRowsPerSecond());
        Path rejectsPath = null;
        RejectsFile rejects = null;
        if (settings.skipBadRows()) {
            rejectsPath = settings.rejectsFile() != null ? settings.rejectsFile()
                    : LoaderSettings.defaultRejectsFile(LocalDateTime.now());
            rejects = createRejects(rejectsPath);
        }
        listener.started(new ReplayPlan(tasks.stream().map(t -> t.file).toList(), selection.missingMonths(),
                settings.topic(), settings.dryRun(), estimate.total(tasks)));
        for (FileTask task : tasks) {
            if (task.skipped()) {
                LOG.info("{}: skipped, an unfinished earlier run had every selected snapshot acknowledged "
                        + "(--restart replays it)", task.name());
                task.finished = true;
                finishedResult(task, FileResult.Outcome.ALREADY_ACKNOWLEDGED);
            }
        }
        boolean keepRejects = false;
        try {
            pipeline(rejects);
            keepRejects = rejects != null && rejects.problems() > 0;
        } finally {
            keepRejects |= closeRejects(rejects, rejectsPath);
        }
        // The checkpoints stay, complete: rerunning the same range (a cron replaying the current month) sends only
        // snapshots after them, that is what the collector added since; --restart sends everything again.
        // Files finish in month order except those skipped up front: the summary lists them all in month order.
        List<FileResult> inOrder = tasks.stream().map(results::get).toList();
        ReplaySummary summary = new ReplaySummary(settings.topic(), settings.dryRun(), inOrder,
                selection.missingMonths(), tracker.rowsAcknowledged(), tracker.snapshotsAcknowledged(), badRows,
                keepRejects ? rejectsPath : null, elapsedSeconds());
        listener.finished(summary);
        return summary;
    }

    private MonthlyFiles.Selection select() {
        MonthlyFiles.Selection selection;
        try {
            selection = MonthlyFiles.forRange(settings.dbDir(), settings.range(), settings.prefer());
        } catch (SnapshotFileException e) {
            // Not a directory, or a monthly file name with an impossible month.
            throw new LoaderException(Files.isDirectory(settings.dbDir()) ? Reason.BAD_FILE : Reason.NO_FILES,
                    e.getMessage(), e);
        }
        if (selection.files().isEmpty()) {
            TimeRange range = settings.range();
            throw new LoaderException(Reason.NO_FILES, "no gpu_state_YYYY-MM.db files in " + settings.dbDir()
                    + (range.hasStart() || range.hasEnd()
                    ? " for " + (range.hasStart() ? range.from() : "the beginning") + " .. "
                    + (range.hasEnd() ? range.to() : "the end") : ""), null);
        }
        return selection;
    }

    private List<FileTask> plan(MonthlyFiles.Selection selection) {
        List<FileTask> planned = new ArrayList<>();
        int index = 0;
        for (MonthlyFiles.MonthlyFile monthly : selection.files()) {
            index++;
            FileIdentity identity = identity(monthly.path());
            Checkpoint.Resume resume = Checkpoint.Resume.start();
            long rowsBefore = 0;
            if (checkpoints != null && settings.restart()) {
                if (checkpoints.delete(monthly.path())) {
                    LOG.info("{}: checkpoint deleted (--restart)", monthly.path().getFileName());
                }
            } else if (checkpoints != null) {
                Optional<Checkpoint> checkpoint = checkpoints.load(monthly.path());
                if (checkpoint.isPresent()) {
                    resume = checkpoint.get().resumeFor(identity, target.topic().topicId(), settings.range());
                    if (resume.action() == Checkpoint.Resume.Action.START) {
                        LOG.info("{}: not resuming from its checkpoint: {}", monthly.path().getFileName(),
                                resume.reason());
                    } else if (resume.action() == Checkpoint.Resume.Action.RESUME_AFTER) {
                        rowsBefore = checkpoint.get().rowsAcknowledged();
                        LOG.info("{}: resuming after {} ({} rows acknowledged by an earlier run)",
                                monthly.path().getFileName(), SnapshotTime.format(resume.after()),
                                String.format(Locale.ROOT, "%,d", rowsBefore));
                    }
                }
            }
            planned.add(new FileTask(index, monthly.path(), monthly.month(), identity, resume, rowsBefore));
        }
        return planned;
    }

    private static FileIdentity identity(Path file) {
        try {
            return FileIdentity.of(file);
        } catch (UncheckedIOException e) {
            throw new LoaderException(Reason.BAD_FILE, file + ": " + e.getCause().getMessage(), e);
        }
    }

    private void pipeline(RejectsFile rejects) {
        ReadOptions options = ReadOptions.defaults().withRange(settings.range()).withBounds(timestampBounds());
        if (settings.skipBadRows()) {
            options = options.withSkipBadRows(rejects);
        }
        LateRowGuard guard = settings.dryRun() ? LateRowGuard.disabled()
                : LateRowGuard.forTopic(settings.history(), settings.topic(), target.latestRecordMillis());
        BlockingQueue<ReadEvent> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        AtomicBoolean cancelled = new AtomicBoolean();
        List<FileTask> toRead = tasks.stream().filter(task -> !task.skipped()).toList();
        Thread reader = new Thread(new FileReading(toRead, options, guard, queue, cancelled), "backfill-reader");
        reader.setDaemon(true);
        RecordSender sender = createSender();
        reader.start();
        try {
            sendAll(queue, sender);
        } catch (ReadFailure failure) {
            // Records of the files before the rejected one are in flight: let them land so their checkpoints say so.
            cancelled.set(true);
            awaitQuietly(settings.deliveryTimeout());
            sender.close(FAILURE_GRACE);
            housekeeping(true);
            throw failure.toLoaderException();
        } catch (DeliveryFailure failure) {
            cancelled.set(true);
            sender.close(FAILURE_GRACE);
            housekeeping(true);
            throw deliveryException(failure.getCause());
        } catch (StopRequested stopped) {
            // Between two snapshot times: every group sent is whole, so once acknowledged each is a checkpoint.
            cancelled.set(true);
            tracker.seal();
            awaitQuietly(settings.deliveryTimeout());
            sender.close(FAILURE_GRACE);
            housekeeping(true);
            if (tracker.failure() != null) {
                throw deliveryException(tracker.failure());
            }
            throw new LoaderException(Reason.STOPPED, "stopped on request; " + whereToContinue(), lastAcknowledged(),
                    null);
        } catch (InterruptedException e) {
            cancelled.set(true);
            sender.close(Duration.ZERO);
            housekeeping(true);
            Thread.currentThread().interrupt();
            throw new LoaderException(Reason.INTERRUPTED, "interrupted; " + whereToContinue(), lastAcknowledged(),
                    e);
        } finally {
            cancelled.set(true);
            sender.close(Duration.ZERO);
            joinQuietly(reader);
        }
    }

    private RecordSender createSender() {
        if (settings.dryRun()) {
            return new DryRunSender(tracker);
        }
        try {
            return KafkaRecordSender.create(ProducerSettings.producer(settings.bootstrapServers(),
                    settings.deliveryTimeout(), settings.clientProperties()), settings.topic(), tracker);
        } catch (KafkaException e) {
            throw new LoaderException(Reason.DELIVERY, "cannot create a producer for Kafka at "
                    + settings.bootstrapServers() + ": " + CliSupport.oneLine(e), e);
        }
    }

    private void sendAll(BlockingQueue<ReadEvent> queue, RecordSender sender) throws InterruptedException {
        boolean ended = false;
        while (!ended) {
            if (tracker.allSealed() && stop.getAsBoolean()) {
                // Nothing half sent (between files, or before the first record): stop here.
                throw new StopRequested();
            }
            ReadEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
            failOnDeliveryError();
            if (event != null) {
                ended = handle(event, sender);
            }
            housekeeping(false);
        }
        phase = Phase.FLUSHING;
        current = null;
        long deadline = System.nanoTime() + settings.deliveryTimeout().toNanos() + FAILURE_GRACE.toNanos();
        while (!tracker.awaitNonePending(100)) {
            failOnDeliveryError();
            housekeeping(false);
            if (System.nanoTime() > deadline) {
                throw new DeliveryFailure(new IllegalStateException(tracker.recordsPending()
                        + " records still unacknowledged after the delivery timeout"));
            }
        }
        failOnDeliveryError();
        phase = Phase.DONE;
        housekeeping(true);
        verifyComplete();
    }

    /** Handles one event; true at the end of all files. */
    private boolean handle(ReadEvent event, RecordSender sender) throws InterruptedException {
        if (event instanceof ReadEvent.Opened opened) {
            current = opened.task();
            current.openedNanos = System.nanoTime();
            phase = Phase.CHECKING;
            housekeeping(true);
        } else if (event instanceof ReadEvent.Checked checked) {
            started(checked.task(), checked.check());
        } else if (event instanceof ReadEvent.Batch batch) {
            send(batch, sender);
        } else if (event instanceof ReadEvent.Finished finished) {
            FileTask task = finished.task();
            if (finished.summary().rows() != task.rowsSent) {
                throw new IllegalStateException(task.file + ": the reader emitted " + finished.summary().rows()
                        + " rows but " + task.rowsSent + " were sent");
            }
            task.readDone = true;
            tracker.endOfFile(task);
        } else if (event instanceof ReadEvent.Failed failed) {
            throw new ReadFailure(failed.task(), failed.error());
        } else if (event instanceof ReadEvent.End) {
            return true;
        }
        return false;
    }

    private void started(FileTask task, FileCheck check) {
        task.check = check;
        estimate.scanned(task);
        if (!check.clean() && !settings.skipBadRows()) {
            // The reader rejects the file next; nothing of it is sent.
            return;
        }
        badRows += check.badRows();
        phase = Phase.SENDING;
        listener.fileStarted(new FileStart(task.file, task.index, tasks.size(), check.rowsToEmit(), check.badRows(),
                task.resumeAfter(), check.seconds()));
        LOG.info("{}: {} rows to send{}{} (validation scan {} s)", task.name(),
                String.format(Locale.ROOT, "%,d", check.rowsToEmit()),
                check.badRows() > 0 ? String.format(Locale.ROOT, ", %,d bad rows skipped", check.badRows()) : "",
                task.resumeAfter() != null ? ", after " + SnapshotTime.format(task.resumeAfter()) : "",
                String.format(Locale.ROOT, "%.1f", check.seconds()));
    }

    private void send(ReadEvent.Batch batch, RecordSender sender) throws InterruptedException {
        FileTask task = batch.task();
        for (HostSnapshot snapshot : batch.snapshots()) {
            if (tracker.startsGroup(task, snapshot.timestamp()) && stop.getAsBoolean()) {
                // The reader emits every snapshot of a time before any later one: the open group is whole.
                throw new StopRequested();
            }
            int rows = snapshot.rows().size();
            pacer.acquire(rows);
            if (firstSentNanos == 0) {
                firstSentNanos = System.nanoTime();
            }
            AckTracker.Group group = tracker.register(task, snapshot.timestamp(), rows);
            try {
                sender.send(snapshot, group);
            } catch (InterruptException e) {
                // Kafka's unchecked form of an interrupt while send() waited for buffer space or metadata.
                throw new InterruptedException("interrupted while sending");
            } catch (KafkaException | IllegalStateException e) {
                tracker.fail(e);
            }
            failOnDeliveryError();
            task.rowsSent += rows;
            task.snapshotsSent++;
            if (task.firstSent == null) {
                task.firstSent = snapshot.timestamp();
            }
            task.lastSent = snapshot.timestamp();
            rowsSent += rows;
        }
    }

    private void failOnDeliveryError() {
        Exception failure = tracker.failure();
        if (failure != null) {
            throw new DeliveryFailure(failure);
        }
    }

    /** Moves watermarks, finishes files, writes checkpoints and reports progress (throttled unless forced). */
    private void housekeeping(boolean force) {
        for (AckTracker.Group group : tracker.advance()) {
            FileTask task = group.file;
            task.lastAcknowledged = group.timestamp;
            task.rowsAcknowledged += group.rows;
            task.snapshotsAcknowledged += group.snapshots;
            task.watermarkMoved = true;
        }
        for (FileTask task : tasks) {
            if (!task.finished && task.readDone && task.rowsAcknowledged == task.rowsSent) {
                finish(task);
            }
        }
        long now = System.nanoTime();
        if (checkpoints != null && (force || now - lastCheckpoint >= CHECKPOINT_NANOS)) {
            lastCheckpoint = now;
            for (FileTask task : tasks) {
                if (task.watermarkMoved && !task.finished) {
                    saveCheckpoint(task, false);
                }
            }
        }
        if (force || lastProgress == Long.MIN_VALUE || now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            listener.progress(progress());
        }
    }

    private void finish(FileTask task) {
        task.finished = true;
        task.finishedNanos = System.nanoTime();
        if (checkpoints != null) {
            saveCheckpoint(task, true);
        }
        FileResult result = finishedResult(task, FileResult.Outcome.REPLAYED);
        LOG.info("{}: {} rows, {} machine-snapshots {} in {} s", task.name(),
                String.format(Locale.ROOT, "%,d", result.rows()), String.format(Locale.ROOT, "%,d", result.snapshots()),
                settings.dryRun() ? "counted" : "acknowledged", String.format(Locale.ROOT, "%.1f", result.seconds()));
    }

    private FileResult finishedResult(FileTask task, FileResult.Outcome outcome) {
        double seconds = task.openedNanos == 0 ? 0 : (task.finishedNanos - task.openedNanos) / 1e9;
        FileResult result = new FileResult(task.file, outcome, task.rowsAcknowledged, task.snapshotsAcknowledged,
                task.check == null ? 0 : task.check.badRows(), task.firstSent, task.lastSent, task.resumeAfter(),
                seconds);
        results.put(task, result);
        listener.fileFinished(result);
        return result;
    }

    private void saveCheckpoint(FileTask task, boolean complete) {
        task.watermarkMoved = false;
        if (task.watermark() == null) {
            // Nothing of it acknowledged, ever: there is nothing to resume after.
            return;
        }
        try {
            checkpoints.save(new Checkpoint(task.identity, target.clusterId(), settings.topic(),
                    target.topic().topicId(), settings.range(), task.watermark(),
                    task.rowsAcknowledgedBefore + task.rowsAcknowledged, complete, Instant.now()));
        } catch (UncheckedIOException e) {
            throw new LoaderException(Reason.IO, e.getMessage(), e);
        }
    }

    private ReplayProgress progress() {
        return new ReplayProgress(phase, current == null ? null : current.file, current == null ? 0 : current.index,
                tasks.size(), tracker.rowsAcknowledged(), rowsSent, estimate.total(tasks), RowEstimate.exact(tasks),
                tracker.snapshotsAcknowledged(), badRows, elapsedSeconds(),
                firstSentNanos == 0 ? 0 : (System.nanoTime() - firstSentNanos) / 1e9);
    }

    /* Every selected row of every read file was acknowledged: anything else is a bug, never a silent loss. */
    private void verifyComplete() {
        for (FileTask task : tasks) {
            if (task.skipped()) {
                continue;
            }
            if (!task.finished || task.check == null || task.rowsAcknowledged != task.check.rowsToEmit()) {
                throw new IllegalStateException(task.file + ": " + (task.check == null ? "?" : task.check.rowsToEmit())
                        + " rows selected but " + task.rowsAcknowledged + " acknowledged");
            }
        }
    }

    private void awaitQuietly(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (tracker.failure() == null && !tracker.awaitNonePending(100) && System.nanoTime() < deadline) {
                housekeeping(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LoaderException deliveryException(Throwable cause) {
        AckTracker.Group failed = tracker.failedGroup();
        String record = failed == null ? "" : " (first failed record: " + failed.file.name() + " at "
                + SnapshotTime.format(failed.timestamp) + ")";
        if (refusedTimestamp(cause)) {
            // Not a delivery problem: waiting or rerunning cannot help, so say what the broker refused and why.
            return new LoaderException(Reason.DELIVERY, "the broker refused a record's timestamp" + record
                    + ": topic " + settings.topic() + " accepts times only within its message.timestamp.before.max.ms"
                    + " / message.timestamp.after.max.ms of the broker's clock (is the broker's clock right, or the"
                    + " topic's setting lowered?): " + CliSupport.oneLine(cause), lastAcknowledged(), cause);
        }
        return new LoaderException(Reason.DELIVERY, "Kafka at " + settings.bootstrapServers()
                + " did not acknowledge every record (delivery timeout " + settings.deliveryTimeout().toSeconds()
                + " s): " + CliSupport.oneLine(cause) + record + "; " + whereToContinue(), lastAcknowledged(), cause);
    }

    /**
     * Snapshot times that are sent: up to now + the skew, or up to what the topic accepts ahead of the broker's clock
     * when that is less (Kafka's default for a topic made by hand is an hour), with a minute for the two clocks to
     * differ. A row beyond is a bad value, named at validation, never a record the broker refuses.
     */
    private TimestampBounds timestampBounds() {
        Duration skew = settings.maxFutureSkew();
        if (target != null) {
            Duration topicLimit = target.topic().acceptsAhead().minus(CLOCK_MARGIN);
            if (topicLimit.compareTo(skew) < 0) {
                return TimestampBounds.untilNowPlus(topicLimit.isNegative() ? Duration.ZERO : topicLimit,
                        Clock.systemUTC(), "now + " + topicLimit.toMinutes() + " min: topic " + settings.topic()
                                + "'s message.timestamp.after.max.ms less a minute");
            }
        }
        return TimestampBounds.untilNowPlus(skew, Clock.systemUTC());
    }

    /** The broker's timestamp check: older clients say InvalidTimestampException, 4.x an InvalidRecordException. */
    private static boolean refusedTimestamp(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidTimestampException || (cause instanceof InvalidRecordException
                    && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("timestamp"))) {
                return true;
            }
        }
        return false;
    }

    /** The file being sent: the first one started and not finished. */
    private Optional<FileTask> unfinished() {
        return tasks.stream().filter(task -> !task.finished && task.openedNanos != 0).findFirst();
    }

    private Acknowledged lastAcknowledged() {
        return unfinished().filter(task -> task.watermark() != null)
                .map(task -> new Acknowledged(task.file, task.watermark())).orElse(null);
    }

    private String whereToContinue() {
        Optional<FileTask> task = unfinished();
        if (task.isEmpty()) {
            return "every file read so far was acknowledged";
        }
        LocalDateTime watermark = task.get().watermark();
        String where = watermark == null
                ? "no snapshot of " + task.get().file + " was acknowledged"
                : "last fully acknowledged snapshot: " + task.get().file + " at " + SnapshotTime.format(watermark);
        return where + (checkpoints == null ? "" : "; rerun the same command to continue from there");
    }

    private RejectsFile createRejects(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return RejectsFile.create(path);
        } catch (IOException e) {
            throw new LoaderException(Reason.IO, "cannot create the rejects file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes the rejects file; an empty one (no bad row) is deleted. True when it is kept. */
    private static boolean closeRejects(RejectsFile rejects, Path path) {
        if (rejects == null) {
            return false;
        }
        try {
            rejects.close();
            if (rejects.problems() == 0) {
                Files.deleteIfExists(path);
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("cannot close the rejects file {}: {}", path, e.getMessage());
            return true;
        }
    }

    private static void joinQuietly(Thread reader) {
        try {
            // The reader stops at its next hand-over; a long validation scan may hold it a few seconds (a daemon).
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The reading thread stopped on an error. */
    private static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient FileTask task;

        ReadFailure(FileTask task, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.task = task;
        }

        LoaderException toLoaderException() {
            Throwable cause = getCause();
            String file = task == null ? "" : task.file + ": ";
            if (cause instanceof SnapshotFileException) {
                return new LoaderException(Reason.BAD_FILE, cause.getMessage() + "; nothing of this file was sent",
                        cause);
            }
            if (cause instanceof LateRowException) {
                return new LoaderException(Reason.LATE_ROW, cause.getMessage(), cause);
            }
            if (cause instanceof UncheckedIOException) {
                return new LoaderException(Reason.IO, file + cause.getMessage(), cause);
            }
            return new LoaderException(Reason.BAD_FILE, file + CliSupport.oneLine(cause), cause);
        }
    }

    /** A record was not acknowledged. */
    /** The caller's stop signal, seen between two snapshot times. */
    private static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stop requested", null, false, false);
        }
    }

    private static final class DeliveryFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeliveryFailure(Throwable cause) {
            super(cause);
        }
    }
}
