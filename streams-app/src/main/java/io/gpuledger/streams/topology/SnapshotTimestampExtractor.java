package io.gpuledger.streams.topology;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the snapshot's own naive timestamp read as UTC (architecture §1, Time), whatever the producer put in the
 * record timestamp: 15-minute windows then fall exactly on wall-clock buckets.
 */
public final class SnapshotTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof HostSnapshot snapshot) {
            return SnapshotTime.toRecordMillis(snapshot.timestamp());
        }
        return record.timestamp();
    }
}
