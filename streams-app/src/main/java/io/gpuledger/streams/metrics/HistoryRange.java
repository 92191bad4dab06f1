package io.gpuledger.streams.metrics;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * The buckets {@code /api/v1/openmetrics} exports: every bucket whose start lies in {@code [firstBucket, lastBucket]},
 * naive micros. {@code from} and {@code to} are naive wall-clock times like {@code end-time} (rules §5.1), or a bare
 * date; a bucket is in when {@code from <= its start <= to}.
 */
public record HistoryRange(long firstBucket, long lastBucket) {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** One-line message naming the parameter, for an HTTP 400. */
    public static final class InvalidRangeException extends IllegalArgumentException {
        private final String parameter;

        public InvalidRangeException(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * @param from           the {@code from} parameter, or null for the earliest bucket kept
     * @param to             the {@code to} parameter, or null for the latest complete bucket
     * @param earliestBucket the earliest bucket kept
     * @param latestComplete the latest complete bucket (the one before the bucket of the latest snapshot)
     */
    public static HistoryRange parse(String from, String to, long earliestBucket, long latestComplete) {
        long first = from == null ? earliestBucket : bucketAtOrAfter(parseTime("from", from));
        long last = to == null ? latestComplete
                : Math.min(latestComplete, SnapshotTime.bucketStartMicros(parseTime("to", to)));
        if (from != null && to != null && parseTime("from", from) > parseTime("to", to)) {
            throw new InvalidRangeException("from", "from must not be after to: got from '" + from + "', to '" + to
                    + "'");
        }
        return new HistoryRange(Math.max(first, earliestBucket), last);
    }

    /** Whether no bucket can be in the range. */
    public boolean isEmpty() {
        return lastBucket < firstBucket;
    }

    private static long bucketAtOrAfter(long micros) {
        long floor = SnapshotTime.bucketStartMicros(micros);
        return floor == micros ? floor : floor + SnapshotTime.BUCKET_MICROS;
    }

    static long parseTime(String parameter, String text) {
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return SnapshotTime.toMicros(LocalDate.parse(value).atStartOfDay());
            }
            return SnapshotTime.toMicros(LocalDateTime.parse(value, DATE_TIME));
        } catch (DateTimeParseException e) {
            throw new InvalidRangeException(parameter, parameter
                    + " must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS: got '" + text + "'");
        }
    }
}
