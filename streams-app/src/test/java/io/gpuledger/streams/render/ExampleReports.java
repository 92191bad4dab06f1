package io.gpuledger.streams.render;

import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.window.HostBucketSource;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.time.YearMonth;

/** rules §7 examples computed by the real engine, with the runtime and generation time stamped as a query would. */
final class ExampleReports {

    static final double RUNTIME_SECONDS = 0.4249;
    static final String GENERATED_AT = "2025-11-03 10:16:00.250000";

    private ExampleReports() {
    }

    static AllocationReport allocation(SpecExample example) {
        return allocation(example, example.query());
    }

    static AllocationReport allocation(SpecExample example, ExampleQuery query) {
        SpecExample queried = example.withQuery(query);
        AllocationReport report = ReportEngine.allocation(source(queried), window(queried), config(query));
        return report.withMetadata(report.metadata().withRuntime(RUNTIME_SECONDS, GENERATED_AT));
    }

    static TimeSeriesReport timeSeries(SpecExample example, int bucketMinutes) {
        TimeSeriesReport report = ReportEngine.timeSeries(source(example), window(example), config(example.query()),
                bucketMinutes);
        return report.withMetadata(report.metadata().withRuntime(RUNTIME_SECONDS, GENERATED_AT));
    }

    static MonthlyReport monthly(SpecExample example, ExampleQuery query, YearMonth month) {
        MonthlyReport report = ReportEngine.monthly(source(example), month, config(query));
        return report.withMetadata(report.metadata().withRuntime(RUNTIME_SECONDS, GENERATED_AT));
    }

    private static HostBucketSource source(SpecExample example) {
        return HostBucketSource.of(example.snapshots());
    }

    private static QueryWindow window(SpecExample example) {
        return QueryWindow.endingAt(example.end(), example.query().hoursBack());
    }

    private static QueryConfig config(ExampleQuery query) {
        return new QueryConfig(query.chtcOwned(), query.exclusions(), query.hostFilter(), query.allDevices());
    }
}
