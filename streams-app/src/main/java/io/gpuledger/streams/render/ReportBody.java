package io.gpuledger.streams.render;

import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.PreventJobsStats;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.report.ZeroActiveMachines;
import java.util.List;
import java.util.Map;

/**
 * The sections an allocation report and a monthly summary share, so the text and HTML renderers lay both out with
 * one code path (rules §6.2: "Monthly HTML uses the same renderer with …"). The sections a monthly summary lacks
 * (rules §4.11: no backfill-user table, no zero-active list) are null.
 *
 * @param backfillUsers null for monthly
 * @param zeroActive    null for monthly
 */
record ReportBody(boolean allDevices,
                  List<RealSlotsRow> realSlots,
                  List<RatioRow> memoryTable,
                  UserTable h200Users,
                  UserTable backfillUsers,
                  ZeroActiveMachines zeroActive,
                  List<DeviceTable> deviceTables,
                  DrainingStats draining,
                  PreventJobsStats preventJobs,
                  Map<String, String> excludedHosts) {

    static ReportBody of(AllocationReport report) {
        return new ReportBody(report.metadata().allDevices(), report.realSlots(), report.memoryTable(),
                report.h200UserStats(), report.backfillUserStats(), report.zeroActiveMachines(),
                report.deviceTables(), report.drainingStats(), report.preventJobsStats(),
                report.metadata().excludedHosts());
    }

    static ReportBody of(MonthlyReport report) {
        return new ReportBody(report.metadata().allDevices(), report.realSlots(), report.memoryTable(),
                report.h200UserStats(), null, null, report.deviceTables(), report.drainingStats(),
                report.preventJobsStats(), report.metadata().excludedHosts());
    }

    /** rules §4.3, 4.4, 4.6: the title suffix while old devices are hidden. */
    String filteredSuffix() {
        return allDevices ? "" : " (filtered)";
    }

    boolean hasMemoryTable() {
        return memoryTable != null && !memoryTable.isEmpty();
    }

    boolean hasH200Users() {
        return h200Users != null && !h200Users.isEmpty();
    }

    boolean hasBackfillUsers() {
        return backfillUsers != null && !backfillUsers.isEmpty();
    }

    boolean hasZeroActive() {
        return zeroActive != null && !zeroActive.machines().isEmpty();
    }

    boolean hasDeviceTables() {
        return deviceTables != null && !deviceTables.isEmpty();
    }

    boolean hasExclusions() {
        return excludedHosts != null && !excludedHosts.isEmpty();
    }

    /** rules §4.9: the heading note when reason data cover under a quarter of the window's intervals. */
    String preventJobsHeadingSuffix() {
        if (preventJobs == null || !preventJobs.sparse()) {
            return "";
        }
        // Only the fact: the reason attribute may be new on the collector, or the GPUs may simply have had no
        // reason set before; the report cannot tell which.
        return " (reason data in " + preventJobs.pjBuckets() + " of " + preventJobs.totalBuckets()
                + " intervals)";
    }

    /** rules §4.7: the projects cell; an empty set is open capacity. */
    static String projectsCell(List<String> projects) {
        return projects == null || projects.isEmpty() ? "Open Capacity" : String.join(", ", projects);
    }

    static final String NO_DRAINING = "No GPUs were drained during this period.";
    static final String NO_PREVENT_JOBS = "No GPUs have PreventJobsReason set during this period.";
    static final String PREVENT_JOBS_FOOTNOTE = "Active: the reason was set in the latest interval that has reason "
            + "data. Lifted: set earlier in the period only.";

    static String hostStatus(PreventJobsStats.HostPrevent host) {
        return host.active() ? "Active" : "Lifted";
    }

    /** {@code 1 hour}, {@code 24 hours} (rules §6.2, 6.3). */
    static String hoursLabel(long hours) {
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
