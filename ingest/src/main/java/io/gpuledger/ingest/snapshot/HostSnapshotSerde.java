package io.gpuledger.ingest.snapshot;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for the topic value: {@link HostSnapshotJson}. */
public final class HostSnapshotSerde implements Serde<HostSnapshot> {

    @Override
    public Serializer<HostSnapshot> serializer() {
        return (topic, snapshot) -> snapshot == null ? null : HostSnapshotJson.toBytes(snapshot);
    }

    @Override
    public Deserializer<HostSnapshot> deserializer() {
        return (topic, bytes) -> bytes == null ? null : HostSnapshotJson.fromBytes(bytes);
    }
}
