package io.gpuledger.streams.report;

/**
 * One computed report, of one of the four types of the report API. Code that treats the kinds differently (the
 * renderers) implements {@link Cases}: the compiler then asks for every kind, where a chain of {@code instanceof}
 * would silently fall through for a new one.
 */
public sealed interface Report permits AllocationReport, MonthlyReport, TimeSeriesReport, GpuModelSnapshotReport {

    Completeness completeness();

    /** The same report, stamped with whether its numbers can be complete yet. */
    Report withCompleteness(Completeness completeness);

    /** Calls the method of {@code cases} for this report's kind. */
    <R> R match(Cases<R> cases);

    /** What to do with each kind of report. */
    interface Cases<R> {
        R allocation(AllocationReport report);

        R monthly(MonthlyReport report);

        R timeSeries(TimeSeriesReport report);

        R gpuModelSnapshot(GpuModelSnapshotReport report);
    }
}
