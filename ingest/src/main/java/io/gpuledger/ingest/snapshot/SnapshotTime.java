package io.gpuledger.ingest.snapshot;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Snapshot timestamps: naive local wall-clock values with microsecond precision (rules §1.5, 1.6).
 *
 * <p>They are never converted to an offset. Where a number is needed (Kafka record timestamps, store keys) the naive
 * value is read <em>as if</em> it were UTC, so a DST fall-back hour never splits a 15-minute bucket.
 */
public final class SnapshotTime {

    /** Bucket width of every report except the time series (rules §3.2). */
    public static final long BUCKET_MINUTES = 15;
    public static final long BUCKET_MICROS = BUCKET_MINUTES * 60_000_000L;
    public static final long BUCKET_MILLIS = BUCKET_MINUTES * 60_000L;

    private SnapshotTime() {
    }

    /**
     * Parses the stored text {@code YYYY-MM-DD HH:MM:SS[.f{1,6}]} strictly: no ISO {@code T}, no zone, no impossible
     * dates. The fraction is padded on the right ({@code .5} = 500000 µs).
     *
     * @throws IllegalArgumentException with a short reason when the text is not such a timestamp
     */
    public static LocalDateTime parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("timestamp is NULL");
        }
        int length = text.length();
        if (length < 19 || (length > 19 && (text.charAt(19) != '.' || length == 20 || length > 26))) {
            throw new IllegalArgumentException("not YYYY-MM-DD HH:MM:SS[.ffffff]");
        }
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            throw new IllegalArgumentException("not YYYY-MM-DD HH:MM:SS[.ffffff]");
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int micros = 0;
        if (length > 19) {
            int fraction = digits(text, 20, length);
            int scale = 26 - length;
            micros = fraction;
            for (int i = 0; i < scale; i++) {
                micros *= 10;
            }
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("impossible date or time", e);
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not YYYY-MM-DD HH:MM:SS[.ffffff]");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The collector's form, always six fraction digits: {@code 2025-11-03 10:00:05.123456}. */
    public static String format(LocalDateTime timestamp) {
        StringBuilder out = new StringBuilder(26);
        appendSeconds(out, timestamp);
        out.append('.');
        pad(out, timestamp.getNano() / 1000, 6);
        return out.toString();
    }

    /** Truncated to seconds, as reports show times: {@code 2025-11-03 10:00:05}. */
    public static String formatSeconds(LocalDateTime timestamp) {
        StringBuilder out = new StringBuilder(19);
        appendSeconds(out, timestamp);
        return out.toString();
    }

    /** Truncated to minutes: {@code 2025-11-03 10:00}. */
    public static String formatMinutes(LocalDateTime timestamp) {
        return formatSeconds(timestamp).substring(0, 16);
    }

    private static void appendSeconds(StringBuilder out, LocalDateTime t) {
        pad(out, t.getYear(), 4);
        out.append('-');
        pad(out, t.getMonthValue(), 2);
        out.append('-');
        pad(out, t.getDayOfMonth(), 2);
        out.append(' ');
        pad(out, t.getHour(), 2);
        out.append(':');
        pad(out, t.getMinute(), 2);
        out.append(':');
        pad(out, t.getSecond(), 2);
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** Microseconds since 1970-01-01 00:00 of the naive value read as UTC. */
    public static long toMicros(LocalDateTime timestamp) {
        return timestamp.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + timestamp.getNano() / 1000;
    }

    public static LocalDateTime fromMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    /** Kafka record timestamp: epoch milliseconds of the naive value read as UTC (architecture §1, Time). */
    public static long toRecordMillis(LocalDateTime timestamp) {
        return Math.floorDiv(toMicros(timestamp), 1000L);
    }

    /** Start of the 15-minute bucket holding {@code micros} (rules §3.2), in the same naive-as-UTC micros. */
    public static long bucketStartMicros(long micros) {
        return micros - Math.floorMod(micros, BUCKET_MICROS);
    }

    public static LocalDateTime bucketStart(LocalDateTime timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MINUTES).withMinute(timestamp.getMinute() - timestamp.getMinute() % 15);
    }
}
