package io.gpuledger.streams.metrics;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.query.StoreUnavailableException;
import io.gpuledger.streams.window.SummarySource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live allocation gauges: every {@link GaugeFamily} for the latest complete bucket and the current one, plus
 * freshness. Values are recomputed from the report engine when a scrape finds them older than {@code maxAge}, and
 * only on the instance that owns the rollups; elsewhere the families are absent and
 * {@code gpuledger_allocation_owner} is 0, telling where to look.
 *
 * <p>The current bucket is the bucket of the latest snapshot in the rollups (the data's clock, so replayed history has
 * one too); the complete one is the bucket before it. A bucket without rows (an outage) has no series.
 */
public final class AllocationGauges {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationGauges.class);

    private final GaugeInputs inputs;
    private final CollectorZone zone;
    private final Clock clock;
    private final long maxAgeNanos;
    private final Map<GaugeFamily, MultiGauge> families = new EnumMap<>(GaugeFamily.class);
    private final MultiGauge latestSnapshot;
    private final MultiGauge completeBucketAge;
    private final Timer refreshTimer;
    private final Counter refreshFailures;
    private volatile boolean owner;
    private boolean refreshed;
    /** The latest snapshot time the values were computed for: the data version. */
    private long refreshedForLatest = Long.MIN_VALUE;
    private long refreshedAtNanos;
    private String lastProblem;

    public AllocationGauges(MeterRegistry registry, GaugeInputs inputs, CollectorZone zone, Clock clock,
                            Duration maxAge) {
        this.inputs = inputs;
        this.zone = zone;
        this.clock = clock;
        this.maxAgeNanos = maxAge.toNanos();
        for (GaugeFamily family : GaugeFamily.values()) {
            families.put(family, MultiGauge.builder(family.prometheusName()).description(family.help())
                    .register(registry));
        }
        latestSnapshot = MultiGauge.builder("gpuledger_latest_snapshot_timestamp_seconds")
                .description("Latest snapshot in the rollups, Unix time (naive wall clock read in --collector-zone)")
                .register(registry);
        completeBucketAge = MultiGauge.builder("gpuledger_complete_bucket_age_seconds")
                .description("Seconds from the end of the latest complete bucket to now")
                .register(registry);
        Gauge.builder("gpuledger_allocation_owner", this, gauges -> gauges.owner ? 1 : 0)
                .description("1 where this instance owns the rollups and exports the allocation series, 0 elsewhere")
                .register(registry);
        refreshTimer = Timer.builder("gpuledger.allocation.refresh")
                .description("Time to recompute the allocation gauges from the report engine")
                .register(registry);
        refreshFailures = Counter.builder("gpuledger.allocation.refresh.failures")
                .description("Recomputations that failed because the stores were not queryable")
                .register(registry);
    }

    /**
     * Recomputes when the values are older than {@code maxAge} or the data changed since (a newer latest snapshot: a
     * live collection arrived), so a scrape right after a collection already shows it.
     */
    public synchronized void refreshIfStale() {
        if (!refreshed || System.nanoTime() - refreshedAtNanos >= maxAgeNanos || dataChanged()) {
            refresh();
        }
    }

    private boolean dataChanged() {
        try {
            return owner && inputs.latestSnapshotMicros() != refreshedForLatest;
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            return false;
        }
    }

    /** Recomputes now. */
    public synchronized void refresh() {
        long started = System.nanoTime();
        try {
            owner = inputs.ownsRollups();
            long latest = owner ? inputs.latestSnapshotMicros() : -1;
            refreshedForLatest = latest;
            if (latest < 0) {
                publish(List.of(), Double.NaN, Double.NaN);
                report(owner ? "the rollups are empty" : "this instance does not own the rollups");
                return;
            }
            long current = SnapshotTime.bucketStartMicros(latest);
            long complete = current - SnapshotTime.BUCKET_MICROS;
            SummarySource source = inputs.liveSource();
            List<Sample> samples = new ArrayList<>();
            add(samples, source, complete, BucketLabel.COMPLETE);
            add(samples, source, current, BucketLabel.CURRENT);
            double now = clock.millis() / 1000.0;
            publish(samples, zone.epochSeconds(latest),
                    now - zone.epochSeconds(complete + SnapshotTime.BUCKET_MICROS));
            report(null);
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            refreshFailures.increment();
            publish(List.of(), Double.NaN, Double.NaN);
            report("stores not queryable: " + e.getMessage());
        } finally {
            refreshed = true;
            refreshedAtNanos = System.nanoTime();
            refreshTimer.record(refreshedAtNanos - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** Whether the last refresh found this instance owning the rollups. */
    public boolean owner() {
        return owner;
    }

    private void add(List<Sample> samples, SummarySource source, long bucketStart, BucketLabel label) {
        BucketReports.of(source, bucketStart, inputs).ifPresent(report -> {
            samples.addAll(AllocationSamples.of(report, label));
            samples.add(new Sample(GaugeFamily.BUCKET_START, List.of(label.value()), zone.epochSeconds(bucketStart)));
        });
    }

    private void publish(List<Sample> samples, double latestSeconds, double ageSeconds) {
        Map<GaugeFamily, List<MultiGauge.Row<?>>> rows = new EnumMap<>(GaugeFamily.class);
        for (GaugeFamily family : GaugeFamily.values()) {
            rows.put(family, new ArrayList<>());
        }
        for (Sample sample : samples) {
            rows.get(sample.family()).add(MultiGauge.Row.of(tags(sample), sample.value()));
        }
        rows.forEach((family, familyRows) -> families.get(family).register(familyRows, true));
        latestSnapshot.register(Double.isNaN(latestSeconds) ? List.of()
                : List.of(MultiGauge.Row.of(Tags.empty(), latestSeconds)), true);
        completeBucketAge.register(Double.isNaN(ageSeconds) ? List.of()
                : List.of(MultiGauge.Row.of(Tags.empty(), ageSeconds)), true);
    }

    private static Tags tags(Sample sample) {
        Tags tags = Tags.empty();
        List<String> names = sample.family().labelNames();
        for (int i = 0; i < names.size(); i++) {
            tags = tags.and(names.get(i), sample.labelValues().get(i));
        }
        return tags;
    }

    /** Logs a change of state once, not at every scrape. */
    private void report(String problem) {
        if (java.util.Objects.equals(problem, lastProblem)) {
            return;
        }
        if (problem == null) {
            LOG.info("Allocation gauges computed on this instance (it owns the rollups)");
        } else {
            LOG.info("Allocation gauges not exported here: {}", problem);
        }
        lastProblem = problem;
    }
}
