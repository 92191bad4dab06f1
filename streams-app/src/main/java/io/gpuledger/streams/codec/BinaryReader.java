package io.gpuledger.streams.codec;

import java.nio.charset.StandardCharsets;

/** Reads what {@link BinaryWriter} wrote. Truncated or malformed input is an {@link IllegalArgumentException}. */
public final class BinaryReader {

    private final byte[] buffer;
    private int position;
    private final int limit;

    public BinaryReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public BinaryReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    private void require(int bytes) {
        if (position + bytes > limit) {
            throw new IllegalArgumentException("truncated store value at byte " + position);
        }
    }

    public int readByte() {
        require(1);
        return buffer[position++] & 0xFF;
    }

    public long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            require(1);
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint at byte " + position);
    }

    public int readVarInt() {
        long value = readVarLong();
        if (value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("varint out of int range at byte " + position);
        }
        return (int) value;
    }

    public long readSignedVarLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    public long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buffer[position++] & 0xFF);
        }
        return value;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public String readString() {
        int length = readVarInt();
        require(length);
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public long[] readLongs() {
        int length = readVarInt();
        long[] words = new long[length];
        for (int i = 0; i < length; i++) {
            words[i] = readVarLong();
        }
        return words;
    }

    /** Skips {@code length} bytes, e.g. a section the caller does not need. */
    public void skip(int length) {
        require(length);
        position += length;
    }

    public int position() {
        return position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    public byte[] buffer() {
        return buffer;
    }
}
