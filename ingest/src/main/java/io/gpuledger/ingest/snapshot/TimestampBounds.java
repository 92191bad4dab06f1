package io.gpuledger.ingest.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The snapshot times a collector can have written (rules §1.5): not before 2000 (no GPU pool ran HTCondor's GPU
 * monitoring then, and such a value is a broken clock or a zero date) and not after now plus a skew. A collector's naive
 * local time reads as UTC up to 14 hours ahead of the UTC clock, so the skew must exceed that; it must also stay within
 * what the snapshot topic accepts ahead of the broker's clock, so that a row accepted here is never refused there.
 *
 * @param earliest the first acceptable time
 * @param latest   the last acceptable time: the UTC wall clock when the read started, plus the skew
 * @param limit    what sets {@code latest}, for messages: {@code now + --max-future-skew}, or the topic's limit
 */
public record TimestampBounds(LocalDateTime earliest, LocalDateTime latest, String limit) {

    public static final String SKEW_LIMIT = "now + --max-future-skew";

    public static final LocalDateTime EARLIEST = LocalDateTime.of(2000, 1, 1, 0, 0);
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    public TimestampBounds {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(limit, "limit");
    }

    /** From 2000 to {@code clock}'s now (as a naive UTC time) plus {@code maxFutureSkew}. */
    public static TimestampBounds untilNowPlus(Duration maxFutureSkew, Clock clock) {
        return untilNowPlus(maxFutureSkew, clock, SKEW_LIMIT);
    }

    /** From 2000 to {@code clock}'s now plus {@code ahead}, which {@code limit} names in messages. */
    public static TimestampBounds untilNowPlus(Duration ahead, Clock clock, String limit) {
        return new TimestampBounds(EARLIEST, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).plus(ahead), limit);
    }

    /** The default bounds now: a day of skew. */
    public static TimestampBounds defaults() {
        return untilNowPlus(DEFAULT_MAX_FUTURE_SKEW, Clock.systemUTC());
    }

    /** Null when {@code timestamp} is acceptable, else why not, in words for a one-line error. */
    public String problem(LocalDateTime timestamp) {
        if (timestamp.isBefore(earliest)) {
            return "before " + earliest.toLocalDate() + ": not a time a collector wrote";
        }
        if (timestamp.isAfter(latest)) {
            return "in the future: after " + SECONDS.format(latest) + " (" + limit + ")";
        }
        return null;
    }
}
