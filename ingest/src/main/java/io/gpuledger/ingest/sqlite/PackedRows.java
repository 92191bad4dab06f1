package io.gpuledger.ingest.sqlite;

/**
 * Splits a packed chunk: up to 4096 rows that SQLite joined into one UTF-8 text, fields separated by the ASCII unit
 * separator and rows by the record separator ({@code concat} and {@code group_concat}). One JDBC value per chunk
 * instead of one per column is what makes reads fast. A value holding a separator byte makes the split fail (the
 * caller then reads the chunk column by column), so a split never misplaces a value: every record must have exactly
 * the expected fields and there must be exactly the expected number of records.
 */
final class PackedRows {

    static final char UNIT = '\u001f';
    static final char RECORD = '\u001e';
    private static final byte UNIT_BYTE = 0x1f;
    private static final byte RECORD_BYTE = 0x1e;

    private final int fields;
    private int[] bounds = new int[0];

    PackedRows(int fields) {
        this.fields = fields;
    }

    /** Splits {@code chunk}; false when it does not hold exactly {@code rows} records of the expected fields. */
    boolean split(byte[] chunk, int rows) {
        if (chunk == null) {
            return false;
        }
        int needed = rows * fields * 2;
        if (bounds.length < needed) {
            bounds = new int[needed];
        }
        int length = chunk.length;
        int pos = 0;
        int b = 0;
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < fields; f++) {
                int i = pos;
                while (i < length && chunk[i] != UNIT_BYTE && chunk[i] != RECORD_BYTE) {
                    i++;
                }
                boolean lastField = f == fields - 1;
                if (lastField ? i < length && chunk[i] != RECORD_BYTE : i >= length || chunk[i] != UNIT_BYTE) {
                    return false;
                }
                bounds[b++] = pos;
                bounds[b++] = i;
                pos = i + 1;
            }
        }
        return pos == length + 1;
    }

    int start(int row, int field) {
        return bounds[(row * fields + field) * 2];
    }

    int end(int row, int field) {
        return bounds[(row * fields + field) * 2 + 1];
    }

    /** A non-negative or negative decimal integer as SQLite writes one. */
    static long parseLong(byte[] source, int start, int end) {
        boolean negative = source[start] == '-';
        long value = 0;
        for (int i = negative ? start + 1 : start; i < end; i++) {
            value = value * 10 - (source[i] - '0');
        }
        return negative ? value : -value;
    }
}
