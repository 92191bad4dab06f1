package io.gpuledger.streams.topology;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.digest.BucketRollup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rollups of buckets that have left the history: once stream time is more than the history past a bucket's
 * end, the windowed store no longer accepts snapshots for it (its grace is the history) and reports refuse windows
 * reaching it (rules §3.1), so its rollup can only take space. Runs on stream time, so a replay of old months prunes
 * as it goes, exactly as the host-bucket store drops its old segments.
 */
final class RollupExpiry implements Processor<Long, BucketRollup, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupExpiry.class);
    private static final Duration BUCKET = Duration.ofMinutes(SnapshotTime.BUCKET_MINUTES);

    private final HistoryHorizon horizon;
    private KeyValueStore<Long, ValueAndTimestamp<BucketRollup>> rollups;

    RollupExpiry(Duration history) {
        this.horizon = new HistoryHorizon(history);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        rollups = context.getStateStore(GpuLedgerTopology.BUCKET_ROLLUPS);
        context.schedule(BUCKET, PunctuationType.STREAM_TIME, this::expireBefore);
    }

    /** {@code streamTime} is epoch millis of naive snapshot times read as UTC, like every record timestamp here. */
    private void expireBefore(long streamTime) {
        long firstKeptMicros = horizon.firstKeptBucketStartMillis(streamTime) * 1000L;
        if (firstKeptMicros <= 0) {
            return;
        }
        List<Long> expired = new ArrayList<>();
        try (KeyValueIterator<Long, ValueAndTimestamp<BucketRollup>> old = rollups.range(0L, firstKeptMicros - 1)) {
            while (old.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<BucketRollup>> entry = old.next();
                expired.add(entry.key);
            }
        }
        expired.forEach(rollups::delete);
        if (!expired.isEmpty()) {
            LOG.debug("Deleted {} rollups of buckets before {}", expired.size(),
                    SnapshotTime.formatSeconds(SnapshotTime.fromMicros(firstKeptMicros)));
        }
    }

    @Override
    public void process(Record<Long, BucketRollup> record) {
        // Only the punctuation works: rollup changes pass through the store, not through here.
    }
}
