package io.gpuledger.streams.report;

import java.util.List;
import java.util.Map;

/**
 * The monthly summary (rules §4.11): month label, the month's window, device and memory stats, the H200 table with
 * {@code hours_back = total_hours}, data coverage, draining and PreventJobsReason over the month. The Real Slots,
 * memory and device tables are included for the HTML and text renderings (rules §6.2).
 */
public record MonthlyReport(
        String type,
        String month,
        String startDate,
        String endDate,
        long totalHours,
        ReportMetadata metadata,
        Map<String, Map<String, DeviceStat>> deviceStats,
        Map<String, MemoryStat> memoryStats,
        UserTable h200UserStats,
        DataCoverage dataCoverage,
        DrainingStats drainingStats,
        PreventJobsStats preventJobsStats,
        List<RealSlotsRow> realSlots,
        List<RatioRow> memoryTable,
        List<DeviceTable> deviceTables) implements Report {

    /** @param uniqueIntervals {@code |B|} of the month */
    public record DataCoverage(String startTime, String endTime, long totalRecords, long uniqueIntervals) {
    }

    public MonthlyReport withMetadata(ReportMetadata replaced) {
        return new MonthlyReport(type, month, startDate, endDate, totalHours, replaced, deviceStats, memoryStats,
                h200UserStats, dataCoverage, drainingStats, preventJobsStats, realSlots, memoryTable, deviceTables);
    }

    @Override
    public Completeness completeness() {
        return metadata.completeness();
    }

    @Override
    public MonthlyReport withCompleteness(Completeness completeness) {
        return withMetadata(metadata.withCompleteness(completeness));
    }

    @Override
    public <R> R match(Cases<R> cases) {
        return cases.monthly(this);
    }
}
