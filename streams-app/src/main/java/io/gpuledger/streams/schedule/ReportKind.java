package io.gpuledger.streams.schedule;

import java.time.YearMonth;
import java.time.ZonedDateTime;

/** The three scheduled e-mails the cluster's owners receive (daily 24 h, weekly 168 h, monthly previous month). */
public enum ReportKind {
    DAILY("0 6 * * *", 24),
    WEEKLY("0 6 * * 1", 168),
    MONTHLY("0 6 1 * *", 0);

    private final String defaultCron;
    private final int hoursBack;

    ReportKind(String defaultCron, int hoursBack) {
        this.defaultCron = defaultCron;
        this.hoursBack = hoursBack;
    }

    public String defaultCron() {
        return defaultCron;
    }

    /** The window length of an allocation e-mail; 0 for monthly, whose window is a calendar month. */
    public int hoursBack() {
        return hoursBack;
    }

    /** The month a monthly e-mail sent at {@code firedAt} reports: the one before the sending date's. */
    public static YearMonth reportedMonth(ZonedDateTime firedAt) {
        return YearMonth.from(firedAt).minusMonths(1);
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
