package io.gpuledger.streams.report;

/**
 * A report with nothing to report: an empty window ({@code No data found in the specified time range.}) or a month
 * without rows ({@code No data found for May 2026}). HTTP answers 404. The message stays the rules' exact wording; the
 * range the history does hold travels beside it ({@link #history()}), so that a person can pick a window that exists.
 */
public class NoDataException extends RuntimeException {

    private final String month;
    private final String startDate;
    private final String endDate;
    private final long totalHours;
    private final String earliestData;
    private final String latestData;

    public NoDataException(String message) {
        this(message, null, null, null, 0);
    }

    public NoDataException(String message, String month, String startDate, String endDate, long totalHours) {
        this(message, month, startDate, endDate, totalHours, null, null);
    }

    private NoDataException(String message, String month, String startDate, String endDate, long totalHours,
                            String earliestData, String latestData) {
        super(message);
        this.earliestData = earliestData;
        this.latestData = latestData;
        this.month = month;
        this.startDate = startDate;
        this.endDate = endDate;
        this.totalHours = totalHours;
    }

    /** The month label when this is a monthly report's error, else null. */
    public String month() {
        return month;
    }

    public String startDate() {
        return startDate;
    }

    public String endDate() {
        return endDate;
    }

    public long totalHours() {
        return totalHours;
    }

    /**
     * The same error naming the snapshots the history holds, {@code YYYY-MM-DD HH:MM:SS} each, both null when it holds
     * none.
     */
    public NoDataException withHistory(String earliest, String latest) {
        NoDataException named = new NoDataException(getMessage(), month, startDate, endDate, totalHours,
                earliest == null ? "" : earliest, latest == null ? "" : latest);
        return named;
    }

    /** The earliest snapshot held, empty when the history is empty, null when not looked up. */
    public String earliestData() {
        return earliestData;
    }

    /** The latest snapshot held, empty when the history is empty, null when not looked up. */
    public String latestData() {
        return latestData;
    }

    /** {@code history holds 2025-09-01 00:00:00 .. 2025-10-31 23:55:00}, {@code history holds no data yet}, or null. */
    public String history() {
        if (earliestData == null) {
            return null;
        }
        return earliestData.isEmpty() ? "history holds no data yet"
                : "history holds " + earliestData + " .. " + latestData;
    }

    /** The message and, when known, the range held: {@code No data found for November 2025; history holds ...}. */
    public String describe() {
        String history = history();
        return history == null ? getMessage() : getMessage() + "; " + history;
    }
}
