package io.gpuledger.streams.replay;

import java.time.YearMonth;
import java.util.Objects;

/**
 * A replay asked for over HTTP: a range of whole months and whether bad rows are skipped. It names months, never a
 * path: the files are those of the configured history directories whose month is in the range.
 *
 * @param from        first month, inclusive
 * @param to          last month, inclusive; not before {@code from}
 * @param skipBadRows skip (and list) rows with bad values instead of rejecting their file
 */
public record ReplayRequest(YearMonth from, YearMonth to, boolean skipBadRows) {

    public ReplayRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** Whether the two ranges share a month: two replays of one month would overwrite each other's checkpoints. */
    public boolean overlaps(ReplayRequest other) {
        return !from.isAfter(other.to) && !other.from.isAfter(to);
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(from) && !month.isAfter(to);
    }

    /** {@code 2025-10..2025-12}, as logs, errors and the reports' partial reason show it. */
    public String range() {
        return from + ".." + to;
    }
}
