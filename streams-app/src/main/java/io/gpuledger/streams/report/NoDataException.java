package io.gpuledger.streams.report;

/**
 * A report with nothing to report: an empty window ({@code No data found in the specified time range.}) or a month
 * without rows ({@code No data found for May 2026}). HTTP answers 404.
 */
public class NoDataException extends RuntimeException {

    private final String month;
    private final String startDate;
    private final String endDate;
    private final long totalHours;

    public NoDataException(String message) {
        this(message, null, null, null, 0);
    }

    public NoDataException(String message, String month, String startDate, String endDate, long totalHours) {
        super(message);
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
}
