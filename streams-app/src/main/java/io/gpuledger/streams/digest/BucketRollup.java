package io.gpuledger.streams.digest;

import io.gpuledger.streams.codec.BinaryReader;
import io.gpuledger.streams.codec.BinaryWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Every machine's digest of one 15-minute bucket, in machine order: the value of the {@code bucket-rollups} store.
 * A report over a long window reads one rollup per bucket instead of one host-bucket per machine and bucket (architecture §1,
 * "rollups").
 *
 * <p>Upserting a machine's newer digest replaces its older one: the host-bucket a digest summarises only grows, and
 * all digests of one machine travel in order through one partition, so the last one written is the most complete.
 * The bytes are kept as they are; entries are parsed on demand.
 */
public final class BucketRollup {

    private static final int VERSION = 1;

    /**
     * One machine's entry: its name and encoded digest, a slice of the stored value (no copy on read: a rollup is
     * read and rewritten once per machine update).
     */
    public record Entry(String machine, byte[] source, int offset, int length) {
        Entry(String machine, byte[] digest) {
            this(machine, digest, 0, digest.length);
        }

        public MachineDigest decode() {
            return MachineDigestCodec.decode(source, offset, length);
        }

        public MachineDigestCodec.Header header() {
            return MachineDigestCodec.readHeader(source, offset, length);
        }

        /** A copy of the encoded digest. */
        public byte[] digest() {
            return java.util.Arrays.copyOfRange(source, offset, offset + length);
        }
    }

    private final List<Entry> entries;

    private BucketRollup(List<Entry> entries) {
        this.entries = entries;
    }

    public static BucketRollup empty() {
        return new BucketRollup(List.of());
    }

    public List<Entry> entries() {
        return entries;
    }

    /** A rollup with {@code machine}'s digest replaced by (or added as) {@code digest}. */
    public BucketRollup with(String machine, byte[] digest) {
        List<Entry> updated = new ArrayList<>(entries.size() + 1);
        boolean placed = false;
        for (Entry entry : entries) {
            int order = entry.machine().compareTo(machine);
            if (!placed && order >= 0) {
                updated.add(new Entry(machine, digest));
                placed = true;
                if (order == 0) {
                    continue;
                }
            }
            updated.add(entry);
        }
        if (!placed) {
            updated.add(new Entry(machine, digest));
        }
        return new BucketRollup(List.copyOf(updated));
    }

    public byte[] encode() {
        int size = 8;
        for (Entry entry : entries) {
            size += entry.machine().length() * 3 + entry.length() + 10;
        }
        BinaryWriter out = new BinaryWriter(size);
        out.writeByte(VERSION);
        out.writeVarInt(entries.size());
        for (Entry entry : entries) {
            out.writeString(entry.machine());
            out.writeVarInt(entry.length());
            out.writeBytes(entry.source(), entry.offset(), entry.length());
        }
        return out.toByteArray();
    }

    public static BucketRollup decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown bucket-rollup format version " + version);
        }
        int count = in.readVarInt();
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String machine = in.readString();
            int length = in.readVarInt();
            entries.add(new Entry(machine, bytes, in.position(), length));
            in.skip(length);
        }
        return new BucketRollup(List.copyOf(entries));
    }

    /** Kafka serde for the store and its changelog. */
    public static final class RollupSerde implements Serde<BucketRollup> {
        @Override
        public Serializer<BucketRollup> serializer() {
            return (topic, rollup) -> rollup == null ? null : rollup.encode();
        }

        @Override
        public Deserializer<BucketRollup> deserializer() {
            return (topic, bytes) -> bytes == null ? null : decode(bytes);
        }
    }
}
