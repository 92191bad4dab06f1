package io.gpuledger.streams.bucket;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.streams.codec.BinaryReader;
import io.gpuledger.streams.codec.BinaryWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of a {@link HostBucket}: a string table (slot names, ids, devices, users repeat across a bucket's
 * snapshots) followed by snapshots and rows that refer to it. Canonical: equal buckets encode to equal bytes, whatever
 * order their snapshots were merged in.
 */
public final class HostBucketCodec implements Serde<HostBucket> {

    private static final int VERSION = 1;

    private static final int HAS_GPU_ID = 1;
    private static final int HAS_DEVICE = 1 << 1;
    private static final int HAS_MEMORY = 1 << 2;
    private static final int HAS_PP = 1 << 3;
    private static final int HAS_USAGE = 1 << 4;
    private static final int HAS_OWNER = 1 << 5;
    private static final int HAS_JOB = 1 << 6;
    private static final int HAS_REASON = 1 << 7;
    private static final int HAS_DISK = 1 << 8;

    public static byte[] encode(HostBucket bucket) {
        List<HostBucket.Snapshot> snapshots = bucket.snapshots();
        Map<String, Integer> indexes = new HashMap<>();
        List<String> table = new ArrayList<>();
        table.add(bucket.machine());
        indexes.put(bucket.machine(), 0);
        BinaryWriter body = new BinaryWriter(64 + bucket.rowCount() * 24);
        body.writeVarInt(snapshots.size());
        long previous = 0;
        for (HostBucket.Snapshot snapshot : snapshots) {
            body.writeSignedVarLong(snapshot.timestampMicros() - previous);
            previous = snapshot.timestampMicros();
            body.writeVarInt(snapshot.rows().size());
            for (SlotGpuRow row : snapshot.rows()) {
                int presence = (row.gpuId() != null ? HAS_GPU_ID : 0)
                        | (row.deviceName() != null ? HAS_DEVICE : 0)
                        | (row.memoryMb() != null ? HAS_MEMORY : 0)
                        | (row.prioritizedProjects() != null ? HAS_PP : 0)
                        | (row.gpusAverageUsage() != null ? HAS_USAGE : 0)
                        | (row.remoteOwner() != null ? HAS_OWNER : 0)
                        | (row.globalJobId() != null ? HAS_JOB : 0)
                        | (row.preventJobsReason() != null ? HAS_REASON : 0)
                        | (row.disk() != null ? HAS_DISK : 0);
                body.writeVarInt(presence);
                body.writeVarInt(index(row.name(), indexes, table));
                body.writeVarInt(index(row.state(), indexes, table));
                if (row.gpuId() != null) {
                    body.writeVarInt(index(row.gpuId(), indexes, table));
                }
                if (row.deviceName() != null) {
                    body.writeVarInt(index(row.deviceName(), indexes, table));
                }
                if (row.memoryMb() != null) {
                    body.writeSignedVarLong(row.memoryMb());
                }
                if (row.prioritizedProjects() != null) {
                    body.writeVarInt(index(row.prioritizedProjects(), indexes, table));
                }
                if (row.gpusAverageUsage() != null) {
                    body.writeDouble(row.gpusAverageUsage());
                }
                if (row.remoteOwner() != null) {
                    body.writeVarInt(index(row.remoteOwner(), indexes, table));
                }
                if (row.globalJobId() != null) {
                    body.writeVarInt(index(row.globalJobId(), indexes, table));
                }
                if (row.preventJobsReason() != null) {
                    body.writeVarInt(index(row.preventJobsReason(), indexes, table));
                }
                if (row.disk() != null) {
                    body.writeSignedVarLong(row.disk());
                }
            }
        }
        BinaryWriter out = new BinaryWriter(body.size() + table.size() * 24 + 8);
        out.writeByte(VERSION);
        out.writeVarInt(table.size());
        for (String value : table) {
            out.writeString(value);
        }
        byte[] bodyBytes = body.toByteArray();
        out.writeBytes(bodyBytes, 0, bodyBytes.length);
        return out.toByteArray();
    }

    private static int index(String value, Map<String, Integer> indexes, List<String> table) {
        Integer index = indexes.get(value);
        if (index == null) {
            index = table.size();
            indexes.put(value, index);
            table.add(value);
        }
        return index;
    }

    public static HostBucket decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown host-bucket format version " + version);
        }
        String[] table = new String[in.readVarInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = in.readString();
        }
        HostBucket bucket = HostBucket.empty(table[0]);
        int snapshotCount = in.readVarInt();
        long timestamp = 0;
        for (int s = 0; s < snapshotCount; s++) {
            timestamp += in.readSignedVarLong();
            int rowCount = in.readVarInt();
            List<SlotGpuRow> rows = new ArrayList<>(rowCount);
            for (int r = 0; r < rowCount; r++) {
                int presence = in.readVarInt();
                String name = table[in.readVarInt()];
                String state = table[in.readVarInt()];
                String gpuId = (presence & HAS_GPU_ID) != 0 ? table[in.readVarInt()] : null;
                String device = (presence & HAS_DEVICE) != 0 ? table[in.readVarInt()] : null;
                Long memory = (presence & HAS_MEMORY) != 0 ? in.readSignedVarLong() : null;
                String pp = (presence & HAS_PP) != 0 ? table[in.readVarInt()] : null;
                Double usage = (presence & HAS_USAGE) != 0 ? in.readDouble() : null;
                String owner = (presence & HAS_OWNER) != 0 ? table[in.readVarInt()] : null;
                String job = (presence & HAS_JOB) != 0 ? table[in.readVarInt()] : null;
                String reason = (presence & HAS_REASON) != 0 ? table[in.readVarInt()] : null;
                Long disk = (presence & HAS_DISK) != 0 ? in.readSignedVarLong() : null;
                rows.add(new SlotGpuRow(name, gpuId, state, device, memory, pp, usage, owner, job, reason, disk));
            }
            bucket.mergeRows(timestamp, rows);
        }
        return bucket;
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
