package io.gpuledger.streams.digest;

import io.gpuledger.ingest.classify.GpuKind;
import io.gpuledger.ingest.classify.MemoryCategory;
import io.gpuledger.streams.codec.BinaryReader;
import io.gpuledger.streams.codec.BinaryWriter;
import io.gpuledger.streams.digest.MachineDigest.BackfillUserCell;
import io.gpuledger.streams.digest.MachineDigest.DeviceCell;
import io.gpuledger.streams.digest.MachineDigest.DrainPoint;
import io.gpuledger.streams.digest.MachineDigest.GpuSet;
import io.gpuledger.streams.digest.MachineDigest.H200UserCell;
import io.gpuledger.streams.digest.MachineDigest.MemoryCell;
import io.gpuledger.streams.digest.MachineDigest.PreventedGpu;
import io.gpuledger.streams.digest.MachineDigest.ZeroActiveFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a {@link MachineDigest}. The header (machine, bucket, counts, flags) comes first so that a reader
 * needing only the researcher flag can stop early ({@link #readHeader}).
 */
public final class MachineDigestCodec {

    private static final int VERSION = 1;
    private static final int FLAG_RESEARCHER = 1;
    private static final int FLAG_H200 = 2;
    private static final int FLAG_NON_OLD = 4;
    private static final int FLAG_BACKFILL_ROWS = 8;

    private static final GpuKind[] KINDS = GpuKind.values();
    private static final MemoryCategory[] CATEGORIES = MemoryCategory.values();

    private MachineDigestCodec() {
    }

    /** The part of a digest read before deciding anything: who, when, and the researcher flag. */
    public record Header(String machine, long bucketStartMicros, int rowCount, long firstTimestamp,
                         long lastTimestamp, boolean researcherRow, boolean h200Row, boolean nonOldRow) {
    }

    public static byte[] encode(MachineDigest digest) {
        BinaryWriter out = new BinaryWriter(256);
        out.writeByte(VERSION);
        out.writeString(digest.machine());
        out.writeSignedVarLong(digest.bucketStartMicros());
        out.writeVarInt(digest.rowCount());
        out.writeVarLong(digest.firstTimestamp() - digest.bucketStartMicros());
        out.writeVarLong(digest.lastTimestamp() - digest.bucketStartMicros());
        int flags = (digest.researcherRow() ? FLAG_RESEARCHER : 0) | (digest.h200Row() ? FLAG_H200 : 0)
                | (digest.nonOldRow() ? FLAG_NON_OLD : 0)
                | (digest.zeroActive().backfillRows() ? FLAG_BACKFILL_ROWS : 0);
        out.writeByte(flags);

        // Strings other than GPU ids: devices, users, projects, reasons.
        Map<String, Integer> indexes = new HashMap<>();
        List<String> table = new ArrayList<>();
        for (DeviceCell cell : digest.deviceCells()) {
            index(cell.device(), indexes, table);
        }
        for (H200UserCell cell : digest.h200Users()) {
            index(cell.user(), indexes, table);
        }
        for (BackfillUserCell cell : digest.backfillUsers()) {
            index(cell.user(), indexes, table);
        }
        digest.zeroActive().deviceRows().keySet().forEach(device -> index(device, indexes, table));
        digest.zeroActive().prioritizedProjects().forEach(pp -> index(pp, indexes, table));
        for (PreventedGpu prevented : digest.preventedGpus()) {
            index(prevented.reason(), indexes, table);
        }
        out.writeVarInt(table.size());
        table.forEach(out::writeString);
        out.writeVarInt(digest.gpuIds().size());
        digest.gpuIds().forEach(out::writeString);

        out.writeVarInt(digest.deviceCells().size());
        for (DeviceCell cell : digest.deviceCells()) {
            out.writeByte(cell.kind().ordinal());
            out.writeVarInt(indexes.get(cell.device()));
            out.writeVarInt(cell.available()).writeVarInt(cell.claimed()).writeVarInt(cell.drained())
                    .writeVarInt(cell.prevented());
        }
        out.writeVarInt(digest.memoryCells().size());
        for (MemoryCell cell : digest.memoryCells()) {
            out.writeByte((cell.nonOldOnly() ? 0x10 : 0) | cell.category().ordinal());
            out.writeVarInt(cell.available()).writeVarInt(cell.claimed()).writeVarInt(cell.drained());
        }
        out.writeVarInt(digest.h200Users().size());
        for (H200UserCell cell : digest.h200Users()) {
            out.writeVarInt(indexes.get(cell.user()));
            out.writeByte(cell.kind().ordinal());
            out.writeVarInt(cell.gpus());
        }
        out.writeVarInt(digest.backfillUsers().size());
        for (BackfillUserCell cell : digest.backfillUsers()) {
            out.writeVarInt(indexes.get(cell.user()));
            out.writeByte(cell.nonOldOnly() ? 1 : 0);
            out.writeVarInt(cell.gpus());
        }
        for (GpuSet set : digest.legacyClaimed()) {
            out.writeLongs(set.words());
        }
        for (GpuSet set : digest.legacyUnclaimed()) {
            out.writeLongs(set.words());
        }
        ZeroActiveFacts zeroActive = digest.zeroActive();
        out.writeLongs(zeroActive.primaryGpus().words());
        out.writeLongs(zeroActive.primaryClaimedGpus().words());
        out.writeVarInt(zeroActive.primaryObservations());
        out.writeVarInt(zeroActive.deviceRows().size());
        zeroActive.deviceRows().forEach((device, rows) -> out.writeVarInt(indexes.get(device)).writeVarInt(rows));
        out.writeVarInt(zeroActive.prioritizedProjects().size());
        zeroActive.prioritizedProjects().forEach(pp -> out.writeVarInt(indexes.get(pp)));
        out.writeVarInt(zeroActive.backfillClaimedGpus());
        out.writeVarInt(digest.drainPoints().size());
        for (DrainPoint point : digest.drainPoints()) {
            out.writeVarInt(point.gpu());
            out.writeVarLong(point.timestampMicros() - digest.bucketStartMicros());
        }
        out.writeVarInt(digest.preventedGpus().size());
        for (PreventedGpu prevented : digest.preventedGpus()) {
            out.writeVarInt(prevented.gpu());
            out.writeVarInt(indexes.get(prevented.reason()));
        }
        out.writeSignedVarLong(digest.lastPreventedTimestamp() < 0 ? -1
                : digest.lastPreventedTimestamp() - digest.bucketStartMicros());
        return out.toByteArray();
    }

    private static void index(String value, Map<String, Integer> indexes, List<String> table) {
        if (!indexes.containsKey(value)) {
            indexes.put(value, table.size());
            table.add(value);
        }
    }

    public static Header readHeader(byte[] bytes, int offset, int length) {
        return readHeader(new BinaryReader(bytes, offset, length));
    }

    private static Header readHeader(BinaryReader in) {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown digest format version " + version);
        }
        String machine = in.readString();
        long bucketStart = in.readSignedVarLong();
        int rowCount = in.readVarInt();
        long first = bucketStart + in.readVarLong();
        long last = bucketStart + in.readVarLong();
        int flags = in.readByte();
        return new Header(machine, bucketStart, rowCount, first, last, (flags & FLAG_RESEARCHER) != 0,
                (flags & FLAG_H200) != 0, (flags & FLAG_NON_OLD) != 0);
    }

    public static MachineDigest decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static MachineDigest decode(byte[] bytes, int offset, int length) {
        BinaryReader in = new BinaryReader(bytes, offset, length);
        Header header = readHeader(in);
        int flagsPosition = in.position() - 1;
        boolean backfillRows = (bytes[flagsPosition] & FLAG_BACKFILL_ROWS) != 0;
        long bucketStart = header.bucketStartMicros();
        String[] table = new String[in.readVarInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = in.readString();
        }
        int gpuCount = in.readVarInt();
        List<String> gpuIds = new ArrayList<>(gpuCount);
        for (int i = 0; i < gpuCount; i++) {
            gpuIds.add(in.readString());
        }
        int deviceCellCount = in.readVarInt();
        List<DeviceCell> deviceCells = new ArrayList<>(deviceCellCount);
        for (int i = 0; i < deviceCellCount; i++) {
            GpuKind kind = KINDS[in.readByte()];
            String device = table[in.readVarInt()];
            deviceCells.add(new DeviceCell(kind, device, in.readVarInt(), in.readVarInt(), in.readVarInt(),
                    in.readVarInt()));
        }
        int memoryCellCount = in.readVarInt();
        List<MemoryCell> memoryCells = new ArrayList<>(memoryCellCount);
        for (int i = 0; i < memoryCellCount; i++) {
            int key = in.readByte();
            memoryCells.add(new MemoryCell((key & 0x10) != 0, CATEGORIES[key & 0x0F], in.readVarInt(),
                    in.readVarInt(), in.readVarInt()));
        }
        int h200Count = in.readVarInt();
        List<H200UserCell> h200Users = new ArrayList<>(h200Count);
        for (int i = 0; i < h200Count; i++) {
            String user = table[in.readVarInt()];
            h200Users.add(new H200UserCell(user, KINDS[in.readByte()], in.readVarInt()));
        }
        int backfillCount = in.readVarInt();
        List<BackfillUserCell> backfillUsers = new ArrayList<>(backfillCount);
        for (int i = 0; i < backfillCount; i++) {
            String user = table[in.readVarInt()];
            backfillUsers.add(new BackfillUserCell(user, in.readByte() == 1, in.readVarInt()));
        }
        List<GpuSet> legacyClaimed = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            legacyClaimed.add(new GpuSet(in.readLongs()));
        }
        List<GpuSet> legacyUnclaimed = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            legacyUnclaimed.add(new GpuSet(in.readLongs()));
        }
        GpuSet primaryGpus = new GpuSet(in.readLongs());
        GpuSet primaryClaimed = new GpuSet(in.readLongs());
        int observations = in.readVarInt();
        int deviceRowCount = in.readVarInt();
        Map<String, Integer> deviceRows = new LinkedHashMap<>();
        for (int i = 0; i < deviceRowCount; i++) {
            deviceRows.put(table[in.readVarInt()], in.readVarInt());
        }
        int ppCount = in.readVarInt();
        List<String> projects = new ArrayList<>(ppCount);
        for (int i = 0; i < ppCount; i++) {
            projects.add(table[in.readVarInt()]);
        }
        int backfillClaimed = in.readVarInt();
        int drainCount = in.readVarInt();
        List<DrainPoint> drainPoints = new ArrayList<>(drainCount);
        for (int i = 0; i < drainCount; i++) {
            drainPoints.add(new DrainPoint(in.readVarInt(), bucketStart + in.readVarLong()));
        }
        int preventedCount = in.readVarInt();
        List<PreventedGpu> prevented = new ArrayList<>(preventedCount);
        for (int i = 0; i < preventedCount; i++) {
            prevented.add(new PreventedGpu(in.readVarInt(), table[in.readVarInt()]));
        }
        long lastPrevented = in.readSignedVarLong();
        return new MachineDigest(header.machine(), bucketStart, header.rowCount(), header.firstTimestamp(),
                header.lastTimestamp(), header.researcherRow(), header.h200Row(), header.nonOldRow(),
                List.copyOf(gpuIds), List.copyOf(deviceCells), List.copyOf(memoryCells), List.copyOf(h200Users),
                List.copyOf(backfillUsers), List.copyOf(legacyClaimed), List.copyOf(legacyUnclaimed),
                new ZeroActiveFacts(primaryGpus, primaryClaimed, observations,
                        java.util.Collections.unmodifiableMap(deviceRows), List.copyOf(projects), backfillClaimed,
                        backfillRows),
                List.copyOf(drainPoints), List.copyOf(prevented), lastPrevented < 0 ? -1 : bucketStart + lastPrevented);
    }
}
