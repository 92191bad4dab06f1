package io.gpuledger.streams.topology;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.Duration;

/**
 * Which buckets the history still holds, on stream time: the one rule the host-bucket and the rollup expiry follow.
 * A bucket {@code [start, start + 15 min)} takes snapshots while its end is within the history of stream time (the
 * windowed store's grace is the history), and reports refuse windows that reach before the history; once stream
 * time is more than the history past a bucket's end, the bucket can no longer change nor be asked for.
 *
 * <p>Times are epoch millis of naive snapshot times read as UTC, like every record timestamp here.
 */
record HistoryHorizon(Duration history) {

    private static final long BUCKET_MILLIS = Duration.ofMinutes(SnapshotTime.BUCKET_MINUTES).toMillis();

    /** The first bucket start still kept at {@code streamTimeMillis}; every earlier bucket has expired. */
    long firstKeptBucketStartMillis(long streamTimeMillis) {
        return streamTimeMillis - history.toMillis() - BUCKET_MILLIS;
    }
}
