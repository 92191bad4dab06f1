package io.gpuledger.streams.topology;

import io.gpuledger.ingest.live.SnapshotPublisher;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Freshness for the live path: a snapshot published by {@code ingest live} carries the
 * {@value SnapshotPublisher#LIVE_HEADER} header, and the task asks for a commit right after it, which flushes the
 * host-bucket cache into the rollups at once instead of at the next commit interval. Replayed history has no header
 * and keeps the interval's batching (and its throughput). A collection is a few hundred records, so the extra commits
 * are one or two per collection, not one per record: Kafka Streams commits once after the batch it is processing.
 */
final class LiveCommitRequest implements FixedKeyProcessor<String, HostSnapshot, HostSnapshot> {

    private FixedKeyProcessorContext<String, HostSnapshot> context;

    @Override
    public void init(FixedKeyProcessorContext<String, HostSnapshot> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, HostSnapshot> record) {
        context.forward(record);
        if (record.headers().lastHeader(SnapshotPublisher.LIVE_HEADER) != null) {
            context.commit();
        }
    }
}
