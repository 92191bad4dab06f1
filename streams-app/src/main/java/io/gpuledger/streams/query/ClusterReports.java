package io.gpuledger.streams.query;

import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.render.HtmlRenderer;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.report.GpuModelSnapshotReport;
import io.gpuledger.streams.report.GpuModelSnapshots;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.Report;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Computes the report a {@link ReportQuery} asks for over the whole cluster's data. It runs on the instance that owns
 * the rollups (the HTTP layer forwards there); it checks that ownership before and after computing, so a report
 * computed across an ownership change is a {@link StoreUnavailableException}, not a number.
 *
 * <p>Windows are resolved here: the default end is the latest snapshot in the rollups (rules §3.1), and a window that
 * starts before the retained history is an {@link OutsideRetentionException} naming the earliest available time.
 */
public final class ClusterReports {

    private final ClusterStores stores;
    private final QueryConfig defaults;
    private final Duration history;
    private final Duration rawRetention;
    private final Clock clock;
    /**
     * Reports already computed for the current data: dashboards and the report page ask for the same few reports over
     * and over, and between two rollup writes (a collector run every 5 minutes) the answer cannot change.
     */
    private final Map<CacheKey, Report> recent = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, Report> eldest) {
            return size() > RECENT_REPORTS;
        }
    });

    private static final int RECENT_REPORTS = 64;

    /**
     * A query with its window end resolved, the data version it was answered at, and whether the numbers could be
     * complete then: a report computed during a replay is not the answer once the replay has been processed.
     */
    private record CacheKey(ReportQuery query, long dataVersion, Completeness completeness) {
    }

    private final Supplier<Completeness> completeness;

    /**
     * @param defaults     the service's configured CHTC list and exclusions
     * @param history      how far back host buckets are kept (the topology's retention)
     * @param rawRetention how far back the GPU model snapshot answers
     * @param clock        the local clock for {@code generated_at}
     * @param completeness whether numbers can be complete now (readiness: restore, catch-up, replays)
     */
    public ClusterReports(ClusterStores stores, QueryConfig defaults, Duration history, Duration rawRetention,
                          Clock clock, Supplier<Completeness> completeness) {
        this.completeness = completeness;
        this.stores = stores;
        this.defaults = defaults;
        this.history = history;
        this.rawRetention = rawRetention;
        this.clock = clock;
    }

    /**
     * The report record of {@code query.type()}, with its runtime and generation time stamped. A report computed
     * earlier from the same data (same resolved window end, no rollup write since) is returned as it was computed,
     * its {@code generated_at} and runtime included.
     */
    public Report compute(ReportQuery query) {
        long version = stores.dataVersion();
        ReportQuery resolved = query.type() == ReportType.GPU_MODEL_SNAPSHOT ? query : withPinnedEnd(query);
        // The whole completeness, its reason too: a replay that starts must show in a report asked again.
        CacheKey key = new CacheKey(resolved, version, completeness.get());
        Report cached = recent.get(key);
        if (cached != null) {
            return cached;
        }
        Report report = switch (resolved.type()) {
            case ALLOCATION -> allocation(resolved);
            case MONTHLY -> monthly(resolved);
            case TIMESERIES -> timeSeries(resolved);
            case GPU_MODEL_SNAPSHOT -> gpuModelSnapshot(resolved);
        };
        // Kept only if no write arrived while it was computed.
        if (stores.dataVersion() == version && report.completeness().equals(key.completeness())) {
            recent.put(key, report);
        }
        return report;
    }

    /** The query with its default end replaced by the latest snapshot now, so that several reports share one end. */
    public ReportQuery withPinnedEnd(ReportQuery query) {
        if (query.endTime() != null) {
            return query;
        }
        long latest = ownedLatest();
        return new ReportQuery(query.type(), query.hoursBack(), SnapshotTime.fromMicros(latest), query.host(),
                query.allDevices(), query.exclusions(), query.month(), query.snapshotTime(), query.windowMinutes(),
                query.gpuModel(), query.bucketMinutes());
    }

    /** A report with the time series its HTML chart draws (null when there is none): the page and e-mails alike. */
    public record Charted<R extends Report>(R report, TimeSeriesReport overTime) {
    }

    /** The allocation report and, over the same window, its chart of about {@code chartBuckets} points. */
    public Charted<AllocationReport> allocationWithChart(ReportQuery query, int chartBuckets) {
        ReportQuery pinned = withPinnedEnd(query);
        AllocationReport report = allocation(pinned);
        TimeSeriesReport overTime = timeSeries(pinned.withType(ReportType.TIMESERIES)
                .withBucketMinutes(HtmlRenderer.chartBucketMinutes(pinned.hoursBack(), chartBuckets)));
        return new Charted<>(report, overTime);
    }

    /** The monthly report and its month's chart: the monthly window is {@code [M-01, M+1-01]}, days × 24 h. */
    public Charted<MonthlyReport> monthlyWithChart(ReportQuery query, int chartBuckets) {
        MonthlyReport monthly = monthly(query);
        YearMonth month = query.month() != null ? query.month() : YearMonth.parse(monthly.startDate().substring(0, 7));
        int hours = month.lengthOfMonth() * 24;
        ReportQuery series = new ReportQuery(ReportType.TIMESERIES, hours, ReportEngine.monthWindow(month).end(), "",
                false, query.exclusions(), null, null, ReportQuery.DEFAULT_WINDOW_MINUTES, null,
                HtmlRenderer.chartBucketMinutes(hours, chartBuckets));
        try {
            return new Charted<>(monthly, timeSeries(series));
        } catch (NoDataException e) {
            return new Charted<>(monthly, null);
        }
    }

    public AllocationReport allocation(ReportQuery query) {
        // Taken first: numbers computed while incomplete stay marked so even if readiness arrives meanwhile.
        Completeness before = completeness.get();
        return run(() -> {
            long started = System.nanoTime();
            QueryWindow window = window(query);
            AllocationReport report = ReportEngine.allocation(stores.source(window), window, config(query));
            return report.withMetadata(stamp(report.metadata(), started));
        }).withCompleteness(before);
    }

    public TimeSeriesReport timeSeries(ReportQuery query) {
        // Taken first: numbers computed while incomplete stay marked so even if readiness arrives meanwhile.
        Completeness before = completeness.get();
        return run(() -> {
            long started = System.nanoTime();
            QueryWindow window = window(query);
            TimeSeriesReport report = ReportEngine.timeSeries(stores.source(window), window, config(query),
                    query.bucketMinutes());
            return report.withMetadata(stamp(report.metadata(), started));
        }).withCompleteness(before);
    }

    public MonthlyReport monthly(ReportQuery query) {
        // Taken first: numbers computed while incomplete stay marked so even if readiness arrives meanwhile.
        Completeness before = completeness.get();
        return run(() -> {
            long started = System.nanoTime();
            long latest = stores.latestSnapshotMicros();
            YearMonth month = query.month();
            if (month == null) {
                if (query.endTime() == null && latest < 0) {
                    throw new NoDataException(ReportEngine.NO_DATA);
                }
                // With an end-time: the month before it (rules §4.11). Without: the newest month held completely, so
                // that data ending on 31 October 23:55 gives October rather than skipping to September.
                month = query.endTime() != null ? YearMonth.from(query.endTime()).minusMonths(1)
                        : ReportEngine.newestCompleteMonth(SnapshotTime.fromMicros(latest));
            }
            QueryWindow window = ReportEngine.monthWindow(month);
            requireRetained(window.startMicros(), latest, history,
                    query.month() != null ? "month" : "end-time",
                    query.month() != null ? month.toString() : month + (query.endTime() != null ? " (the month before end-time)" : " (the newest complete month)"));
            MonthlyReport report = ReportEngine.monthly(stores.source(window), month, config(query));
            return report.withMetadata(stamp(report.metadata(), started));
        }).withCompleteness(before);
    }

    public GpuModelSnapshotReport gpuModelSnapshot(ReportQuery query) {
        // Taken first: numbers computed while incomplete stay marked so even if readiness arrives meanwhile.
        Completeness before = completeness.get();
        return run(() -> {
            LocalDateTime target = query.snapshotTime();
            long latest = stores.latestSnapshotMicros();
            long targetMicros = SnapshotTime.toMicros(target);
            requireRetained(targetMicros, latest, rawRetention, "snapshot-time", SnapshotTime.formatSeconds(target));
            long spread = query.windowMinutes() * 60_000_000L;
            List<HostSnapshot> snapshots = stores.rawSnapshots(targetMicros - spread, targetMicros + spread);
            return GpuModelSnapshots.compute(snapshots, target, query.windowMinutes(), query.gpuModel(),
                    config(query).exclusions());
        }).withCompleteness(before);
    }

    private QueryWindow window(ReportQuery query) {
        long latest = stores.latestSnapshotMicros();
        LocalDateTime end;
        if (query.endTime() != null) {
            end = query.endTime();
        } else if (latest >= 0) {
            end = SnapshotTime.fromMicros(latest);
        } else {
            throw new NoDataException(ReportEngine.NO_DATA);
        }
        QueryWindow window = QueryWindow.endingAt(end, query.hoursBack());
        boolean endTooOld = query.endTime() != null && latest >= 0
                && SnapshotTime.toMicros(query.endTime()) < latest - history.toNanos() / 1000;
        requireRetained(window.startMicros(), latest, history, endTooOld ? "end-time" : "hours-back",
                endTooOld ? SnapshotTime.formatSeconds(query.endTime()) : String.valueOf(query.hoursBack()));
        return window;
    }

    /** rules §3.1: a window reaching back before the retained history is refused, naming the earliest time kept. */
    private static void requireRetained(long fromMicros, long latestMicros, Duration kept, String parameter,
                                        String value) {
        if (latestMicros < 0) {
            return;
        }
        long earliest = latestMicros - kept.toNanos() / 1000;
        if (fromMicros < earliest) {
            String earliestText = SnapshotTime.formatSeconds(SnapshotTime.fromMicros(earliest));
            throw new OutsideRetentionException(parameter + " '" + value + "' reaches back to "
                    + SnapshotTime.formatSeconds(SnapshotTime.fromMicros(fromMicros))
                    + ", before the earliest available time " + earliestText, parameter, earliestText);
        }
    }

    private QueryConfig config(ReportQuery query) {
        QueryConfig config = defaults.withHostFilter(query.host().isEmpty() ? HostFilter.NONE
                : new HostFilter(query.host())).withAllDevices(query.allDevices());
        return query.exclusions() == null ? config : config.withExclusions(query.exclusions());
    }

    private ReportMetadata stamp(ReportMetadata metadata, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return metadata.withRuntime(seconds, SnapshotTime.formatSeconds(LocalDateTime.now(clock)));
    }

    private long ownedLatest() {
        long latest = run(stores::latestSnapshotMicros);
        if (latest < 0) {
            throw withHistory(new NoDataException(ReportEngine.NO_DATA));
        }
        return latest;
    }

    /** rules §5.2 errors a person can act on: a 404 for missing data names the range the history holds. */
    private NoDataException withHistory(NoDataException error) {
        long earliest = stores.earliestSnapshotMicros();
        long latest = stores.latestSnapshotMicros();
        if (earliest < 0 || latest < 0) {
            return error.withHistory(null, null);
        }
        return error.withHistory(SnapshotTime.formatSeconds(SnapshotTime.fromMicros(earliest)),
                SnapshotTime.formatSeconds(SnapshotTime.fromMicros(latest)));
    }

    /** Runs a computation that must happen on the rollup owner, and fails if ownership moved meanwhile. */
    private <T> T run(java.util.function.Supplier<T> computation) {
        InstanceDirectory directory = stores.directory();
        HostInfo owner = directory.rollupOwner();
        if (!directory.isSelf(owner)) {
            throw new StoreUnavailableException("the bucket rollups moved to " + owner);
        }
        T result;
        try {
            result = computation.get();
        } catch (NoDataException e) {
            throw e.history() != null ? e : withHistory(e);
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("a store became unavailable during the query: " + e.getMessage(), e);
        }
        if (!directory.isSelf(directory.rollupOwner())) {
            throw new StoreUnavailableException("the bucket rollups moved to another instance during the query");
        }
        return result;
    }
}
