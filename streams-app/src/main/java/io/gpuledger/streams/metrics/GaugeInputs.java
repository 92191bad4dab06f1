package io.gpuledger.streams.metrics;

import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.SummarySource;
import java.util.function.LongConsumer;

/**
 * What the allocation series read: the rollups of the instance that owns them, and whole-bucket digests of any
 * bucket from every instance. Live gauges read edge buckets from the host-buckets (fresher than the rollups, like the
 * report API); history reads whole buckets from the rollups alone.
 */
public interface GaugeInputs {

    /** Whether this instance owns the bucket rollups, and so computes the allocation series. */
    boolean ownsRollups();

    /** The latest snapshot in the rollups (the report API's default end, rules §3.1), naive micros; -1 when empty. */
    long latestSnapshotMicros();

    /** The earliest bucket in the rollups, naive micros; -1 when empty. */
    long earliestBucketMicros();

    /** The service's configured CHTC list and exclusions, no host filter, old devices filtered. */
    QueryConfig config();

    /**
     * A source for any window, as the report API reads it: edge buckets from the host-buckets of every instance
     * (restricted to the window), inner buckets from the rollups.
     */
    SummarySource liveSource();

    /** A source for bucket-aligned windows reading every bucket from the rollups. */
    SummarySource historySource();

    /** Visits the start of every bucket with data in {@code [fromBucket, toBucket]}, in time order. */
    void forEachBucket(long fromBucket, long toBucket, LongConsumer visitor);
}
