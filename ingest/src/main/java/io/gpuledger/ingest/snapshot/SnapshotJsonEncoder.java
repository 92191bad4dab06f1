package io.gpuledger.ingest.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * Writes the topic's JSON form of a {@link HostSnapshot} ({@link HostSnapshotJson#toBytes} uses it) byte for byte
 * as a general JSON generator (Jackson with its defaults) would, several times faster: the replay writes ~300 bytes of JSON per row, and going through a general JSON generator was
 * the largest cost after reading. Field names are constant bytes, ASCII strings are copied without a charset encoder,
 * and the few values a month repeats endlessly (timestamp text, numbers) are formatted once. One instance per thread.
 *
 * <p>Same rules as Jackson's defaults: {@code "} and {@code \} and control characters escaped ({@code \n} style where
 * JSON has one, else {@code \}{@code u00XX}), each UTF-16 half of a supplementary character escaped, everything else
 * as UTF-8; doubles as {@link Double#toString}, and non-finite doubles as strings ({@code "NaN"}). A test compares both writers on generated and hostile input.
 */
public final class SnapshotJsonEncoder {

    private static final byte[] MACHINE = ascii("{\"machine\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] ROWS = ascii(",\"rows\":[");
    private static final byte[] NAME = ascii("{\"name\":");
    private static final byte[] GPU_ID = ascii(",\"gpuId\":");
    private static final byte[] STATE = ascii(",\"state\":");
    private static final byte[] DEVICE_NAME = ascii(",\"deviceName\":");
    private static final byte[] MEMORY_MB = ascii(",\"memoryMb\":");
    private static final byte[] PRIORITIZED_PROJECTS = ascii(",\"prioritizedProjects\":");
    private static final byte[] AVERAGE_USAGE = ascii(",\"gpusAverageUsage\":");
    private static final byte[] REMOTE_OWNER = ascii(",\"remoteOwner\":");
    private static final byte[] GLOBAL_JOB_ID = ascii(",\"globalJobId\":");
    private static final byte[] PREVENT_JOBS_REASON = ascii(",\"preventJobsReason\":");
    private static final byte[] DISK = ascii(",\"disk\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] END = ascii("]}");
    private static final byte[] HEX = ascii("0123456789ABCDEF");

    /**
     * Slots of the direct-mapped caches of formatted values. A month repeats a few thousand names, GPU ids, job ids,
     * usage values...; the reader hands out one shared instance per distinct text, so a string is found by identity.
     * A collision just replaces the slot.
     */
    private static final int SLOTS = 8192;
    private static final int MASK = SLOTS - 1;

    private byte[] buffer = new byte[16 * 1024];
    private int position;

    private LocalDateTime lastTimestamp;
    private byte[] lastTimestampJson;
    private final String[] stringKeys = new String[SLOTS];
    private final byte[][] stringJson = new byte[SLOTS][];
    private final long[] longKeys = new long[SLOTS];
    private final byte[][] longJson = new byte[SLOTS][];
    private final long[] doubleKeys = new long[SLOTS];
    private final byte[][] doubleJson = new byte[SLOTS][];

    /** The JSON of {@code snapshot}, equal to {@link HostSnapshotJson#toBytes(HostSnapshot)}. */
    public byte[] encode(HostSnapshot snapshot) {
        position = 0;
        write(MACHINE);
        string(snapshot.machine());
        write(TIMESTAMP);
        write(timestamp(snapshot.timestamp()));
        write(ROWS);
        boolean first = true;
        for (SlotGpuRow row : snapshot.rows()) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            row(row);
        }
        write(END);
        return Arrays.copyOf(buffer, position);
    }

    private void row(SlotGpuRow row) {
        write(NAME);
        string(row.name());
        write(GPU_ID);
        string(row.gpuId());
        write(STATE);
        string(row.state());
        write(DEVICE_NAME);
        string(row.deviceName());
        write(MEMORY_MB);
        number(row.memoryMb());
        write(PRIORITIZED_PROJECTS);
        string(row.prioritizedProjects());
        write(AVERAGE_USAGE);
        number(row.gpusAverageUsage());
        write(REMOTE_OWNER);
        string(row.remoteOwner());
        write(GLOBAL_JOB_ID);
        string(row.globalJobId());
        write(PREVENT_JOBS_REASON);
        string(row.preventJobsReason());
        write(DISK);
        number(row.disk());
        put((byte) '}');
    }

    private byte[] timestamp(LocalDateTime timestamp) {
        // Snapshots come grouped by timestamp: one format per collector run, not per machine.
        if (!timestamp.equals(lastTimestamp)) {
            lastTimestamp = timestamp;
            lastTimestampJson = ascii('"' + SnapshotTime.format(timestamp) + '"');
        }
        return lastTimestampJson;
    }

    private void number(Long value) {
        if (value == null) {
            write(NULL);
            return;
        }
        long v = value;
        int slot = slot(v);
        byte[] text = longJson[slot];
        if (text == null || longKeys[slot] != v) {
            text = ascii(Long.toString(v));
            longKeys[slot] = v;
            longJson[slot] = text;
        }
        write(text);
    }

    private void number(Double value) {
        if (value == null) {
            write(NULL);
            return;
        }
        double d = value;
        // Keyed by the exact bits: 0.0 and -0.0 print differently.
        long bits = Double.doubleToRawLongBits(d);
        int slot = slot(bits);
        byte[] text = doubleJson[slot];
        if (text == null || doubleKeys[slot] != bits) {
            String formatted = Double.toString(d);
            text = Double.isFinite(d) ? ascii(formatted) : ascii('"' + formatted + '"');
            doubleKeys[slot] = bits;
            doubleJson[slot] = text;
        }
        write(text);
    }

    private static int slot(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 51) & MASK;
    }

    private void string(String value) {
        if (value == null) {
            write(NULL);
            return;
        }
        // String caches its hash: for the reader's shared instances this is a field read.
        int slot = value.hashCode() & MASK;
        if (stringKeys[slot] == value) {
            write(stringJson[slot]);
            return;
        }
        int start = position;
        encode(value);
        stringKeys[slot] = value;
        stringJson[slot] = Arrays.copyOfRange(buffer, start, position);
    }

    private void encode(String value) {
        int length = value.length();
        ensure(length + 2);
        byte[] out = buffer;
        int p = position;
        out[p++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') {
                out[p++] = (byte) c;
            } else {
                position = p;
                escapedTail(value, i);
                return;
            }
        }
        out[p++] = '"';
        position = p;
    }

    /* The rest of a string that needs escapes or multi-byte UTF-8, from index {@code from}, and the closing quote. */
    private void escapedTail(String value, int from) {
        int length = value.length();
        for (int i = from; i < length; i++) {
            char c = value.charAt(i);
            ensure(12);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buffer[position++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (Character.isSurrogate(c)) {
                // Jackson writes each half of a supplementary character as its own escape, not as 4-byte UTF-8.
                unicodeEscape(c);
            } else {
                write(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        put((byte) '"');
    }

    private void escape(char c) {
        byte[] out = buffer;
        out[position++] = '\\';
        switch (c) {
            case '"' -> out[position++] = '"';
            case '\\' -> out[position++] = '\\';
            case '\b' -> out[position++] = 'b';
            case '\f' -> out[position++] = 'f';
            case '\n' -> out[position++] = 'n';
            case '\r' -> out[position++] = 'r';
            case '\t' -> out[position++] = 't';
            default -> {
                position--;
                unicodeEscape(c);
            }
        }
    }

    private void unicodeEscape(char c) {
        byte[] out = buffer;
        out[position++] = '\\';
        out[position++] = 'u';
        out[position++] = HEX[c >> 12];
        out[position++] = HEX[(c >> 8) & 0xF];
        out[position++] = HEX[(c >> 4) & 0xF];
        out[position++] = HEX[c & 0xF];
    }

    private void put(byte b) {
        ensure(1);
        buffer[position++] = b;
    }

    private void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
