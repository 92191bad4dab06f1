package io.gpuledger.ingest.monthly;

import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a monthly file is read.
 *
 * @param range        only rows whose timestamp is inside this range are emitted (values, ends included)
 * @param resumeAfter  when not null, only snapshots with a timestamp strictly after it are emitted: the loader's
 *                     per-file checkpoint. The reader emits every snapshot of one timestamp before any later one, so
 *                     a checkpoint {@code T} is safe once every snapshot with a timestamp {@code <= T} is acknowledged
 * @param skipBadRows  false (default): a file with any bad row is rejected whole and nothing is emitted; true: bad
 *                     rows are skipped, counted, and each problem goes to {@code rejects}
 * @param rejects      receives every problem of every skipped row, in rowid order (may be null)
 * @param problemLimit how many bad rows' problems {@link FileCheck#problems()} keeps for display
 * @param bounds       timestamps outside these are bad values (rules §1.5): before 2000, or in the future
 */
public record ReadOptions(
        TimeRange range,
        LocalDateTime resumeAfter,
        boolean skipBadRows,
        Consumer<RowProblem> rejects,
        int problemLimit,
        TimestampBounds bounds) {

    public static final int DEFAULT_PROBLEM_LIMIT = 100;

    public ReadOptions {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(bounds, "bounds");
        if (problemLimit < 0) {
            throw new IllegalArgumentException("problemLimit < 0");
        }
    }

    /** Every row, fail-fast, 100 problems kept, timestamps from 2000 to now + a day. */
    public static ReadOptions defaults() {
        return new ReadOptions(TimeRange.ALL, null, false, null, DEFAULT_PROBLEM_LIMIT, TimestampBounds.defaults());
    }

    public ReadOptions withRange(TimeRange newRange) {
        return new ReadOptions(newRange, resumeAfter, skipBadRows, rejects, problemLimit, bounds);
    }

    public ReadOptions withResumeAfter(LocalDateTime checkpoint) {
        return new ReadOptions(range, checkpoint, skipBadRows, rejects, problemLimit, bounds);
    }

    /** Skip bad rows; {@code sink} (may be null) receives each problem. */
    public ReadOptions withSkipBadRows(Consumer<RowProblem> sink) {
        return new ReadOptions(range, resumeAfter, true, sink, problemLimit, bounds);
    }

    public ReadOptions withProblemLimit(int limit) {
        return new ReadOptions(range, resumeAfter, skipBadRows, rejects, limit, bounds);
    }

    public ReadOptions withBounds(TimestampBounds newBounds) {
        return new ReadOptions(range, resumeAfter, skipBadRows, rejects, problemLimit, newBounds);
    }

    /** True when a row with this (good) timestamp is to be emitted. */
    public boolean selects(LocalDateTime timestamp) {
        return range.contains(timestamp) && (resumeAfter == null || timestamp.isAfter(resumeAfter));
    }
}
