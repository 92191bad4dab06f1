package io.gpuledger.streams.bucket;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.streams.codec.BinaryReader;
import io.gpuledger.streams.codec.BinaryWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One snapshot's deduplicated rows, encoded on their own (a string table, then the rows in identity order). A host
 * bucket is a sequence of such blocks, so merging the next snapshot appends a block without decoding the others:
 * this is the hot path of a replay, once per record.
 *
 * <p>A block may point into a larger array (a stored bucket) and decodes its rows only when asked.
 */
final class SnapshotBlock {

    private static final int HAS_GPU_ID = 1;
    private static final int HAS_DEVICE = 1 << 1;
    private static final int HAS_MEMORY = 1 << 2;
    private static final int HAS_PP = 1 << 3;
    private static final int HAS_USAGE = 1 << 4;
    private static final int HAS_OWNER = 1 << 5;
    private static final int HAS_JOB = 1 << 6;
    private static final int HAS_REASON = 1 << 7;
    private static final int HAS_DISK = 1 << 8;

    final long timestampMicros;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private List<SlotGpuRow> rows;

    private SnapshotBlock(long timestampMicros, byte[] bytes, int offset, int length, List<SlotGpuRow> rows) {
        this.timestampMicros = timestampMicros;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.rows = rows;
    }

    /** A block over bytes written by {@link #writeTo}. */
    static SnapshotBlock wrap(long timestampMicros, byte[] bytes, int offset, int length) {
        return new SnapshotBlock(timestampMicros, bytes, offset, length, null);
    }

    /** A block of rows already deduplicated and in identity order. */
    static SnapshotBlock of(long timestampMicros, Collection<SlotGpuRow> rowsInIdentityOrder) {
        byte[] encoded = encode(rowsInIdentityOrder);
        return new SnapshotBlock(timestampMicros, encoded, 0, encoded.length,
                Collections.unmodifiableList(new ArrayList<>(rowsInIdentityOrder)));
    }

    List<SlotGpuRow> rows() {
        if (rows == null) {
            rows = Collections.unmodifiableList(decode(bytes, offset, length));
        }
        return rows;
    }

    int rowCount() {
        return rows != null ? rows.size() : new BinaryReader(bytes, offset, length).readVarInt();
    }

    int encodedLength() {
        return length;
    }

    void writeTo(BinaryWriter out) {
        out.writeBytes(bytes, offset, length);
    }

    private static byte[] encode(Collection<SlotGpuRow> rows) {
        Map<String, Integer> indexes = new HashMap<>();
        List<String> table = new ArrayList<>();
        BinaryWriter body = new BinaryWriter(16 + rows.size() * 24);
        for (SlotGpuRow row : rows) {
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
        BinaryWriter out = new BinaryWriter(body.size() + table.size() * 24 + 8);
        out.writeVarInt(rows.size());
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

    private static List<SlotGpuRow> decode(byte[] bytes, int offset, int length) {
        BinaryReader in = new BinaryReader(bytes, offset, length);
        int rowCount = in.readVarInt();
        String[] table = new String[in.readVarInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = in.readString();
        }
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
        return rows;
    }
}
