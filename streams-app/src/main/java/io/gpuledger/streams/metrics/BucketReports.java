package io.gpuledger.streams.metrics;

import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.window.SummarySource;
import java.util.Optional;

/**
 * The allocation report of one bucket as the gauges define it (architecture §3): the report engine over the bucket, with
 * ResearcherMachines over the 24 hours ending with it, the configured default, old devices filtered.
 */
public final class BucketReports {

    private BucketReports() {
    }

    /** Empty when the bucket holds no row. */
    public static Optional<AllocationReport> of(SummarySource source, long bucketStart, GaugeInputs inputs) {
        try {
            return Optional.of(ReportEngine.allocation(source, BucketWindows.bucket(bucketStart),
                    BucketWindows.researcher(bucketStart), inputs.config()));
        } catch (NoDataException e) {
            return Optional.empty();
        }
    }
}
