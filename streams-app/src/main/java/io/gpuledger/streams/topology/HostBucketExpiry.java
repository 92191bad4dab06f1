package io.gpuledger.streams.topology;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.bucket.HostBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes host-buckets that have left the history ({@link HistoryHorizon}), on stream time. The host-bucket
 * changelog is compacted and never deleted by age (a broker measures age by wall clock against the historical
 * record timestamps, which would lose every replayed month): these deletions are its tombstones, so the changelog
 * holds what the store holds and no more. The store's own retention is a day longer than the history, so its
 * segments drop only what this has already deleted.
 */
final class HostBucketExpiry implements Processor<Windowed<String>, HostBucket, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(HostBucketExpiry.class);
    private static final Duration BUCKET = Duration.ofMinutes(SnapshotTime.BUCKET_MINUTES);

    private final HistoryHorizon horizon;
    private TimestampedWindowStore<String, HostBucket> hostBuckets;
    /** Bucket starts before this were deleted by this task already (from 0 after each start: deletes are idempotent). */
    private long expiredBeforeMillis;

    HostBucketExpiry(Duration history) {
        this.horizon = new HistoryHorizon(history);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        hostBuckets = context.getStateStore(GpuLedgerTopology.HOST_BUCKETS);
        context.schedule(BUCKET, PunctuationType.STREAM_TIME, this::expireBefore);
    }

    private void expireBefore(long streamTime) {
        long firstKept = horizon.firstKeptBucketStartMillis(streamTime);
        if (firstKept <= expiredBeforeMillis) {
            return;
        }
        List<Windowed<String>> expired = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<HostBucket>> old = hostBuckets.fetchAll(
                Instant.ofEpochMilli(Math.max(0, expiredBeforeMillis)), Instant.ofEpochMilli(firstKept - 1))) {
            while (old.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<HostBucket>> entry = old.next();
                expired.add(entry.key);
            }
        }
        for (Windowed<String> window : expired) {
            hostBuckets.put(window.key(), null, window.window().start());
        }
        expiredBeforeMillis = firstKept;
        if (!expired.isEmpty()) {
            LOG.debug("Deleted {} host-buckets of buckets before {}", expired.size(),
                    SnapshotTime.formatSeconds(SnapshotTime.fromMicros(firstKept * 1000L)));
        }
    }

    @Override
    public void process(Record<Windowed<String>, HostBucket> record) {
        // Only the punctuation works: host-bucket changes pass through the store, not through here.
    }
}
