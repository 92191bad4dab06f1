package io.gpuledger.ingest.monthly;

import java.nio.file.Path;

/**
 * One bad value of one row (rules §1.2): the file, the row's {@code rowid}, the column, the stored value rendered as an
 * SQL literal ({@code 'text'}, {@code 42}, {@code X'00FF'}, {@code NULL}) and the reason.
 */
public record RowProblem(Path file, long rowid, String column, String value, String reason) {

    /** {@code gpu_state_2025-10.db: rowid 17, column State, value 'Runing': unknown state} */
    public String message() {
        return file + ": rowid " + rowid + ", column " + column + ", value " + value + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }

    private static final int MAX_VALUE_CHARS = 200;

    /** A text as an SQL literal: {@code 'it''s'}. */
    public static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A stored value on one line: control characters escaped, long values cut. */
    public static String render(String literal) {
        if (literal == null) {
            return "NULL";
        }
        StringBuilder out = new StringBuilder(Math.min(literal.length(), MAX_VALUE_CHARS) + 8);
        for (int i = 0; i < literal.length(); i++) {
            if (out.length() >= MAX_VALUE_CHARS) {
                out.append("…(").append(literal.length()).append(" chars)");
                break;
            }
            char c = literal.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
