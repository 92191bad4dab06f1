package io.gpuledger.streams.replay;

import io.gpuledger.backfill.BackfillLoader;
import io.gpuledger.backfill.FileResult;
import io.gpuledger.backfill.LoaderException;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.backfill.ReplaySummary;
import io.gpuledger.backfill.progress.FileStart;
import io.gpuledger.backfill.progress.ProgressListener;
import io.gpuledger.backfill.progress.ReplayPlan;
import io.gpuledger.backfill.progress.ReplayProgress;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.streams.metrics.LoaderProgressMeters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays asked for over HTTP ({@code POST /api/v1/replays}), run one at a time in a background thread through the
 * backfill-loader library, with the checkpoints the startup replay uses: a cancelled or interrupted replay asked
 * again resumes where its files were acknowledged.
 *
 * <p>One at a time, whatever the months: the loader's checkpoints assume one loader per topic, and a second replay
 * would only share the same producer bandwidth. A request while one runs is refused (409, naming the running one)
 * rather than queued, so nothing starts later than the client expects. A replay is done once Kafka acknowledged
 * every row <em>and</em> the service has processed them, so reports computed while it runs are partial
 * ({@link #inProgress()}).
 */
public final class Replays implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);
    private static final Duration RECORD_EVERY = Duration.ofSeconds(2);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(250);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(5);
    /** What a 409 names while the startup replay runs. */
    public static final String STARTUP = "startup";

    private final List<Path> historyDirs;
    private final MonthFormat prefer;
    private final Function<Path, LoaderSettings> loaderSettings;
    private final Path rejectsDir;
    private final io.gpuledger.streams.metrics.ReplayProgress meters;
    private final ProcessingCatchUp catchUp;
    private final Clock clock;
    private final ReplayRecords records;
    private final Map<String, ReplayStatus> byId = new ConcurrentHashMap<>();
    private int lastNumber;
    private Job active;
    /** The replay that was running when the service last stopped, to be resumed; null when none. */
    private ReplayStatus cutShort;
    private boolean startupReplayRunning;
    private volatile boolean closing;

    /**
     * @param historyDirs    the directories a replay may read (the operator's, never the request's)
     * @param prefer         of a month in both formats, the one to read (null: such a month is an error)
     * @param loaderSettings the service's loader settings for one directory (Kafka, topic, checkpoints, throttle)
     * @param dataDir        where {@code replays/} (the records) and {@code loader-rejects/} go
     * @param meters         the replay counters of {@code /metrics}, which the startup replay feeds too
     * @param catchUp        how far processing is behind, to know when what a replay sent has been processed
     */
    public Replays(List<Path> historyDirs, MonthFormat prefer, Function<Path, LoaderSettings> loaderSettings,
                   Path dataDir, io.gpuledger.streams.metrics.ReplayProgress meters, ProcessingCatchUp catchUp,
                   Clock clock) {
        this.historyDirs = List.copyOf(historyDirs);
        this.prefer = prefer;
        this.loaderSettings = loaderSettings;
        this.rejectsDir = dataDir.resolve("loader-rejects");
        this.meters = meters;
        this.catchUp = catchUp;
        this.clock = clock;
        this.records = new ReplayRecords(dataDir.resolve("replays"));
        for (ReplayStatus status : records.load()) {
            ReplayStatus kept = status;
            if (!status.phase().ended()) {
                // Written while it ran: the service stopped (or died) under it. Its checkpoints are on disk.
                kept = status.interrupted(clock.instant());
                records.write(kept);
                cutShort = kept;
            }
            byId.put(kept.id(), kept);
            lastNumber = Math.max(lastNumber, number(kept.id()));
        }
    }

    /**
     * Resumes the replay that was running when the service stopped (a restart, a crash), as a new replay of the same
     * months from the checkpoints: reports would otherwise miss the rest of its months without saying so. Called
     * once the startup replay, if any, is done.
     */
    public void resumeInterrupted() {
        ReplayStatus interrupted;
        synchronized (this) {
            interrupted = cutShort;
            cutShort = null;
        }
        if (interrupted == null) {
            return;
        }
        try {
            ReplayStatus resumed = submit(interrupted.request());
            LOG.info("Replay {} of {} did not finish before the service stopped; resuming it as replay {}",
                    interrupted.id(), interrupted.request().range(), resumed.id());
        } catch (RuntimeException e) {
            LOG.warn("Replay {} of {} did not finish before the service stopped and cannot be resumed ({}); ask for "
                    + "the same months again", interrupted.id(), interrupted.request().range(), e.getMessage());
        }
    }

    private static int number(String id) {
        try {
            return id.startsWith("r") ? Integer.parseInt(id.substring(1)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Starts a replay of the months of {@code request} in the background.
     *
     * @throws ReplayRefusedException  no history directory, or no file of the range in them (400)
     * @throws ReplayConflictException a replay is running (409, naming it)
     */
    public synchronized ReplayStatus submit(ReplayRequest request) {
        if (closing) {
            throw new IllegalStateException("the service is stopping");
        }
        List<Path> files = filesInRange(request);
        if (startupReplayRunning) {
            throw new ReplayConflictException(STARTUP, "the startup replay (--replay) is in progress: ask again once "
                    + "it has finished (GET /health/ready answers 200 then)");
        }
        if (active != null) {
            ReplayStatus running = active.status();
            String which = "replay " + running.id() + " of " + running.request().range() + " is "
                    + running.phase().wireName();
            String why = running.request().overlaps(request) ? which + " and overlaps " + request.range()
                    : which + "; one replay runs at a time";
            throw new ReplayConflictException(running.id(), why + ": wait for it to end or cancel it (DELETE "
                    + "/api/v1/replays/" + running.id() + ")");
        }
        String id = "r" + (++lastNumber);
        ReplayStatus queued = ReplayStatus.queued(id, request,
                files.stream().map(file -> file.getFileName().toString()).toList(), clock.instant());
        byId.put(id, queued);
        records.write(queued);
        List<Path> directories = historyDirs.stream()
                .filter(dir -> files.stream().anyMatch(file -> dir.equals(file.getParent()))).toList();
        active = new Job(queued, directories);
        Thread thread = new Thread(active, "gpuledger-replay-" + id);
        thread.setDaemon(true);
        active.thread = thread;
        LOG.info("Replay {} of {} accepted: {} file(s) in {}", id, request.range(), files.size(), directories);
        thread.start();
        return queued;
    }

    /** The monthly files of the request's months in every history directory, in directory then month order. */
    private List<Path> filesInRange(ReplayRequest request) {
        if (historyDirs.isEmpty()) {
            throw new ReplayRefusedException("history-dir", "no history directory is configured (--history-dir): "
                    + "this service replays nothing on demand");
        }
        List<Path> files = new ArrayList<>();
        for (Path dir : historyDirs) {
            try {
                MonthlyFiles.scan(dir, prefer).stream().filter(file -> request.contains(file.month()))
                        .forEach(file -> files.add(file.path()));
            } catch (SnapshotFileException e) {
                throw new ReplayRefusedException("history-dir", "history directory " + dir + " cannot be read: "
                        + e.getMessage());
            }
        }
        if (files.isEmpty()) {
            throw new ReplayRefusedException("from", "no monthly file of " + request.range()
                    + " in the history directories (" + historyDirs.size() + " configured)");
        }
        return files;
    }

    public Optional<ReplayStatus> get(String id) {
        Job job = currentJob();
        if (job != null && job.id().equals(id)) {
            return Optional.of(job.status());
        }
        return Optional.ofNullable(byId.get(id));
    }

    /** Every replay this data directory knows, newest first. */
    public List<ReplayStatus> list() {
        List<ReplayStatus> all = new ArrayList<>(byId.values());
        Job job = currentJob();
        if (job != null) {
            all.removeIf(status -> status.id().equals(job.id()));
            all.add(job.status());
        }
        all.sort(Comparator.comparingInt((ReplayStatus status) -> number(status.id())).reversed());
        return all;
    }

    /**
     * Asks the running replay {@code id} to stop; it ends {@code cancelled} soon after, its checkpoints kept.
     *
     * @return the replay's status, or empty when there is no such replay
     * @throws ReplayConflictException when it has already ended (409)
     */
    public synchronized Optional<ReplayStatus> cancel(String id) {
        Job job = active;
        if (job != null && job.id().equals(id)) {
            job.cancel();
            return Optional.of(job.status());
        }
        ReplayStatus status = byId.get(id);
        if (status == null) {
            return Optional.empty();
        }
        throw new ReplayConflictException(id, "replay " + id + " of " + status.request().range() + " has already "
                + "ended (" + status.phase().wireName() + "): nothing to cancel");
    }

    /**
     * The startup replay ({@code --replay}) begins or ends: it uses the same checkpoints, so no replay on demand may
     * run beside it (requests meanwhile are refused with 409).
     */
    public synchronized void startupReplay(boolean running) {
        startupReplayRunning = running;
    }

    /** Why reports cannot be complete now, while a replay runs ({@code replay r1 of 2025-10..2025-12 in progress}). */
    public Optional<String> inProgress() {
        Job job = currentJob();
        return job == null ? Optional.empty()
                : Optional.of("replay " + job.id() + " of " + job.request().range() + " in progress");
    }

    private synchronized Job currentJob() {
        return active;
    }

    private synchronized void ended(Job job, ReplayStatus last) {
        byId.put(last.id(), last);
        if (active == job) {
            active = null;
        }
    }

    /**
     * Stops the running replay, if any, and waits for it to record itself {@code interrupted}: a restart then shows
     * it so, and the same months asked again resume from the checkpoints, sending nothing twice.
     */
    @Override
    public void close() {
        Job job;
        synchronized (this) {
            closing = true;
            job = active;
        }
        if (job == null) {
            return;
        }
        try {
            // The loader sees closing between two snapshot times; an interrupt only if it does not stop in time
            // (a broker that stopped acknowledging), which leaves the last moments to be sent again.
            job.thread.join(STOP_WAIT.toMillis());
            if (job.thread.isAlive()) {
                job.thread.interrupt();
                job.thread.join(INTERRUPT_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One replay: its loader runs (one per history directory with files in range), then the catch-up wait. */
    private final class Job implements Runnable, ProgressListener {

        private final List<Path> directories;
        private final LoaderProgressMeters loaderMeters = new LoaderProgressMeters(meters);
        private volatile Thread thread;
        private volatile boolean cancelRequested;
        private ReplayStatus status;
        /** Rows and bad rows of the directories already replayed. */
        private long rowsBefore;
        private long badRowsBefore;
        private long recordedAtNanos;

        Job(ReplayStatus queued, List<Path> directories) {
            this.status = queued;
            this.directories = directories;
        }

        String id() {
            return status().id();
        }

        ReplayRequest request() {
            return status().request();
        }

        synchronized ReplayStatus status() {
            return status;
        }

        private synchronized void update(Function<ReplayStatus, ReplayStatus> change, boolean record) {
            status = change.apply(status);
            if (record || System.nanoTime() - recordedAtNanos > RECORD_EVERY.toNanos()) {
                recordedAtNanos = System.nanoTime();
                records.write(status);
            }
        }

        /** Asks the loader to stop between two snapshot times, all it sent acknowledged (nothing is sent twice). */
        void cancel() {
            cancelRequested = true;
        }

        boolean stopRequested() {
            return cancelRequested || closing;
        }

        @Override
        public void run() {
            Instant started = clock.instant();
            update(s -> new ReplayStatus(s.id(), s.request(), ReplayPhase.RUNNING, "starting", s.files(), 0, 0, 0,
                    null, 0, List.of(), s.createdAt(), started, null), true);
            LOG.info("Replay {} of {} started", id(), request().range());
            ReplayPhase end;
            List<String> errors = new ArrayList<>();
            try {
                for (Path directory : directories) {
                    ReplaySummary summary = new BackfillLoader(settings(directory)).run(this, this::stopRequested);
                    rowsBefore += summary.rows();
                    badRowsBefore += summary.badRows();
                }
                end = awaitProcessed() ? ReplayPhase.DONE : stopped(true);
            } catch (LoaderException e) {
                loaderMeters.failed(e);
                end = stopped(e.reason() == LoaderException.Reason.STOPPED
                        || e.reason() == LoaderException.Reason.INTERRUPTED);
                if (end == ReplayPhase.FAILED) {
                    errors.add(e.getMessage());
                }
            } catch (InterruptedException e) {
                end = stopped(true);
            } catch (RuntimeException | Error e) {
                // Kafka's clients turn an interrupt into their own unchecked exceptions. Anything else still ends
                // the replay, so that it never stays "running" and blocking every later one.
                end = stopped(false);
                if (end == ReplayPhase.FAILED) {
                    LOG.error("Replay {} failed: {}", id(), e.toString(), e);
                    errors.add(String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
                }
            }
            ReplayPhase phase = end;
            Instant ended = clock.instant();
            update(s -> new ReplayStatus(s.id(), s.request(), phase, null, s.files(), s.rowsSent(),
                    phase == ReplayPhase.DONE ? s.rowsSent() : s.rowsEstimated(), s.rowsPerSecond(),
                    phase == ReplayPhase.DONE ? Double.valueOf(0) : null, s.badRows(), errors, s.createdAt(),
                    s.startedAt(), ended), true);
            ReplayStatus last = status();
            LOG.info("Replay {} of {} {}: {} rows sent in {} s{}", last.id(), last.request().range(),
                    phase.wireName(), last.rowsSent(), Duration.between(started, ended).toSeconds(),
                    errors.isEmpty() ? "" : ": " + errors.get(0));
            ended(this, last);
        }

        /** How a replay that threw ended: asked to stop (cancel or shutdown), or failed. */
        private ReplayPhase stopped(boolean interrupted) {
            if (cancelRequested) {
                return ReplayPhase.CANCELLED;
            }
            if (closing) {
                return ReplayPhase.INTERRUPTED;
            }
            return interrupted ? ReplayPhase.INTERRUPTED : ReplayPhase.FAILED;
        }

        private LoaderSettings settings(Path directory) {
            LoaderSettings settings = loaderSettings.apply(directory)
                    .with(LoaderSettings.FROM, request().from().toString())
                    .with(LoaderSettings.TO, request().to().toString())
                    .with(CommonSettings.SKIP_BAD_ROWS, request().skipBadRows());
            if (request().skipBadRows()) {
                settings = settings.with(LoaderSettings.REJECTS, rejectsDir.resolve("rejects-" + id() + "-"
                        + (directories.indexOf(directory) + 1) + ".tsv"));
            }
            return settings;
        }

        /**
         * Waits until the service has processed everything the topic held when the last file was acknowledged.
         *
         * @return false when asked to stop first
         */
        private boolean awaitProcessed() throws InterruptedException {
            Map<TopicPartition, Long> target = catchUp.inputEndOffsets();
            while (!stopRequested()) {
                String activity;
                try {
                    long behind = catchUp.recordsBehind(target);
                    if (behind == 0) {
                        return true;
                    }
                    activity = "processing: " + behind + " records behind";
                } catch (IllegalStateException e) {
                    // Offsets unreadable for a moment (a broker restarting): the replay's records are safe, ask again.
                    activity = "processing: " + e.getMessage();
                }
                String now = activity;
                update(s -> s.withPhase(ReplayPhase.RUNNING, now), false);
                TimeUnit.MILLISECONDS.sleep(CATCH_UP_POLL.toMillis());
            }
            return false;
        }

        @Override
        public void started(ReplayPlan plan) {
            loaderMeters.started(plan);
        }

        @Override
        public void fileStarted(FileStart start) {
            loaderMeters.fileStarted(start);
        }

        @Override
        public void progress(ReplayProgress progress) {
            loaderMeters.progress(progress);
            long rows = rowsBefore + progress.rowsDone();
            long estimated = rowsBefore + progress.rowsTotal();
            long badRows = badRowsBefore + progress.badRows();
            Double eta = progress.etaSeconds() < 0 ? null : progress.etaSeconds();
            String activity = activity(progress);
            update(s -> new ReplayStatus(s.id(), s.request(), ReplayPhase.RUNNING, activity, s.files(), rows,
                    estimated, progress.rowsPerSecond(), eta, badRows, s.errors(), s.createdAt(), s.startedAt(),
                    null), false);
        }

        @Override
        public void fileFinished(FileResult result) {
            loaderMeters.fileFinished(result);
        }

        @Override
        public void finished(ReplaySummary summary) {
            loaderMeters.finished(summary);
        }
    }

    private static String activity(ReplayProgress progress) {
        String file = progress.file() == null ? "" : String.valueOf(progress.file().getFileName());
        return switch (progress.phase()) {
            case CHECKING -> "checking " + file;
            case SENDING -> "sending " + file;
            case FLUSHING -> "waiting for the last acknowledgements";
            case DONE -> "processing";
        };
    }
}
