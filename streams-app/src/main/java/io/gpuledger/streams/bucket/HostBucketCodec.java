package io.gpuledger.streams.bucket;

import io.gpuledger.streams.codec.BinaryReader;
import io.gpuledger.streams.codec.BinaryWriter;
import java.util.ArrayList;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of a {@link HostBucket}: the machine, then its snapshot blocks in time order, each self-contained
 * (timestamp, length, block bytes). Decoding only indexes the blocks; their rows are decoded when first read, so the
 * aggregator's read-merge-write of a stored bucket costs about one snapshot's rows. Equal buckets encode to equal
 * bytes, whatever order their snapshots were merged in.
 */
public final class HostBucketCodec implements Serde<HostBucket> {

    private static final int VERSION = 2;

    public static byte[] encode(HostBucket bucket) {
        int size = 16 + bucket.machine().length() * 3;
        for (SnapshotBlock block : bucket.blocks()) {
            size += block.encodedLength() + 16;
        }
        BinaryWriter out = new BinaryWriter(size);
        out.writeByte(VERSION);
        out.writeString(bucket.machine());
        out.writeVarInt(bucket.blocks().size());
        long previous = 0;
        for (SnapshotBlock block : bucket.blocks()) {
            out.writeSignedVarLong(block.timestampMicros - previous);
            previous = block.timestampMicros;
            out.writeVarInt(block.encodedLength());
            block.writeTo(out);
        }
        return out.toByteArray();
    }

    public static HostBucket decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown host-bucket format version " + version);
        }
        String machine = in.readString();
        int count = in.readVarInt();
        ArrayList<SnapshotBlock> blocks = new ArrayList<>(count + 1);
        long timestamp = 0;
        for (int i = 0; i < count; i++) {
            timestamp += in.readSignedVarLong();
            int length = in.readVarInt();
            blocks.add(SnapshotBlock.wrap(timestamp, bytes, in.position(), length));
            in.skip(length);
        }
        return new HostBucket(machine, blocks);
    }

    @Override
    public Serializer<HostBucket> serializer() {
        return (topic, bucket) -> bucket == null ? null : encode(bucket);
    }

    @Override
    public Deserializer<HostBucket> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
