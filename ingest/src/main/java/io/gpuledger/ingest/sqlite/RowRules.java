package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.monthly.ColumnRule;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one definition of a bad row (rules §1.2, 1.3, 1.5).
 *
 * <p>Value types, states and required names are judged by SQLite itself in the validation scan: each column has one
 * <em>good</em> predicate, an SQL expression that is exactly 0 or 1. The row predicate, the scan's bad-row count, the
 * per-column labels of the problem listing and the skip-bad-rows filter are all built from these same expressions.
 * The rules are {@link ColumnRule}'s, shared with the Parquet reader. Timestamps must be TEXT (an SQL predicate too);
 * their form is then judged by {@link SnapshotTime#parse} alone, in the
 * scan, the listing and the read alike. Nothing else judges a value: the read only converts values already accepted.
 *
 * <p>The type tests compare against literals instead of calling {@code typeof()}: SQLite orders NULL &lt; numbers &lt;
 * TEXT &lt; BLOB, so {@code c >= '' AND c < x''} holds exactly for TEXT values, {@code c < ''} exactly for numbers
 * (the literals cannot be converted by any column affinity). This halves the scan's cost; {@code typeof()} is used
 * only to word the reason of a value already found bad. Text comparisons say {@code COLLATE BINARY} because a file may
 * declare a column {@code NOCASE} or {@code RTRIM} and the rules' rules are case-sensitive.
 */
final class RowRules {

    private RowRules() {
    }

    /** 1 when {@code c} (an SQL expression for the column) holds a good value, else 0; never NULL. */
    static String good(ColumnRule checked, String c) {
        return switch (checked.kind()) {
            case NON_EMPTY_TEXT -> "(" + c + " IS NOT NULL AND " + c + " COLLATE BINARY > '' AND " + c + " < x'')";
            case TEXT -> "(" + c + " IS NULL OR (" + c + " >= '' AND " + c + " < x''))";
            case STATE -> "(" + c + " IS NOT NULL AND " + c + " COLLATE BINARY IN (" + acceptedStates() + "))";
            case TIMESTAMP -> "(" + c + " IS NOT NULL AND " + c + " >= '' AND " + c + " < x'')";
            // CAST saturates outside the long range, so an out-of-range REAL never equals its cast.
            case WHOLE_NUMBER -> "(" + c + " IS NULL OR (" + c + " < '' AND " + c + " = CAST(" + c + " AS INTEGER)))";
            case NUMBER -> "(" + c + " IS NULL OR " + c + " < '')";
        };
    }

    /** NULL for a good value, else the reason it is bad; a bad value always gets a reason. */
    static String label(ColumnRule checked, String c) {
        String type = "typeof(" + c + ")";
        String wording = switch (checked.kind()) {
            case NON_EMPTY_TEXT -> "CASE " + type + " WHEN 'null' THEN 'NULL, a value is required'"
                    + " WHEN 'text' THEN 'empty, a value is required' WHEN 'blob' THEN 'BLOB value'"
                    + " ELSE " + type + " || ' in a TEXT column' END";
            case TEXT -> "CASE " + type + " WHEN 'blob' THEN 'BLOB value' ELSE " + type + " || ' in a TEXT column' END";
            case STATE -> "CASE " + type + " WHEN 'null' THEN 'unknown state (NULL)' WHEN 'text' THEN 'unknown state'"
                    + " WHEN 'blob' THEN 'BLOB value' ELSE " + type + " || ' in a TEXT column' END";
            case TIMESTAMP -> "CASE " + type + " WHEN 'null' THEN 'NULL timestamp' WHEN 'blob' THEN 'BLOB value'"
                    + " ELSE " + type + " || ', not a timestamp text' END";
            case WHOLE_NUMBER -> "CASE " + type + " WHEN 'text' THEN 'text in a numeric column'"
                    + " WHEN 'blob' THEN 'BLOB value'"
                    + " WHEN 'real' THEN CASE WHEN abs(" + c + ") < 9.2e18"
                    + " THEN 'not a whole number of " + checked.unit() + "'"
                    + " ELSE 'out of range for a whole number of " + checked.unit() + "' END END";
            case NUMBER -> "CASE " + type + " WHEN 'text' THEN 'text in a numeric column' WHEN 'blob' THEN 'BLOB value'"
                    + " END";
        };
        return "CASE WHEN " + good(checked, c) + " THEN NULL ELSE coalesce(" + wording + ", 'bad value') END";
    }

    /** 1 when every given good predicate holds. */
    static String allGood(List<String> goods) {
        return goods.isEmpty() ? "1" : goods.stream().collect(Collectors.joining(" AND ", "(", ")"));
    }

    /**
     * Sort key of a timestamp text: {@code YYYY-MM-DD HH:MM:SS.ffffff}, the fraction padded to six digits, so text
     * order is value order and {@code .5} sorts with {@code .500000}. Meaningful only for a text that
     * {@link SnapshotTime#parse} accepts.
     */
    static String timestampKey(String c) {
        return "CASE WHEN length(" + c + ") = 26 THEN " + c + " ELSE substr(" + c + ", 1, 19) || '.' || substr(substr("
                + c + ", 21) || '000000', 1, 6) END";
    }

    /** A timestamp as the text {@link #timestampKey} produces, for bounds. */
    static String keyText(LocalDateTime timestamp) {
        return SnapshotTime.format(timestamp);
    }

    private static String acceptedStates() {
        return SlotState.ACCEPTED.stream().sorted().map(state -> "'" + state + "'").collect(Collectors.joining(", "));
    }

    /** An SQL identifier in double quotes. */
    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
