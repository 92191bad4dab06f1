package io.gpuledger.streams.render;

import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The e-mail subject (rules §6.1): {@code <prefix> <send-date>[ <period>][ (<p1> | <p2> | …)]}.
 *
 * <pre>{@code
 * EmailSubject.allocation(EmailSubject.DEFAULT_PREFIX, LocalDate.now(), report)
 *     // "CHTC GPU Allocation 2025-11-03 1h (37.5% | 25.0% | 50.0% | 25.0%)"
 * }</pre>
 */
public final class EmailSubject {

    public static final String DEFAULT_PREFIX = "CHTC GPU Allocation";

    private EmailSubject() {
    }

    /**
     * @param sendDate the sending host's local date, not the data's (rules §6.1)
     */
    public static String allocation(String prefix, LocalDate sendDate, AllocationReport report) {
        return of(prefix, sendDate, period(report.metadata().hoursBack()), report.subjectPercentages());
    }

    /** Monthly: the month label as period, no percentages. */
    public static String monthly(String prefix, LocalDate sendDate, MonthlyReport report) {
        return of(prefix, sendDate, report.month(), List.of());
    }

    /** Time series: the period, no percentages ("Other report types have no percentage part"). */
    public static String timeSeries(String prefix, LocalDate sendDate, TimeSeriesReport report) {
        return of(prefix, sendDate, period(report.metadata().hoursBack()), List.of());
    }

    /** The subject from its parts; a blank period and an empty percentage list are left out. */
    public static String of(String prefix, LocalDate sendDate, String period, List<Double> percentages) {
        Objects.requireNonNull(sendDate, "sendDate");
        StringBuilder subject = new StringBuilder(prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix.strip());
        subject.append(' ').append(sendDate);
        if (period != null && !period.isBlank()) {
            subject.append(' ').append(period);
        }
        if (percentages != null && !percentages.isEmpty()) {
            List<String> parts = new ArrayList<>(percentages.size());
            for (double part : percentages) {
                parts.add(DisplayNumbers.percent(part));
            }
            subject.append(" (").append(String.join(" | ", parts)).append(')');
        }
        return subject.toString();
    }

    /**
     * rules §6.1: whole weeks from 168 h, else whole days above 24 h, else hours. So 24 → {@code 24h}, 48 →
     * {@code 2d}, 336 → {@code 2w}, 8760 → {@code 365d} (not a whole number of weeks).
     */
    public static String period(long hours) {
        if (hours >= 168 && hours % 168 == 0) {
            return hours / 168 + "w";
        }
        if (hours > 24 && hours % 24 == 0) {
            return hours / 24 + "d";
        }
        return hours + "h";
    }
}
