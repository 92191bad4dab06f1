package io.gpuledger.streams.report;

import java.util.List;

/** The legacy 3-class time series (rules §4.13): one row per bucket holding any window row, in time order. */
public record TimeSeriesReport(String type, ReportMetadata metadata, int bucketMinutes, List<Row> rows) implements Report {

    /** Counts of one bucket; {@code total} = claimed set size + unclaimed set size (a sum, not a union). */
    public record Row(String timestamp,
                      int priorityClaimed, int priorityTotal, double priorityUsagePercent,
                      int sharedClaimed, int sharedTotal, double sharedUsagePercent,
                      int backfillClaimed, int backfillTotal, double backfillUsagePercent) {
    }

    public TimeSeriesReport withMetadata(ReportMetadata replaced) {
        return new TimeSeriesReport(type, replaced, bucketMinutes, rows);
    }

    @Override
    public Completeness completeness() {
        return metadata.completeness();
    }

    @Override
    public TimeSeriesReport withCompleteness(Completeness completeness) {
        return withMetadata(metadata.withCompleteness(completeness));
    }

    @Override
    public <R> R match(Cases<R> cases) {
        return cases.timeSeries(this);
    }
}
