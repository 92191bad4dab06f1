package io.gpuledger.streams.render;

import static io.gpuledger.streams.render.DisplayNumbers.oneDecimal;
import static io.gpuledger.streams.render.DisplayNumbers.percent;
import static io.gpuledger.streams.render.DisplayNumbers.twoDecimals;

import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.GpuModelSnapshotReport;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.Percent;
import io.gpuledger.streams.report.PreventJobsStats;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.UserTable;
import io.gpuledger.streams.report.ZeroActiveMachines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain-text reports, the form people read from the command line and the one the original script printed (rules §4.12,
 * 4.13, 6.3). Every result ends with a newline and no line has trailing spaces.
 *
 * <pre>{@code
 * String text = TextRenderer.allocation(report);   // rules §7.1's golden layout
 * }</pre>
 */
public final class TextRenderer {

    static final int WIDTH = 70;
    private static final String EQUALS_RULE = "=".repeat(WIDTH);
    private static final String DASH_RULE = "-".repeat(WIDTH);
    private static final String SNAPSHOT_RULE = "=".repeat(80);

    private TextRenderer() {
    }

    /** rules §6.3. */
    public static String allocation(AllocationReport report) {
        ReportMetadata metadata = report.metadata();
        Lines out = new Lines();
        header(out, "CHTC GPU UTILIZATION REPORT", "Period: " + ReportBody.hoursLabel(metadata.hoursBack()));
        body(out, ReportBody.of(report));
        out.blank();
        out.add("Data Period: " + DisplayNumbers.seconds(metadata.startTime()) + " to "
                + DisplayNumbers.seconds(metadata.endTime()));
        return out.text();
    }

    /** rules §6.3 "Monthly text": the allocation layout without the backfill-user and zero-active blocks. */
    public static String monthly(MonthlyReport report) {
        Lines out = new Lines();
        header(out, "CHTC MONTHLY GPU REPORT - " + report.month().toUpperCase(Locale.ROOT),
                "Period: " + report.month());
        body(out, ReportBody.of(report));
        out.blank();
        out.add("Data Period: " + report.month());
        return out.text();
    }

    /** The first line of a report whose numbers cannot be complete yet. */
    public static String partialNotice(Completeness completeness) {
        return "PARTIAL NUMBERS: " + completeness.reason() + "; they are complete once it has finished.\n";
    }

    /** A report that could not be computed (rules §4.11 "text: the message", 3.1's empty window). */
    public static String error(String message) {
        return message + "\n";
    }

    private static void header(Lines out, String title, String periodLine) {
        out.add(EQUALS_RULE);
        out.add(" ".repeat(Math.max(0, (WIDTH - title.length()) / 2)) + title);
        out.add(EQUALS_RULE);
        out.add(periodLine);
        out.add(EQUALS_RULE);
    }

    private static void body(Lines out, ReportBody body) {
        realSlots(out.block("REAL SLOTS:"), body.realSlots());
        if (body.hasMemoryTable()) {
            Lines block = out.block("REAL SLOTS BY MEMORY CATEGORY" + body.filteredSuffix() + ":");
            for (RatioRow row : body.memoryTable()) {
                block.indented(0, row.label() + ": " + ratio(row, ""));
            }
        }
        if (body.hasH200Users()) {
            userTable(out.block("H200 USAGE BY SLOT TYPE:"), body.h200Users());
        }
        if (body.hasBackfillUsers()) {
            userTable(out.block("BACKFILL USAGE BY SLOT TYPE" + body.filteredSuffix() + ":"), body.backfillUsers());
        }
        if (body.hasZeroActive()) {
            zeroActive(out.block("MACHINES WITH ZERO ACTIVE PRIMARY SLOT GPUS:"), body.zeroActive());
        }
        if (body.hasDeviceTables()) {
            deviceTables(out.block("USAGE BY DEVICE TYPE" + body.filteredSuffix() + ":"), body.deviceTables());
        }
        draining(out.block("GPU DRAINING STATUS:"), body.draining());
        preventJobs(out.block("GPUS WITH PREVENTJOBSREASON SET" + body.preventJobsHeadingSuffix() + ":"),
                body.preventJobs());
        if (body.hasExclusions()) {
            Lines block = out.block("EXCLUDED HOSTS:");
            body.excludedHosts().forEach((pattern, reason) -> block.indented(0, pattern + ": " + reason));
        }
    }

    private static void realSlots(Lines block, List<RealSlotsRow> rows) {
        for (RealSlotsRow row : rows) {
            block.indented(row.level(), row.label() + ": " + percent(row.allocatedPercent()) + " ("
                    + oneDecimal(row.claimed()) + "/" + oneDecimal(row.available()) + " GPUs), drained "
                    + oneDecimal(row.drained()) + ", prevented " + DisplayNumbers.prevented(row.prevented()));
        }
    }

    /** {@code 37.5% (1.5/4.0 GPUs)}, or with {@code avg } before the figures as the device lines have it. */
    private static String ratio(RatioRow row, String figuresPrefix) {
        return percent(row.allocatedPercent()) + " (" + figuresPrefix + oneDecimal(row.allocated()) + "/"
                + oneDecimal(row.available()) + " GPUs)";
    }

    private static void userTable(Lines block, UserTable table) {
        for (UserTable.ClassGroup group : table.groups()) {
            block.indented(0, group.label() + " (" + group.users().size() + " users): " + oneDecimal(group.slotTotal())
                    + " GPU-hours (" + percent(group.percentOfTotal()) + ")");
            for (UserTable.UserLine user : group.users()) {
                block.indented(1, user.user() + ": " + oneDecimal(user.gpuHours()) + " hrs ("
                        + percent(user.percentOfTotal()) + ")");
            }
        }
    }

    private static void zeroActive(Lines block, ZeroActiveMachines zeroActive) {
        block.indented(0, "Total machines: " + zeroActive.totalMachines() + " | Total idle GPUs: "
                + zeroActive.totalGpusIdle());
        block.indented(0, zeroActiveRow("Machine", "GPU Type", "GPUs", "Avg Backfill", "Projects"));
        for (ZeroActiveMachines.Machine machine : zeroActive.machines()) {
            String projects = ReportBody.projectsCell(machine.prioritizedProjects());
            if (projects.length() > 25) {
                projects = projects.substring(0, 25) + "...";
            }
            block.indented(0, zeroActiveRow(machine.machine(), machine.gpuModelShort(),
                    Integer.toString(machine.allGpus()), oneDecimal(machine.avgBackfillClaimed()), projects));
        }
    }

    private static String zeroActiveRow(String machine, String gpuType, String gpus, String avgBackfill,
                                        String projects) {
        // Widths of rules §6.3; a longer machine or model name pushes the row right rather than being cut.
        return padRight(machine, 40) + " " + padRight(gpuType, 25) + " " + padLeft(gpus, 5) + " "
                + padLeft(avgBackfill, 12) + " " + projects;
    }

    private static void deviceTables(Lines block, List<DeviceTable> tables) {
        for (DeviceTable table : tables) {
            block.indented(0, table.title() + ":");
            RatioRow total = null;
            for (RatioRow row : table.rows()) {
                if (total == null && row.key().equals("TOTAL")) {
                    total = row;
                } else {
                    block.indented(1, row.label() + ": " + ratio(row, "avg "));
                }
            }
            // The TOTAL line closes the class in text (the HTML table opens with it): same values either way.
            if (total != null) {
                block.indented(1, "TOTAL " + table.title() + ": " + ratio(total, "avg "));
            }
        }
    }

    private static void draining(Lines block, DrainingStats draining) {
        if (draining == null || !draining.hasDraining()) {
            block.indented(0, ReportBody.NO_DRAINING);
            return;
        }
        block.indented(0, "Hosts with drained GPUs: " + draining.numHosts());
        block.indented(0, "Unique GPUs drained: " + draining.numUniqueGpus());
        block.indented(0, "Total draining intervals: " + draining.numIntervals());
        block.indented(0, "Total draining time: " + twoDecimals(draining.totalHours()) + " hours");
        draining.perHost().forEach((host, stats) -> block.indented(1, host + ": " + stats.numGpus() + " GPUs, "
                + stats.numIntervals() + " intervals, " + twoDecimals(stats.totalHours()) + " hours"));
    }

    private static void preventJobs(Lines block, PreventJobsStats stats) {
        if (stats == null || !stats.hasPreventJobs()) {
            block.indented(0, ReportBody.NO_PREVENT_JOBS);
            return;
        }
        block.indented(0, "Hosts: " + stats.numHosts() + " | GPUs: " + stats.numUniqueGpus());
        stats.byReason().forEach((reason, count) -> block.indented(0, reason + ": " + count.numHosts() + " hosts, "
                + count.numGpus() + " GPUs"));
        stats.perHost().forEach((host, prevent) -> block.indented(1, host + ": " + prevent.numGpus() + " GPUs, "
                + ReportBody.hostStatus(prevent) + ", last seen " + prevent.lastSeen() + ", "
                + String.join("; ", prevent.reasons())));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Time series (rules §4.13)

    /** How many of the latest buckets the "Recent Trend" lists. */
    static final int TREND_ROWS = 5;

    /**
     * rules §4.13: the column means over all rows (zero rows included), then the last five buckets. The percentage is
     * the mean of the per-bucket percentages, not the ratio of the mean counts (Example A: Backfill 22.5% of 1.0/4.5).
     */
    public static String timeSeries(TimeSeriesReport report) {
        List<TimeSeriesReport.Row> rows = report.rows();
        int n = rows.size();
        double[] sums = new double[9];
        for (TimeSeriesReport.Row row : rows) {
            double[] values = {row.priorityUsagePercent(), row.priorityClaimed(), row.priorityTotal(),
                    row.sharedUsagePercent(), row.sharedClaimed(), row.sharedTotal(),
                    row.backfillUsagePercent(), row.backfillClaimed(), row.backfillTotal()};
            for (int i = 0; i < values.length; i++) {
                sums[i] += values[i];
            }
        }
        Lines out = new Lines();
        out.add("Time Series Analysis:");
        String[] labels = {"Priority", "Shared", "Backfill"};
        for (int c = 0; c < labels.length; c++) {
            out.indented(0, labels[c] + ": " + percent(Percent.ratio(sums[3 * c], n)) + " ("
                    + oneDecimal(Percent.ratio(sums[3 * c + 1], n)) + "/"
                    + oneDecimal(Percent.ratio(sums[3 * c + 2], n)) + " GPUs)");
        }
        out.blank();
        out.add("Recent Trend:");
        for (TimeSeriesReport.Row row : rows.subList(Math.max(0, n - TREND_ROWS), n)) {
            out.indented(0, DisplayNumbers.trendTime(row.timestamp()) + ": "
                    + "Priority " + trendCell(row.priorityUsagePercent(), row.priorityClaimed(), row.priorityTotal())
                    + ", Shared " + trendCell(row.sharedUsagePercent(), row.sharedClaimed(), row.sharedTotal())
                    + ", Backfill "
                    + trendCell(row.backfillUsagePercent(), row.backfillClaimed(), row.backfillTotal()));
        }
        return out.text();
    }

    /** {@code 33.3% (2/6)}: integer counts, as in the trend lines and the HTML cells. */
    static String trendCell(double usagePercent, int claimed, int total) {
        return percent(usagePercent) + " (" + claimed + "/" + total + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GPU model snapshot (rules §4.12)

    /**
     * The model listing when no {@code gpu-model} was given, else the activity report of the chosen snapshot.
     *
     * <p>rules §4.12 fixes the section titles and the ACTIVE JOBS columns; the rest is chosen here in the original's
     * spirit: section titles at column 0 with their lines indented two spaces and no dash rules (this report is
     * wider than 70 columns and has its own 80-{@code =} frame), the same counts wherever a section has them, and
     * INACTIVE GPUs as columns GPU 11 and Machine 19 like ACTIVE JOBS, then the projects.
     */
    public static String gpuModelSnapshot(GpuModelSnapshotReport report) {
        if (report.snapshot() == null) {
            return modelListing(report);
        }
        GpuModelSnapshotReport.Activity activity = report.snapshot();
        Lines out = new Lines();
        out.add(SNAPSHOT_RULE);
        out.add("GPU MODEL ACTIVITY REPORT: " + report.gpuModel());
        out.add(SNAPSHOT_RULE);
        out.add("Target Time: " + DisplayNumbers.seconds(report.targetTime()));
        out.add("Snapshot Time: " + DisplayNumbers.seconds(activity.snapshotTime()));
        out.add("Time Difference: " + activity.timeDifferenceSeconds() + " seconds");

        out.blank();
        out.add("SUMMARY:");
        out.indented(0, "Total GPUs: " + activity.totalGpus());
        out.indented(0, "Active GPUs: " + activity.claimedGpus());
        out.indented(0, "Idle GPUs: " + activity.unclaimedGpus());
        out.indented(0, "Utilization: " + percent(activity.utilizationPercent()));
        out.indented(0, "Average GPU usage of active GPUs: " + (activity.avgGpuUsagePercent() == null
                ? "n/a (no usage data)" : percent(activity.avgGpuUsagePercent())));
        out.indented(0, "Machines: " + activity.numMachines());

        Map<String, GpuModelSnapshotReport.ClassCount> byClass = activity.byClass();
        GpuModelSnapshotReport.ClassCount priority = classCount(byClass, "Priority");
        GpuModelSnapshotReport.ClassCount shared = classCount(byClass, "Shared");
        GpuModelSnapshotReport.ClassCount backfill = classCount(byClass, "Backfill");
        out.blank();
        out.add("REAL SLOTS:");
        out.indented(0, "TOTAL: "
                + countCell(priority.claimed() + shared.claimed(), priority.total() + shared.total()));
        out.indented(0, "Priority: " + countCell(priority.claimed(), priority.total()));
        out.indented(0, "Shared: " + countCell(shared.claimed(), shared.total()));
        out.blank();
        out.add("SECONDARY (BACKFILL) SLOTS:");
        out.indented(0, "Backfill: " + countCell(backfill.claimed(), backfill.total()));

        out.blank();
        out.add("MACHINES (" + activity.machines().size() + "):");
        activity.machines().forEach(machine -> out.indented(0, machine));

        out.blank();
        out.add("ACTIVE JOBS (" + activity.activeJobs().size() + "):");
        if (activity.activeJobs().isEmpty()) {
            out.indented(0, "No active jobs found.");
        } else {
            // Columns of at least rules §4.12's widths, widened to the longest value: a cut job id or user
            // ("ap2002.chtc.wi") cannot be looked up.
            List<GpuModelSnapshotReport.ActiveJob> jobs = activity.activeJobs();
            int userWidth = widest(18, jobs.stream().map(job -> orDash(job.user())).toList());
            int jobWidth = widest(14, jobs.stream().map(job -> orDash(job.globalJobId())).toList());
            int gpuWidth = widest(11, jobs.stream().map(GpuModelSnapshotReport.ActiveJob::gpu).toList());
            int machineWidth = widest(19, jobs.stream().map(GpuModelSnapshotReport.ActiveJob::machine).toList());
            out.indented(0, cell("User", userWidth) + " " + cell("Job ID", jobWidth) + " " + cell("GPU", gpuWidth)
                    + " " + cell("Machine", machineWidth));
            out.indented(0, "-".repeat(userWidth) + " " + "-".repeat(jobWidth) + " " + "-".repeat(gpuWidth) + " "
                    + "-".repeat(machineWidth));
            for (GpuModelSnapshotReport.ActiveJob job : jobs) {
                out.indented(0, cell(orDash(job.user()), userWidth) + " " + cell(orDash(job.globalJobId()), jobWidth)
                        + " " + cell(job.gpu(), gpuWidth) + " " + cell(job.machine(), machineWidth));
            }
        }

        out.blank();
        out.add("INACTIVE GPUs (" + activity.inactiveGpus().size() + "):");
        if (activity.inactiveGpus().isEmpty()) {
            out.indented(0, "No inactive GPUs found.");
        } else {
            List<GpuModelSnapshotReport.InactiveGpu> idle = activity.inactiveGpus();
            int gpuWidth = widest(11, idle.stream().map(GpuModelSnapshotReport.InactiveGpu::gpu).toList());
            int machineWidth = widest(19, idle.stream().map(GpuModelSnapshotReport.InactiveGpu::machine).toList());
            out.indented(0, cell("GPU", gpuWidth) + " " + cell("Machine", machineWidth) + " Prioritized Projects");
            out.indented(0, "-".repeat(gpuWidth) + " " + "-".repeat(machineWidth) + " " + "-".repeat(20));
            for (GpuModelSnapshotReport.InactiveGpu gpu : idle) {
                out.indented(0, cell(gpu.gpu(), gpuWidth) + " " + cell(gpu.machine(), machineWidth) + " "
                        + projectsAsStored(gpu.prioritizedProjects()));
            }
        }
        return out.text();
    }

    private static String modelListing(GpuModelSnapshotReport report) {
        Lines out = new Lines();
        out.add("Available GPU models at " + DisplayNumbers.seconds(report.targetTime()) + ":");
        List<String> models = report.models() == null ? List.of() : report.models();
        for (int i = 0; i < models.size(); i++) {
            out.indented(0, (i + 1) + ". " + models.get(i));
        }
        out.blank();
        out.add("For one model's activity at this time, repeat the query with gpu-model set to its exact name,");
        out.add("e.g. gpu-model=" + (models.isEmpty() ? "\"NVIDIA H200\"" : "\"" + models.get(0) + "\"") + ".");
        return out.text();
    }

    private static GpuModelSnapshotReport.ClassCount classCount(Map<String, GpuModelSnapshotReport.ClassCount> byClass,
                                                               String label) {
        GpuModelSnapshotReport.ClassCount count = byClass == null ? null : byClass.get(label);
        return count == null ? new GpuModelSnapshotReport.ClassCount(0, 0) : count;
    }

    /** {@code 5/8 (62.5%)}. */
    private static String countCell(int claimed, int total) {
        return claimed + "/" + total + " (" + percent(Percent.of(claimed, total)) + ")";
    }

    /** The column width: {@code least}, or the longest value's length when longer. */
    private static int widest(int least, List<String> values) {
        int width = least;
        for (String value : values) {
            width = Math.max(width, value == null ? 0 : value.length());
        }
        return width;
    }

    /** Padded to {@code width}; the widths come from {@link #widest}, so nothing is cut. */
    private static String cell(String value, int width) {
        return padRight(value == null ? "" : value, width);
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    /** PP as stored, with the two values that would otherwise read as nothing spelled out (rules §2.1). */
    private static String projectsAsStored(String projects) {
        if (projects == null) {
            return "(not set)";
        }
        return projects.isBlank() ? "(none)" : projects;
    }

    // ---------------------------------------------------------------------------------------------------------------

    static String padRight(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /** Lines of one report; blocks are titled, ruled and separated by one blank line (rules §6.3). */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();

        void add(String line) {
            lines.add(line);
        }

        void blank() {
            lines.add("");
        }

        /** Indentation 2 + 2 × level (rules §6.3). */
        void indented(int level, String line) {
            lines.add(" ".repeat(2 + 2 * level) + line);
        }

        Lines block(String title) {
            blank();
            add(title);
            add(DASH_RULE);
            return this;
        }

        String text() {
            StringBuilder out = new StringBuilder();
            for (String line : lines) {
                out.append(line.stripTrailing()).append('\n');
            }
            return out.toString();
        }
    }
}
