package io.gpuledger.streams.app;

import io.gpuledger.backfill.BackfillLoader;
import io.gpuledger.backfill.LoaderException;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.backfill.ReplaySummary;
import io.gpuledger.backfill.progress.ConsoleProgress;
import io.gpuledger.ingest.generate.GenerationSummary;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.metrics.LoaderProgressMeters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history a starting instance loads: {@code --replay DIR} through the backfill-loader library (the same code path
 * as its command line), and for {@code --demo} a generated sample in {@code <data-dir>/samples} first.
 *
 * <p>A demo remembers, next to its samples, which topic it replayed them into; a second start with the same topic
 * skips the replay and is ready as soon as the stores are restored. A completed replay keeps its loader checkpoints,
 * complete, so a restart with the same {@code --replay DIR} sends only snapshots the files gained since (the current
 * month, rewritten by the collector), and nothing else again.
 *
 * <p>A replay that did not finish (the process was killed, the machine lost power) is remembered in
 * {@code <data-dir>/startup-replay.unfinished}, written before the first record is sent and removed once every record
 * is acknowledged. A start without {@code --replay} finds it and resumes that replay from its checkpoints, so a
 * restart by a supervisor never serves numbers that silently miss the rest of the files.
 */
final class StartupReplay {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReplay.class);
    static final String SAMPLES = "samples";
    static final String REPLAYED_MARKER = ".replayed";
    static final String UNFINISHED_MARKER = "startup-replay.unfinished";
    static final String CHECKPOINTS = "loader-checkpoints";
    /** Demo sample size: enough for every report (two whole months) and quick on two cores. */
    static final int DEMO_HOSTS = 60;

    private final StreamsAppConfig config;
    private final Path directory;
    private final boolean demo;

    private StartupReplay(StreamsAppConfig config, Path directory, boolean demo) {
        this.config = config;
        this.directory = directory;
        this.demo = demo;
    }

    static StartupReplay plan(StreamsAppConfig config) {
        if (config.demo()) {
            Path samples = config.replayDir() != null ? config.replayDir() : config.dataDir().resolve(SAMPLES);
            return new StartupReplay(config, samples, true);
        }
        if (config.replayDir() == null) {
            Path unfinished = unfinishedReplay(config);
            if (unfinished != null) {
                LOG.info("The startup replay of {} did not finish before the service stopped; resuming it",
                        unfinished);
            }
            return new StartupReplay(config, unfinished, false);
        }
        return new StartupReplay(config, config.replayDir(), false);
    }

    /** The directory of a replay that started and did not finish, or null; a vanished directory is an error. */
    private static Path unfinishedReplay(StreamsAppConfig config) {
        Path marker = config.dataDir().resolve(UNFINISHED_MARKER);
        if (!Files.exists(marker)) {
            return null;
        }
        Path directory;
        try {
            directory = Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("the startup replay of " + directory + " did not finish and the directory "
                    + "is gone: start with --replay DIR to finish it, or delete " + marker + " to serve without it");
        }
        return directory;
    }

    /** Whether anything may be replayed; decided before the service starts, so readiness can wait for it. */
    boolean needed() {
        return directory != null;
    }

    /** @param progress where the replay's progress is counted (the service's metrics) */
    void run(GpuLedgerService service, io.gpuledger.streams.metrics.ReplayProgress progress)
            throws InterruptedException {
        if (directory == null) {
            return;
        }
        if (demo) {
            generateSamplesIfAbsent();
            if (alreadyReplayed(service)) {
                System.out.println("Demo samples were already replayed into " + config.topic() + "; reusing them.");
                service.readiness().captureTargets();
                return;
            }
        }
        System.out.println("Replaying " + directory.toAbsolutePath() + " into " + config.topic() + " ...");
        Path unfinished = config.dataDir().resolve(UNFINISHED_MARKER);
        writeAtomically(unfinished, directory.toAbsolutePath().toString());
        LoaderSettings settings = loaderSettings(config, service, directory)
                .with(CommonSettings.SKIP_BAD_ROWS, config.skipBadRows())
                .with(LoaderSettings.REJECTS, config.skipBadRows() ? config.dataDir().resolve("loader-rejects")
                        .resolve("rejects-" + System.currentTimeMillis() + ".tsv") : null);
        PrintWriter terminal = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        LoaderProgressMeters meters = new LoaderProgressMeters(progress);
        ReplaySummary summary;
        service.replays().startupReplay(true);
        try {
            summary = new BackfillLoader(settings).run(
                    new ReplayProgressRelay(ConsoleProgress.auto(terminal, Duration.ofSeconds(5)), meters));
        } catch (LoaderException e) {
            meters.failed(e);
            throw e;
        } finally {
            service.replays().startupReplay(false);
        }
        summary.render().forEach(System.out::println);
        deleteMarker(unfinished);
        service.readiness().captureTargets();
        if (demo) {
            markReplayed(service);
        }
    }

    /** Written before anything is sent: a crash between the two leaves the marker, never a replay without one. */
    private static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteMarker(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What every replay of the service shares, the startup one and those asked for over HTTP: the service's Kafka,
     * topic, history and throttle, and one checkpoint directory, so that a replay of months another one has sent
     * resumes instead of sending them again.
     */
    static LoaderSettings loaderSettings(StreamsAppConfig config, GpuLedgerService service, Path directory) {
        return LoaderSettings.of(directory)
                .with(LoaderSettings.BOOTSTRAP_SERVERS, service.bootstrapServers())
                .with(CommonSettings.CLIENT_PROPERTY, config.clientProperties())
                .with(CommonSettings.TOPIC, config.topic())
                .with(CommonSettings.PARTITIONS, config.partitions())
                .with(CommonSettings.REPLICATION_FACTOR, config.embeddedBroker() ? 1 : config.replicationFactor())
                .with(CommonSettings.HISTORY, config.history())
                .with(CommonSettings.PREFER, config.prefer())
                .with(CommonSettings.MAX_FUTURE_SKEW, config.maxFutureSkew())
                .with(LoaderSettings.MAX_ROWS_PER_SECOND, config.maxRowsPerSecond())
                .with(LoaderSettings.CHECKPOINT_DIR, config.dataDir().resolve(CHECKPOINTS));
    }

    private void generateSamplesIfAbsent() {
        if (Files.isDirectory(directory) && !MonthlyFiles.scan(directory).isEmpty()) {
            return;
        }
        // The two whole months before this one, so "last 24 h", "last month" and monthly reports all have data.
        YearMonth first = YearMonth.now().minusMonths(2);
        int days = first.lengthOfMonth() + first.plusMonths(1).lengthOfMonth();
        GeneratorSettings settings = new GeneratorSettings(first.atDay(1), days, DEMO_HOSTS, 5, 42, ZoneOffset.UTC);
        System.out.println("Generating demo samples: " + DEMO_HOSTS + " hosts, " + days + " days from "
                + first.atDay(1) + " into " + directory.toAbsolutePath() + " ...");
        try {
            Files.createDirectories(directory);
            GenerationSummary summary = new SnapshotGenerator(settings).generate(directory);
            System.out.println(summary.render());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate demo samples in " + directory + ": " + e.getMessage(), e);
        }
    }

    private Path marker() {
        return directory.resolve(REPLAYED_MARKER);
    }

    /** The marker names the topic's id: a new topic (a wiped broker) means the samples must be replayed again. */
    private boolean alreadyReplayed(GpuLedgerService service) {
        try {
            return Files.exists(marker()) && Files.readString(marker()).strip().equals(service.topic().topicId());
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}; replaying the samples again", marker(), e.getMessage());
            return false;
        }
    }

    private void markReplayed(GpuLedgerService service) {
        try {
            Files.writeString(marker(), service.topic().topicId());
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}; the next start replays the samples again", marker(), e.getMessage());
        }
    }
}
