package io.gpuledger.ingest.live;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live path, one collection at a time: stamp, refuse a future stamp, write the monthly file (if asked), publish
 * (unless a dry run), count. A collection that fails is logged on one line and counted; the next one still runs.
 */
public final class LiveRun implements AutoCloseable {

    /** Where collections go: Kafka in production. */
    public interface Publisher extends AutoCloseable {
        /** Publishes and waits for the acknowledgements; returns the records sent. */
        int publish(List<HostSnapshot> snapshots);

        @Override
        void close();
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveRun.class);

    private final LiveSettings settings;
    private final Publisher publisher;
    private final MonthSink sink;
    private final LiveMetrics metrics;
    private final Clock clock;
    private final PrintWriter out;

    /**
     * @param publisher null for a dry run
     * @param clock     the collector's clock (its zone is ignored: {@code --collector-zone} gives the wall clock)
     */
    public LiveRun(LiveSettings settings, Publisher publisher, LiveMetrics metrics, Clock clock, PrintWriter out) {
        this.settings = settings;
        this.publisher = publisher;
        this.sink = settings.alsoWrite() == null ? null : MonthSink.of(settings.alsoWrite(), settings.format());
        this.metrics = metrics;
        this.clock = clock;
        this.out = out;
    }

    /** Now on the collector's wall clock, in microseconds (the files' precision). */
    LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(settings.collectorZone())).truncatedTo(ChronoUnit.MICROS);
    }

    /** Every collection of a stream; true when each went through. */
    public boolean readStream(String source, Reader reader) throws IOException {
        LocalDateTime fixed = settings.collectedAt() == null ? null : parseCollectedAt(settings.collectedAt());
        boolean allGood = true;
        int read = 0;
        try (AdCollections collections = AdCollections.open(source, reader, () -> fixed == null ? now() : fixed)) {
            for (Collection collection = collections.next(); collection != null; collection = collections.next()) {
                read++;
                allGood &= handle(collection);
            }
        } catch (LiveInputException e) {
            LOG.error("{}", e.getMessage());
            metrics.failed(LiveMetrics.Failure.FAILED);
            return false;
        }
        if (read == 0) {
            LOG.error("{}: no JSON array of ads", source);
            metrics.failed(LiveMetrics.Failure.FAILED);
            return false;
        }
        return allGood;
    }

    private static LocalDateTime parseCollectedAt(String text) {
        try {
            return SnapshotTime.parse(text.strip());
        } catch (RuntimeException e) {
            throw new io.gpuledger.ingest.settings.SettingException("--collected-at: expected YYYY-MM-DD "
                    + "HH:MM:SS[.ffffff] on the collector's wall clock, got '" + text + "'");
        }
    }

    /** One run of the collector command; true when its collection went through. */
    public boolean runOnce(CollectorCommand command) {
        LocalDateTime start = now();
        CollectorCommand.Outcome outcome = command.run();
        if (outcome instanceof CollectorCommand.TimedOut timedOut) {
            LOG.warn("collection {}: {} still running after {}; killed, collection skipped",
                    SnapshotTime.formatSeconds(start), command.argv().get(0),
                    io.gpuledger.ingest.settings.Intervals.format(timedOut.limit()));
            metrics.failed(LiveMetrics.Failure.TIMEOUT);
            return false;
        }
        if (outcome instanceof CollectorCommand.Failed failed) {
            LOG.warn("collection {}: {}; collection skipped", SnapshotTime.formatSeconds(start), failed.reason());
            metrics.failed(LiveMetrics.Failure.FAILED);
            return false;
        }
        String stdout = ((CollectorCommand.Output) outcome).stdout();
        Collection collection;
        try {
            collection = AdCollections.parse(command.argv().get(0) + " output", stdout, start);
        } catch (LiveInputException e) {
            LOG.warn("collection {}: {}; collection skipped", SnapshotTime.formatSeconds(start), e.getMessage());
            metrics.failed(LiveMetrics.Failure.FAILED);
            return false;
        }
        return handle(collection);
    }

    /**
     * Runs the command on a fixed schedule from now: run k starts at start + k × every, or right after run k-1 when
     * that ran past its slot (runs never overlap; slots missed meanwhile are skipped, not caught up). Stops after
     * {@code maxRuns} runs ({@code <= 0}: never) or when the thread is interrupted.
     *
     * @return the runs that failed
     */
    public int runSchedule(CollectorCommand command, Duration every, int maxRuns) {
        long startNanos = System.nanoTime();
        long period = every.toNanos();
        int failedRuns = 0;
        long slot = 0;
        for (int runs = 1; ; runs++) {
            if (!runOnce(command)) {
                failedRuns++;
            }
            if (Thread.currentThread().isInterrupted() || (maxRuns > 0 && runs >= maxRuns)) {
                break;
            }
            long elapsed = System.nanoTime() - startNanos;
            long nextSlot = elapsed / period + 1;
            long skipped = nextSlot - (slot + 1);
            if (skipped > 0) {
                LOG.warn("the last run took {}: {} scheduled run{} skipped", Duration.ofNanos(elapsed - slot * period)
                        .truncatedTo(ChronoUnit.MILLIS), skipped, skipped == 1 ? "" : "s");
            }
            slot = nextSlot;
            long waitNanos = startNanos + slot * period - System.nanoTime();
            try {
                if (waitNanos > 0) {
                    Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return failedRuns;
    }

    /** One collection: true when it was published (and written, if asked). */
    public boolean handle(Collection collection) {
        long started = System.nanoTime();
        String when = SnapshotTime.format(collection.timestamp());
        String future = TimestampBounds.untilNowPlus(settings.maxFutureSkew(), clock).problem(collection.timestamp());
        if (future != null) {
            LOG.error("collection {} refused: {}", when, future);
            metrics.failed(LiveMetrics.Failure.REFUSED);
            return false;
        }
        collection.problems().forEach(problem -> LOG.warn("{}", problem));
        List<HostSnapshot> snapshots = collection.snapshots();
        Path file = null;
        int published = 0;
        try {
            if (sink != null) {
                file = sink.write(collection);
            }
            if (publisher != null) {
                published = publisher.publish(snapshots);
            }
        } catch (IOException | LiveInputException | org.apache.kafka.common.KafkaException e) {
            LOG.error("collection {} not stored: {}", when, e.getMessage());
            metrics.failed(LiveMetrics.Failure.NOT_STORED);
            return false;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        metrics.succeeded(collection, published, seconds, clock.millis());
        out.println(String.format(Locale.ROOT, "%s: %d ads%s, %d rows, %d machines -> %s%s", when, collection.ads(),
                collection.problems().isEmpty() ? "" : " (" + collection.problems().size() + " bad, skipped)",
                collection.rows().size(), snapshots.size(),
                publisher == null ? "not published (--dry-run)" : published + " records to " + settings.topic(),
                file == null ? "" : ", appended to " + file));
        out.flush();
        return true;
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
    }
}
