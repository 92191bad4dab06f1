package io.gpuledger.streams.query;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.digest.BucketRollup;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.window.BucketSummarizer;
import io.gpuledger.streams.window.BucketSummary;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import io.gpuledger.streams.window.SummarySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket summaries of the service's configured default (its CHTC list and exclusions, no host filter), kept in memory
 * on the instance that owns the rollups, so reports over long windows add a few hundred numbers per bucket instead
 * of classifying every machine's digest again (architecture §1, "a per-bucket cluster rollup for the service's configured
 * default").
 *
 * <p>Exactness: a summary is a pure function of its bucket's rollup, every rollup update invalidates the bucket's
 * summary, and a summary computed while an update raced is not kept. Queries with another configuration summarise
 * rollups as they go: still exact, only slower.
 *
 * <p>Memory follows the history: summaries are kept for buckets no older than the history before the newest bucket
 * (what reports may ask, rules §3.1); older buckets, which only the OpenMetrics history export can reach, are summarised
 * from the rollup store when asked.
 */
public final class RollupSummaries {

    private static final Logger LOG = LoggerFactory.getLogger(RollupSummaries.class);

    private final QueryConfig defaultConfig;
    private final BucketSummarizer summarizer;
    /** Every known bucket of the rollup store (after warm-up), with its summary when computed. */
    private final ConcurrentSkipListMap<Long, Slot> buckets = new ConcurrentSkipListMap<>();
    private final AtomicLong versions = new AtomicLong();
    private volatile boolean complete;
    private final long historyMicros;
    /** Buckets before this one have no summary kept: the newest bucket seen minus the history. */
    private volatile long horizon = Long.MIN_VALUE;

    /** A bucket's summary (null until computed) and the version it was computed at. */
    private record Slot(long version, BucketSummary summary) {
    }

    /** Summaries of every bucket, however old (tests). */
    public RollupSummaries(QueryConfig defaultConfig) {
        this(defaultConfig, Duration.ofDays(365L * 1000));
    }

    /** @param history how far before the newest bucket summaries are kept (the service's {@code --history-days}) */
    public RollupSummaries(QueryConfig defaultConfig, Duration history) {
        this.defaultConfig = defaultConfig;
        this.summarizer = new BucketSummarizer(defaultConfig, false);
        this.historyMicros = history.toSeconds() * 1_000_000L + history.toNanosPart() / 1000;
    }

    /** Called for every rollup update: the bucket's summary is stale, and the bucket exists. */
    public void invalidate(long bucketStart) {
        long version = versions.incrementAndGet();
        advanceHorizon(bucketStart);
        if (bucketStart >= horizon) {
            buckets.put(bucketStart, new Slot(version, null));
        }
    }

    /** Moves the horizon to {@code newestBucket} minus the history when that is later, and forgets what fell behind. */
    private void advanceHorizon(long newestBucket) {
        long candidate = newestBucket - historyMicros;
        if (candidate > horizon) {
            synchronized (this) {
                if (candidate > horizon) {
                    horizon = candidate;
                    buckets.headMap(candidate).clear();
                }
            }
        }
    }

    /** The oldest bucket whose summary is kept (tests, logs). */
    public long horizon() {
        return horizon;
    }

    /** Forgets everything, e.g. when partitions move between instances. */
    public void clear() {
        complete = false;
        buckets.clear();
        versions.incrementAndGet();
    }

    /**
     * Grows with every rollup write and every {@link #clear()}: equal values mean the rollups (and so every report
     * computed from them) have not changed in between.
     */
    public long version() {
        return versions.get();
    }

    public boolean isComplete() {
        return complete;
    }

    public int size() {
        return buckets.size();
    }

    /** Whether {@code config} classifies exactly as the default (all-devices does not matter: summaries hold both). */
    public boolean servesConfig(QueryConfig config) {
        return config.hostFilter().isNone()
                && config.chtcOwned().hosts().equals(defaultConfig.chtcOwned().hosts())
                && config.exclusions().reasons().equals(defaultConfig.exclusions().reasons());
    }

    /** Learns every bucket of the store and summarises it; afterwards queries never scan the store for keys. */
    public void warmUp(ReadOnlyKeyValueStore<Long, BucketRollup> rollups) {
        long started = System.nanoTime();
        int computed = 0;
        // Keys first: the newest bucket sets the horizon before any summary is computed.
        List<Long> known = new ArrayList<>();
        try (KeyValueIterator<Long, BucketRollup> all = rollups.all()) {
            while (all.hasNext()) {
                known.add(all.next().key);
            }
        }
        known.stream().mapToLong(Long::longValue).max().ifPresent(this::advanceHorizon);
        for (long bucketStart : known) {
            if (bucketStart < horizon) {
                continue;
            }
            Slot slot = buckets.computeIfAbsent(bucketStart, key -> new Slot(versions.incrementAndGet(), null));
            if (slot.summary() == null) {
                // Read the value again, after the version: the iterator's value may predate an update whose
                // invalidation the slot already carries, and keeping its summary would keep a stale bucket.
                BucketRollup current = rollups.get(bucketStart);
                if (current != null) {
                    store(bucketStart, slot.version(), summarize(bucketStart, current));
                    computed++;
                }
            }
        }
        complete = true;
        LOG.info("Summarised {} buckets of the default configuration in {} ms ({} known)", computed,
                (System.nanoTime() - started) / 1_000_000, buckets.size());
    }

    private BucketSummary summarize(long bucketStart, BucketRollup rollup) {
        List<MachineDigest> digests = new ArrayList<>(rollup.entries().size());
        for (BucketRollup.Entry entry : rollup.entries()) {
            digests.add(entry.decode());
        }
        return summarizer.summarize(bucketStart, digests);
    }

    private void store(long bucketStart, long version, BucketSummary summary) {
        if (summary == null) {
            return;
        }
        // Keep it only if no update arrived while it was computed.
        buckets.computeIfPresent(bucketStart, (key, slot) -> slot.version() == version ? new Slot(version, summary) : slot);
    }

    /** As {@link #source(ReadOnlyKeyValueStore, Supplier)} with the edge digests at hand. */
    public SummarySource source(ReadOnlyKeyValueStore<Long, BucketRollup> rollups,
                                Map<Long, List<MachineDigest>> edgeDigests) {
        return source(rollups, () -> edgeDigests);
    }

    /**
     * The source a report reads on the rollup owner: edge buckets summarised from {@code edgeDigests} (every
     * instance's), inner buckets from memory when the configuration is the default, else from the rollup store.
     *
     * <p>An edge bucket whose cached summary shows every snapshot inside the window (or none) is an inner bucket (or
     * nothing), so {@code edgeDigests}, which reads host buckets on every instance, is asked only for edges the window
     * cuts through. Windows ending at the latest snapshot, the default, always end on such a bucket.
     */
    public SummarySource source(ReadOnlyKeyValueStore<Long, BucketRollup> rollups,
                                Supplier<Map<Long, List<MachineDigest>>> edgeDigests) {
        // A report visits its window twice (researcher machines, then the facts): summarise each cut edge once.
        Map<EdgeKey, Optional<BucketSummary>> edgeSummaries = new ConcurrentHashMap<>();
        return (window, config, legacySets, visitor) -> {
            BucketSummarizer edgeSummarizer = new BucketSummarizer(config, legacySets);
            Consumer<Long> visitEdge = bucketStart -> edgeSummaries.computeIfAbsent(
                    new EdgeKey(bucketStart, config, legacySets),
                    key -> Optional.ofNullable(summarizeEdge(edgeSummarizer, bucketStart, edgeDigests.get())))
                    .ifPresent(visitor);
            boolean cached = !legacySets && complete && servesConfig(config);
            long first = window.firstBucket();
            long last = window.lastBucket();
            if (!(cached && visitUncutEdge(first, window, visitor))) {
                visitEdge.accept(first);
            }
            if (last - first > SnapshotTime.BUCKET_MICROS) {
                long innerFirst = first + SnapshotTime.BUCKET_MICROS;
                long innerLast = last - SnapshotTime.BUCKET_MICROS;
                if (cached) {
                    long kept = horizon;
                    if (innerFirst < kept) {
                        visitStore(rollups, summarizer, innerFirst, Math.min(innerLast, kept - 1), visitor);
                    }
                    if (innerLast >= kept) {
                        visitCached(rollups, Math.max(innerFirst, kept), innerLast, visitor);
                    }
                } else {
                    BucketSummarizer innerSummarizer = servesConfig(config) && !legacySets ? summarizer
                            : new BucketSummarizer(config, legacySets);
                    visitStore(rollups, innerSummarizer, innerFirst, innerLast, visitor);
                }
            }
            if (last != first && !(cached && visitUncutEdge(last, window, visitor))) {
                visitEdge.accept(last);
            }
        };
    }

    /**
     * Visits an edge bucket from its cached summary when the window holds all of its snapshots, skips it when the
     * window holds none; false when the window cuts through it (or nothing is cached), and digests must decide.
     */
    private boolean visitUncutEdge(long bucketStart, QueryWindow window, Consumer<BucketSummary> visitor) {
        Slot slot = buckets.get(bucketStart);
        BucketSummary summary = slot == null ? null : slot.summary();
        if (summary == null) {
            return false;
        }
        if (summary.lastTimestamp() < window.startMicros() || summary.firstTimestamp() > window.endMicros()) {
            return true;
        }
        if (summary.firstTimestamp() >= window.startMicros() && summary.lastTimestamp() <= window.endMicros()) {
            visitor.accept(summary);
            return true;
        }
        return false;
    }

    /** An edge bucket as summarised under one configuration. */
    private record EdgeKey(long bucketStart, QueryConfig config, boolean legacySets) {
    }

    /** Null when no machine has an in-window snapshot there. */
    private static BucketSummary summarizeEdge(BucketSummarizer summarizer, long bucketStart,
                                               Map<Long, List<MachineDigest>> edgeDigests) {
        List<MachineDigest> digests = new ArrayList<>(edgeDigests.getOrDefault(bucketStart, List.of()));
        digests.sort(Comparator.comparing(MachineDigest::machine));
        return summarizer.summarize(bucketStart, digests);
    }

    private void visitCached(ReadOnlyKeyValueStore<Long, BucketRollup> rollups, long from, long to,
                             Consumer<BucketSummary> visitor) {
        for (Map.Entry<Long, Slot> entry : buckets.subMap(from, true, to, true).entrySet()) {
            Slot slot = entry.getValue();
            BucketSummary summary = slot.summary();
            if (summary == null) {
                BucketRollup rollup = rollups.get(entry.getKey());
                if (rollup == null) {
                    continue;
                }
                summary = summarize(entry.getKey(), rollup);
                store(entry.getKey(), slot.version(), summary);
            }
            if (summary != null) {
                visitor.accept(summary);
            }
        }
    }

    private void visitStore(ReadOnlyKeyValueStore<Long, BucketRollup> rollups, BucketSummarizer with, long from,
                            long to, Consumer<BucketSummary> visitor) {
        try (KeyValueIterator<Long, BucketRollup> range = rollups.range(from, to)) {
            while (range.hasNext()) {
                KeyValue<Long, BucketRollup> entry = range.next();
                List<MachineDigest> digests = new ArrayList<>(entry.value.entries().size());
                for (BucketRollup.Entry machine : entry.value.entries()) {
                    digests.add(machine.decode());
                }
                BucketSummary summary = with.summarize(entry.key, digests);
                if (summary != null) {
                    visitor.accept(summary);
                }
            }
        }
    }

    /** The window's rollup-owner source when nothing is cached (tests, other configurations). */
    public static SummarySource uncached(ReadOnlyKeyValueStore<Long, BucketRollup> rollups,
                                         Map<Long, List<MachineDigest>> edgeDigests) {
        return SummarySource.of(new StoreDigestSource(rollups, edgeDigests));
    }

}
