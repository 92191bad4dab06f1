package io.gpuledger.streams.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends varints, strings and raw bytes to a growable buffer. The store values of gpuledger are written with it:
 * compact (most numbers are small) and without per-field allocation.
 */
public final class BinaryWriter {

    private byte[] buffer;
    private int size;

    public BinaryWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public BinaryWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Unsigned LEB128; negative values take ten bytes, so callers keep values non-negative. */
    public BinaryWriter writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
        return this;
    }

    public BinaryWriter writeVarInt(int value) {
        return writeVarLong(value & 0xFFFFFFFFL);
    }

    /** Zig-zag encoded, for values that may be negative. */
    public BinaryWriter writeSignedVarLong(long value) {
        return writeVarLong((value << 1) ^ (value >> 63));
    }

    public BinaryWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public BinaryWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public BinaryWriter writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(utf8.length);
        return writeBytes(utf8, 0, utf8.length);
    }

    public BinaryWriter writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    public BinaryWriter writeLongs(long[] words) {
        writeVarInt(words.length);
        for (long word : words) {
            writeVarLong(word);
        }
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
