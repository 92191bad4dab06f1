package io.gpuledger.ingest.monthly;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range {@code [from, to]} of snapshot timestamps, compared as values (rules §1.5), and the parser of the
 * loader's {@code --from}/{@code --to} flags (architecture §3).
 *
 * <p>A flag names a unit: a month ({@code 2025-10}), a day ({@code 2025-10-03}), a minute ({@code 2025-10-03T10:00}
 * or {@code 2025-10-03 10:00}) or a second ({@code 2025-10-03T10:00:30}). {@code --from} starts at the beginning of
 * its unit; {@code --to} covers the whole unit, so {@code --to 2025-10} is all of October and
 * {@code --to 2025-10-03T10:00} is everything before 10:01:00.
 *
 * @param from first timestamp included
 * @param to   last timestamp included
 */
public record TimeRange(LocalDateTime from, LocalDateTime to) {

    /** Stored timestamps have four-digit years, so these two bound every one of them. */
    public static final LocalDateTime EARLIEST = LocalDateTime.of(0, 1, 1, 0, 0);
    public static final LocalDateTime LATEST = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);

    /** Every timestamp. */
    public static final TimeRange ALL = new TimeRange(EARLIEST, LATEST);

    private static final String FORMS = "YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS";
    private static final Pattern FLAG =
            Pattern.compile("(\\d{4})-(\\d{2})(?:-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?)?)?");

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("time range starts after it ends: " + from + " > " + to);
        }
    }

    /**
     * The range of the two flags; either may be null (unbounded on that side).
     *
     * @throws IllegalArgumentException with a one-line message naming the flag when a value is malformed or impossible,
     *                                  or when {@code --from} is after {@code --to}
     */
    public static TimeRange ofFlags(String fromFlag, String toFlag) {
        LocalDateTime from = fromFlag == null ? EARLIEST : startOf("--from", fromFlag);
        LocalDateTime to = toFlag == null ? LATEST : endOf("--to", toFlag);
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + fromFlag + " is after --to " + toFlag);
        }
        return new TimeRange(from, to);
    }

    /** The first instant of the unit {@code text} names ({@code --from}). */
    public static LocalDateTime startOf(String flag, String text) {
        return parseUnit(flag, text).start();
    }

    /** The last instant (to the microsecond) of the unit {@code text} names ({@code --to}). */
    public static LocalDateTime endOf(String flag, String text) {
        Unit unit = parseUnit(flag, text);
        return unit.next().minusNanos(1000);
    }

    /** True when {@code timestamp} is inside the range, ends included. */
    public boolean contains(LocalDateTime timestamp) {
        return !timestamp.isBefore(from) && !timestamp.isAfter(to);
    }

    public YearMonth firstMonth() {
        return YearMonth.from(from);
    }

    public YearMonth lastMonth() {
        return YearMonth.from(to);
    }

    public boolean hasStart() {
        return !from.equals(EARLIEST);
    }

    public boolean hasEnd() {
        return !to.equals(LATEST);
    }

    /** A parsed flag: where its unit starts and where the next unit starts. */
    private record Unit(LocalDateTime start, LocalDateTime next) {
    }

    private static Unit parseUnit(String flag, String text) {
        Matcher m = FLAG.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + " '" + text + "': expected " + FORMS);
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            if (m.group(3) == null) {
                LocalDateTime start = YearMonth.of(year, month).atDay(1).atStartOfDay();
                return new Unit(start, start.plusMonths(1));
            }
            LocalDate day = LocalDate.of(year, month, Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return new Unit(day.atStartOfDay(), day.plusDays(1).atStartOfDay());
            }
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            if (m.group(6) == null) {
                LocalDateTime start = day.atTime(LocalTime.of(hour, minute));
                return new Unit(start, start.plusMinutes(1));
            }
            LocalDateTime start = day.atTime(LocalTime.of(hour, minute, Integer.parseInt(m.group(6))));
            return new Unit(start, start.plusSeconds(1));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(flag + " '" + text + "': impossible date or time", e);
        }
    }
}
