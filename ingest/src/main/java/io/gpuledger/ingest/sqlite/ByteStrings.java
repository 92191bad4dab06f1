package io.gpuledger.ingest.sqlite;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache from UTF-8 byte ranges to the strings they decode to, one per packed column. A month
 * repeats the same few thousand machines, slot names, GPU ids, states and devices millions of times; decoding each
 * once gives one shared string per value, so the read allocates little and later hash lookups find cached hashes and
 * identical instances. A collision simply replaces the slot.
 */
final class ByteStrings {

    private static final int SLOTS = 4096;

    private final byte[][] keys = new byte[SLOTS][];
    private final Object[] values = new Object[SLOTS];

    /** The string {@code source[start, end)} decodes to. */
    String text(byte[] source, int start, int end) {
        int slot = slot(source, start, end);
        if (matches(slot, source, start, end)) {
            return (String) values[slot];
        }
        String value = new String(source, start, end - start, StandardCharsets.UTF_8);
        remember(slot, source, start, end, value);
        return value;
    }

    /** The double SQLite's text of a REAL in {@code source[start, end)} stands for. */
    Double real(byte[] source, int start, int end) {
        int slot = slot(source, start, end);
        if (matches(slot, source, start, end)) {
            return (Double) values[slot];
        }
        Double value = RowReader.parseReal(new String(source, start, end - start, StandardCharsets.US_ASCII));
        remember(slot, source, start, end, value);
        return value;
    }

    private boolean matches(int slot, byte[] source, int start, int end) {
        byte[] key = keys[slot];
        return key != null && equal(key, source, start, end);
    }

    /* Values are short (a few to a few dozen bytes): a plain loop beats Arrays.equals' call and range checks here. */
    static boolean equal(byte[] key, byte[] source, int start, int end) {
        if (key.length != end - start) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != source[start + i]) {
                return false;
            }
        }
        return true;
    }

    private void remember(int slot, byte[] source, int start, int end, Object value) {
        keys[slot] = Arrays.copyOfRange(source, start, end);
        values[slot] = value;
    }

    private static int slot(byte[] source, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + source[i];
        }
        return (hash ^ (hash >>> 12)) & (SLOTS - 1);
    }
}
