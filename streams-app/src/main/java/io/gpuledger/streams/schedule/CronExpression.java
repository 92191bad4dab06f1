package io.gpuledger.streams.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.Locale;

/**
 * A five-field cron expression, {@code minute hour day-of-month month day-of-week}, each field {@code *}, a number, a
 * range {@code a-b} or a list of those ({@code 1,15}); day-of-week 0 or 7 is Sunday. As in cron, when both day
 * fields are restricted a day matching either fires. {@code 0 6 * * *} is daily at 06:00, {@code 0 6 * * 1} Mondays,
 * {@code 0 6 1 * *} the 1st of each month.
 */
public final class CronExpression {

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text) {
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron expression '" + text
                    + "' needs 5 fields (minute hour day-of-month month day-of-week), got " + fields.length);
        }
        this.text = String.join(" ", fields);
        minutes = field(text, "minute", fields[0], 0, 59);
        hours = field(text, "hour", fields[1], 0, 23);
        daysOfMonth = field(text, "day-of-month", fields[2], 1, 31);
        months = field(text, "month", fields[3], 1, 12);
        daysOfWeek = field(text, "day-of-week", fields[4], 0, 7);
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
        }
        anyDayOfMonth = fields[2].equals("*");
        anyDayOfWeek = fields[4].equals("*");
    }

    public static CronExpression parse(String text) {
        return new CronExpression(text);
    }

    /** The latest firing time at or before {@code at} within the past 400 days (every expression fires in a year). */
    public LocalDateTime latestAtOrBefore(LocalDateTime at) {
        LocalDate day = at.toLocalDate();
        for (int back = 0; back <= 400; back++, day = day.minusDays(1)) {
            if (!firesOn(day)) {
                continue;
            }
            LocalTime limit = back == 0 ? at.toLocalTime() : LocalTime.MAX;
            for (int hour = limit.getHour(); hour >= 0; hour--) {
                if (!hours.get(hour)) {
                    continue;
                }
                int lastMinute = hour == limit.getHour() ? limit.getMinute() : 59;
                int minute = minutes.previousSetBit(lastMinute);
                if (minute >= 0) {
                    return day.atTime(hour, minute);
                }
            }
        }
        throw new IllegalStateException("cron expression '" + text + "' never fires");
    }

    private boolean firesOn(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = daysOfMonth.get(day.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        if (anyDayOfMonth || anyDayOfWeek) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek;
    }

    private static BitSet field(String expression, String name, String field, int min, int max) {
        BitSet values = new BitSet(max + 1);
        for (String part : field.split(",")) {
            if (part.equals("*")) {
                values.set(min, max + 1);
                continue;
            }
            String[] range = part.split("-", -1);
            try {
                int from = Integer.parseInt(range[0]);
                int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
                if (range.length > 2 || from < min || to > max || from > to) {
                    throw new NumberFormatException();
                }
                values.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "cron expression '%s': %s field '%s' must be *, %d-%d, a range a-b or a list", expression,
                        name, part, min, max));
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return text;
    }
}
