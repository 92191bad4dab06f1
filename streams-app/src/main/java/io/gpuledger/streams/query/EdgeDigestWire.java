package io.gpuledger.streams.query;

import io.gpuledger.streams.codec.BinaryReader;
import io.gpuledger.streams.codec.BinaryWriter;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.digest.MachineDigestCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code GET /internal/v1/edge-digests}: a format byte, the number of digests, then each digest as its
 * length and its {@link MachineDigestCodec} bytes. Each digest names its machine and bucket itself.
 */
public final class EdgeDigestWire {

    public static final String CONTENT_TYPE = "application/x-gpuledger-edge-digests";
    private static final int FORMAT = 1;

    private EdgeDigestWire() {
    }

    public static byte[] encode(List<MachineDigest> digests) {
        BinaryWriter out = new BinaryWriter(64 + digests.size() * 256);
        out.writeByte(FORMAT);
        out.writeVarInt(digests.size());
        for (MachineDigest digest : digests) {
            byte[] bytes = MachineDigestCodec.encode(digest);
            out.writeVarInt(bytes.length);
            out.writeBytes(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the body is not such a list (truncated, other format) */
    public static List<MachineDigest> decode(byte[] body) {
        BinaryReader in = new BinaryReader(body);
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown edge digest format " + format);
        }
        int count = in.readVarInt();
        List<MachineDigest> digests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.readVarInt();
            int offset = in.position();
            in.skip(length);
            digests.add(MachineDigestCodec.decode(body, offset, length));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after " + count + " edge digests");
        }
        return digests;
    }
}
