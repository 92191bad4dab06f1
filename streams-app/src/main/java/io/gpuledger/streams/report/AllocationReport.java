package io.gpuledger.streams.report;

import java.util.List;
import java.util.Map;

/**
 * The allocation report (rules §4.2-4.10): the raw fields of 4.10 plus the rendered table rows, all unrounded.
 *
 * @param subjectPercentages the e-mail subject's percentage parts (rules §6.1), in order
 */
public record AllocationReport(
        String type,
        ReportMetadata metadata,
        Map<String, Map<String, DeviceStat>> deviceStats,
        Map<String, MemoryStat> memoryStats,
        UserTable h200UserStats,
        UserTable backfillUserStats,
        ZeroActiveMachines zeroActiveMachines,
        DrainingStats drainingStats,
        PreventJobsStats preventJobsStats,
        List<RealSlotsRow> realSlots,
        List<RatioRow> memoryTable,
        List<DeviceTable> deviceTables,
        List<Double> subjectPercentages) implements Report {

    public AllocationReport withMetadata(ReportMetadata replaced) {
        return new AllocationReport(type, replaced, deviceStats, memoryStats, h200UserStats, backfillUserStats,
                zeroActiveMachines, drainingStats, preventJobsStats, realSlots, memoryTable, deviceTables,
                subjectPercentages);
    }

    @Override
    public Completeness completeness() {
        return metadata.completeness();
    }

    @Override
    public AllocationReport withCompleteness(Completeness completeness) {
        return withMetadata(metadata.withCompleteness(completeness));
    }

    @Override
    public <R> R match(Cases<R> cases) {
        return cases.allocation(this);
    }
}
