package io.gpuledger.streams.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.GpuModelSnapshotReport;
import io.gpuledger.streams.report.GpuModelSnapshots;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextRendererTest {

    static String resource(String name) throws IOException {
        try (InputStream in = TextRendererTest.class.getResourceAsStream("/render/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    /** The lines of one block: from its title to the blank line that ends it. */
    static List<String> block(String text, String title) {
        List<String> all = lines(text);
        int start = all.indexOf(title);
        assertThat(start).as("block %s in%n%s", title, text).isNotNegative();
        List<String> block = new ArrayList<>();
        for (int i = start; i < all.size() && !all.get(i).isEmpty(); i++) {
            block.add(all.get(i));
        }
        return block;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Allocation (rules §6.3, 7.1-7.5)

    @Test
    void exampleAAllocationTextEqualsSpecGoldenByteForByte() throws IOException {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleA()));

        assertThat(text).isEqualTo(resource("example-a-allocation.txt"));
    }

    @Test
    void exampleAOver24HoursMultipliesUserHoursBy24() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleA(),
                SpecExamples.exampleAHours24Query()));

        assertThat(lines(text)).contains("Period: 24 hours");
        assertThat(block(text, "H200 USAGE BY SLOT TYPE:")).containsExactly(
                "H200 USAGE BY SLOT TYPE:", "-".repeat(70),
                "  Open Capacity (1 users): 24.0 GPU-hours (100.0%)",
                "    dave@chtc.wisc.edu: 24.0 hrs (100.0%)");
        assertThat(block(text, "BACKFILL USAGE BY SLOT TYPE (filtered):")).contains(
                "    carol@chtc.wisc.edu: 24.0 hrs (100.0%)");
    }

    @Test
    void exampleCShowsUnmappedDevicesRawAndNoPcoRow() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleC()));

        assertThat(block(text, "REAL SLOTS:")).containsExactly(
                "REAL SLOTS:", "-".repeat(70),
                "  TOTAL (primary + secondary): 57.1% (2.0/3.5 GPUs), drained 0.0, prevented —",
                "  Prioritized (TOTAL): 66.7% (1.0/1.5 GPUs), drained 0.0, prevented —",
                "    Primary: 33.3% (0.5/1.5 GPUs), drained 0.0, prevented —",
                "      Researcher-Owned Hardware: 33.3% (0.5/1.5 GPUs), drained 0.0, prevented —",
                "    Secondary (Backfill): 50.0% (0.5/1.0 GPUs), drained 0.0, prevented —",
                "      Researcher-Owned Hardware (secondary): 50.0% (0.5/1.0 GPUs), drained 0.0, prevented —",
                "  Open Capacity (TOTAL): 50.0% (1.0/2.0 GPUs), drained 0.0, prevented —",
                "    Open Capacity (Standard): 50.0% (1.0/2.0 GPUs), drained 0.0, prevented —");
        assertThat(block(text, "REAL SLOTS BY MEMORY CATEGORY (filtered):")).containsExactly(
                "REAL SLOTS BY MEMORY CATEGORY (filtered):", "-".repeat(70),
                "  TOTAL: 42.9% (1.5/3.5 GPUs)",
                "  <48GB: 42.9% (1.5/3.5 GPUs)");
        assertThat(block(text, "BACKFILL USAGE BY SLOT TYPE (filtered):")).containsExactly(
                "BACKFILL USAGE BY SLOT TYPE (filtered):", "-".repeat(70),
                "  Researcher-Owned Hardware (1 users): 0.5 GPU-hours (100.0%)",
                "    user3@domain.com: 0.5 hrs (100.0%)");
        assertThat(block(text, "USAGE BY DEVICE TYPE (filtered):")).contains(
                "    Tesla V100-SXM2-32GB: 33.3% (avg 0.5/1.5 GPUs)",
                "    Tesla A100-SXM4-40GB: 50.0% (avg 1.0/2.0 GPUs)",
                "    TOTAL Researcher-Owned Hardware (secondary): 50.0% (avg 0.5/1.0 GPUs)");
        assertThat(text).doesNotContain("H200 USAGE", "MACHINES WITH ZERO", "Researcher-Reserved");
        assertThat(block(text, "GPU DRAINING STATUS:")).endsWith("  No GPUs were drained during this period.");
    }

    @Test
    void exampleDWithAllDevicesShowsOpenCapacityPreventedAndTheZeroActiveMachine() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleD(),
                SpecExamples.exampleDAllDevicesQuery()));

        assertThat(block(text, "REAL SLOTS:")).containsExactly(
                "REAL SLOTS:", "-".repeat(70),
                "  TOTAL (primary + secondary): 60.0% (3.0/5.0 GPUs), drained 0.5, prevented 1.0",
                "  Prioritized (TOTAL): 100.0% (3.0/3.0 GPUs), drained 0.5, prevented —",
                "    Primary: 66.7% (2.0/3.0 GPUs), drained 0.5, prevented —",
                "      Researcher-Owned Hardware: 50.0% (1.0/2.0 GPUs), drained 0.5, prevented —",
                "      Researcher-Reserved Capacity: 100.0% (1.0/1.0 GPUs), drained 0.0, prevented —",
                "    Secondary (Backfill): 50.0% (1.0/2.0 GPUs), drained 0.0, prevented —",
                "      Researcher-Owned Hardware (secondary): 50.0% (0.5/1.0 GPUs), drained 0.0, prevented —",
                "      Researcher-Reserved Capacity (secondary): 50.0% (0.5/1.0 GPUs), drained 0.0, prevented —",
                "  Open Capacity (TOTAL): 0.0% (0.0/2.0 GPUs), drained 0.0, prevented 1.0",
                "    Open Capacity (Standard): 0.0% (0.0/2.0 GPUs), drained 0.0, prevented 1.0");
        // all-devices on: no "(filtered)" anywhere.
        assertThat(text).doesNotContain("(filtered)");
        assertThat(block(text, "REAL SLOTS BY MEMORY CATEGORY:")).containsExactly(
                "REAL SLOTS BY MEMORY CATEGORY:", "-".repeat(70),
                "  TOTAL: 50.0% (2.5/5.0 GPUs)",
                "  <48GB: 37.5% (1.5/4.0 GPUs)",
                "  >80GB: 100.0% (1.0/1.0 GPUs)");
        assertThat(block(text, "MACHINES WITH ZERO ACTIVE PRIMARY SLOT GPUS:")).containsExactly(
                "MACHINES WITH ZERO ACTIVE PRIMARY SLOT GPUS:", "-".repeat(70),
                "  Total machines: 1 | Total idle GPUs: 2",
                "  Machine                                  GPU Type                   GPUs Avg Backfill Projects",
                "  gpu3.chtc.wisc.edu                       Tesla P100 16GB               2          0.0 Open Capacity");
        assertThat(block(text, "H200 USAGE BY SLOT TYPE:")).containsExactly(
                "H200 USAGE BY SLOT TYPE:", "-".repeat(70),
                "  Researcher-Reserved Capacity (1 users): 1.0 GPU-hours (66.7%)",
                "    bob@chtc.wisc.edu: 1.0 hrs (66.7%)",
                "  Researcher-Reserved Capacity (secondary) (1 users): 0.5 GPU-hours (33.3%)",
                "    dave@chtc.wisc.edu: 0.5 hrs (33.3%)");
        assertThat(block(text, "BACKFILL USAGE BY SLOT TYPE:")).containsExactly(
                "BACKFILL USAGE BY SLOT TYPE:", "-".repeat(70),
                "  Researcher-Owned Hardware (1 users): 0.5 GPU-hours (50.0%)",
                "    carol@chtc.wisc.edu: 0.5 hrs (50.0%)",
                "  Researcher-Reserved Capacity (1 users): 0.5 GPU-hours (50.0%)",
                "    dave@chtc.wisc.edu: 0.5 hrs (50.0%)");
        assertThat(block(text, "GPUS WITH PREVENTJOBSREASON SET:")).containsExactly(
                "GPUS WITH PREVENTJOBSREASON SET:", "-".repeat(70),
                "  Hosts: 1 | GPUs: 1",
                "  GPUHealthy == False: 1 hosts, 1 GPUs",
                "    gpu3.chtc.wisc.edu: 1 GPUs, Active, last seen 2026-05-15 10:15, GPUHealthy == False");
        assertThat(block(text, "GPU DRAINING STATUS:")).containsExactly(
                "GPU DRAINING STATUS:", "-".repeat(70),
                "  Hosts with drained GPUs: 1",
                "  Unique GPUs drained: 1",
                "  Total draining intervals: 1",
                "  Total draining time: 0.25 hours",
                "    gpu1.chtc.wisc.edu: 1 GPUs, 1 intervals, 0.25 hours");
    }

    @Test
    void exampleDFilteredDropsTheOldDeviceEverywhereItShould() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleD()));

        assertThat(block(text, "REAL SLOTS:")).contains(
                "  TOTAL (primary + secondary): 100.0% (3.0/3.0 GPUs), drained 0.5, prevented —",
                "  Prioritized (TOTAL): 100.0% (3.0/3.0 GPUs), drained 0.5, prevented —");
        assertThat(block(text, "REAL SLOTS:")).noneMatch(line -> line.contains("Open Capacity"));
        assertThat(block(text, "REAL SLOTS BY MEMORY CATEGORY (filtered):")).containsExactly(
                "REAL SLOTS BY MEMORY CATEGORY (filtered):", "-".repeat(70),
                "  TOTAL: 83.3% (2.5/3.0 GPUs)",
                "  <48GB: 75.0% (1.5/2.0 GPUs)",
                "  >80GB: 100.0% (1.0/1.0 GPUs)");
        assertThat(lines(text)).contains("USAGE BY DEVICE TYPE (filtered):", "BACKFILL USAGE BY SLOT TYPE (filtered):");
        assertThat(text).doesNotContain("MACHINES WITH ZERO ACTIVE", "P100");
        // PreventJobsReason ignores the device filter (rules §4.9).
        assertThat(lines(text)).contains(
                "    gpu3.chtc.wisc.edu: 1 GPUs, Active, last seen 2026-05-15 10:15, GPUHealthy == False");
    }

    @Test
    void exampleE1BusyPreventedGpusShowNoPrevented() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleE1()));

        List<String> realSlots = block(text, "REAL SLOTS:");
        assertThat(realSlots).contains("  Open Capacity (TOTAL): 66.7% (2.0/3.0 GPUs), drained 0.0, prevented —");
        assertThat(realSlots.subList(2, realSlots.size())).allMatch(line -> line.endsWith(", prevented —"));
        assertThat(block(text, "GPUS WITH PREVENTJOBSREASON SET:")).containsExactly(
                "GPUS WITH PREVENTJOBSREASON SET:", "-".repeat(70),
                "  Hosts: 1 | GPUs: 2",
                "  GPUHealthy == False: 1 hosts, 2 GPUs",
                "    hostA.chtc.wisc.edu: 2 GPUs, Active, last seen 2026-07-02 12:00, GPUHealthy == False");
    }

    @Test
    void exampleE2LiftedHostAndPreventedOnePointFive() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleE2()));

        assertThat(block(text, "REAL SLOTS:")).contains(
                "  Open Capacity (TOTAL): 25.0% (0.5/2.0 GPUs), drained 0.0, prevented 1.5",
                "  TOTAL (primary + secondary): 25.0% (0.5/2.0 GPUs), drained 0.0, prevented 1.5");
        assertThat(block(text, "GPUS WITH PREVENTJOBSREASON SET:")).contains(
                "  Hosts: 2 | GPUs: 2",
                "    hostA.chtc.wisc.edu: 1 GPUs, Lifted, last seen 2026-07-02 12:00, GPUHealthy == False",
                "    hostB.chtc.wisc.edu: 1 GPUs, Active, last seen 2026-07-02 12:15, GPUHealthy == False");
    }

    @Test
    void exampleE2cCarriesPreventedUpThePrioritizedRows() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleE2c()));

        assertThat(block(text, "REAL SLOTS:")).contains(
                "  TOTAL (primary + secondary): 25.0% (0.5/2.0 GPUs), drained 0.0, prevented 1.5",
                "  Prioritized (TOTAL): 25.0% (0.5/2.0 GPUs), drained 0.0, prevented 1.5",
                "    Primary: 25.0% (0.5/2.0 GPUs), drained 0.0, prevented 1.5",
                "      Researcher-Reserved Capacity: 25.0% (0.5/2.0 GPUs), drained 0.0, prevented 1.5");
    }

    @Test
    void exampleE3CountsOnlyTheIdlePreventedGpu() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleE3()));

        assertThat(block(text, "REAL SLOTS:")).contains(
                "  Open Capacity (TOTAL): 50.0% (1.0/2.0 GPUs), drained 0.0, prevented 1.0");
        assertThat(block(text, "GPUS WITH PREVENTJOBSREASON SET:")).contains("  Hosts: 1 | GPUs: 3");
    }

    @Test
    void exampleE7HeadingCarriesTheSparseDataNote() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleE7()));

        assertThat(lines(text)).contains(
                "GPUS WITH PREVENTJOBSREASON SET (reason data in 1 of 5 intervals):");
    }

    @Test
    void exampleE5WithoutReasonColumnPrintsTheEmptyMessage() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleE5()));

        assertThat(block(text, "GPUS WITH PREVENTJOBSREASON SET:")).containsExactly(
                "GPUS WITH PREVENTJOBSREASON SET:", "-".repeat(70),
                "  No GPUs have PreventJobsReason set during this period.");
    }

    @Test
    void exampleBDrainingHoursUseTwoDecimals() {
        String text = TextRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleB()));

        assertThat(block(text, "GPU DRAINING STATUS:")).contains(
                "  Total draining time: 0.17 hours",
                "    gpu2003.chtc.wisc.edu: 1 GPUs, 1 intervals, 0.17 hours");
        assertThat(block(text, "REAL SLOTS:")).contains(
                "  TOTAL (primary + secondary): 33.3% (0.3/1.0 GPUs), drained 0.3, prevented —",
                "    Open Capacity (Flagship): 33.3% (0.3/1.0 GPUs), drained 0.3, prevented —");
    }

    @Test
    void noExclusionsMeansNoExcludedHostsBlock() {
        SpecExample example = SpecExamples.exampleA();
        String text = TextRenderer.allocation(ExampleReports.allocation(example,
                example.query().withExclusions(HostExclusions.none())));

        assertThat(text).doesNotContain("EXCLUDED HOSTS:");
        assertThat(lines(text)).contains("GPUS WITH PREVENTJOBSREASON SET:");
    }

    @Test
    void everyExampleFollowsTheTextLayoutRules() {
        int rendered = 0;
        for (SpecExample example : SpecExamples.all()) {
            AllocationReport report;
            try {
                report = ExampleReports.allocation(example);
            } catch (NoDataException empty) {
                continue;
            }
            String text = TextRenderer.allocation(report);
            rendered++;
            assertThat(text).as("%s ends with one newline", example).endsWith("\n").doesNotEndWith("\n\n");
            List<String> lines = lines(text.substring(0, text.length() - 1));
            assertThat(lines).as("%s: no trailing spaces", example).noneMatch(line -> line.endsWith(" "));
            assertThat(lines).as("%s: rules are 70 wide", example)
                    .filteredOn(line -> line.startsWith("==") || line.startsWith("--"))
                    .allMatch(line -> line.equals("=".repeat(70)) || line.equals("-".repeat(70)));
            assertThat(lines.get(lines.size() - 1)).as("%s last line", example).startsWith("Data Period: ");
            // Every block title is followed by a dash rule and preceded by a blank line.
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals("-".repeat(70))) {
                    assertThat(lines.get(i - 2)).as("%s blank before %s", example, lines.get(i - 1)).isEmpty();
                    assertThat(lines.get(i - 1)).endsWith(":");
                }
            }
        }
        assertThat(rendered).isGreaterThanOrEqualTo(20);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Monthly (rules §6.3 "Monthly text", 7.4)

    @Test
    void exampleDMonthlyTextHasTheMonthTitleAndNoBackfillOrZeroActiveBlocks() {
        SpecExample example = SpecExamples.exampleD();
        String text = TextRenderer.monthly(ExampleReports.monthly(example, example.query(), YearMonth.of(2026, 5)));

        List<String> lines = lines(text);
        assertThat(lines.subList(0, 6)).containsExactly(
                "=".repeat(70),
                " ".repeat(18) + "CHTC MONTHLY GPU REPORT - MAY 2026",
                "=".repeat(70),
                "Period: May 2026",
                "=".repeat(70),
                "");
        assertThat(lines.get(lines.size() - 2)).isEqualTo("Data Period: May 2026");
        assertThat(text).doesNotContain("BACKFILL USAGE", "MACHINES WITH ZERO");
        assertThat(block(text, "H200 USAGE BY SLOT TYPE:")).contains(
                "    bob@chtc.wisc.edu: 744.0 hrs (66.7%)",
                "    dave@chtc.wisc.edu: 372.0 hrs (33.3%)");
        assertThat(block(text, "REAL SLOTS:")).contains(
                "  TOTAL (primary + secondary): 100.0% (3.0/3.0 GPUs), drained 0.5, prevented —");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Time series (rules §4.13)

    @Test
    void exampleATimeSeriesTextShowsColumnMeansAndTheTrend() {
        String text = TextRenderer.timeSeries(ExampleReports.timeSeries(SpecExamples.exampleA(), 15));

        assertThat(text).isEqualTo("""
                Time Series Analysis:
                  Priority: 33.3% (2.0/6.0 GPUs)
                  Shared: 75.0% (1.0/1.5 GPUs)
                  Backfill: 22.5% (1.0/4.5 GPUs)

                Recent Trend:
                  11-03 10:00: Priority 33.3% (2/6), Shared 50.0% (1/2), Backfill 20.0% (1/5)
                  11-03 10:15: Priority 33.3% (2/6), Shared 100.0% (1/1), Backfill 25.0% (1/4)
                """);
    }

    @Test
    void exampleBTimeSeriesMeansIncludeTheEmptyBucket() {
        String text = TextRenderer.timeSeries(ExampleReports.timeSeries(SpecExamples.exampleB(), 15));

        assertThat(lines(text)).contains("  Shared: 16.7% (0.3/1.0 GPUs)",
                "  11-03 10:15: Priority 0.0% (0/0), Shared 0.0% (0/0), Backfill 0.0% (0/0)");
    }

    @Test
    void exampleCTimeSeriesMeans() {
        String text = TextRenderer.timeSeries(ExampleReports.timeSeries(SpecExamples.exampleC(), 15));

        assertThat(lines(text)).contains(
                "  Priority: 25.0% (0.5/1.5 GPUs)",
                "  Shared: 41.7% (1.0/2.5 GPUs)",
                "  Backfill: 25.0% (0.5/1.0 GPUs)");
    }

    @Test
    void recentTrendListsOnlyTheLastFiveBuckets() {
        List<TimeSeriesReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(new TimeSeriesReport.Row("2026-07-02 1" + i + ":00:00", i, 10, i * 10.0, 0, 0, 0, 0, 0, 0));
        }
        TimeSeriesReport report = new TimeSeriesReport("timeseries", null, 60, rows);

        List<String> trend = lines(TextRenderer.timeSeries(report));
        int start = trend.indexOf("Recent Trend:");
        assertThat(trend.subList(start + 1, trend.size() - 1)).containsExactly(
                "  07-02 12:00: Priority 20.0% (2/10), Shared 0.0% (0/0), Backfill 0.0% (0/0)",
                "  07-02 13:00: Priority 30.0% (3/10), Shared 0.0% (0/0), Backfill 0.0% (0/0)",
                "  07-02 14:00: Priority 40.0% (4/10), Shared 0.0% (0/0), Backfill 0.0% (0/0)",
                "  07-02 15:00: Priority 50.0% (5/10), Shared 0.0% (0/0), Backfill 0.0% (0/0)",
                "  07-02 16:00: Priority 60.0% (6/10), Shared 0.0% (0/0), Backfill 0.0% (0/0)");
        assertThat(trend).contains("  Priority: 30.0% (3.0/10.0 GPUs)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GPU model snapshot (rules §4.12)

    private static List<HostSnapshot> aroundTarget(SpecExample example, LocalDateTime target, int minutes) {
        return example.snapshots().stream()
                .filter(s -> Duration.between(s.timestamp(), target).abs().compareTo(Duration.ofMinutes(minutes)) <= 0)
                .toList();
    }

    @Test
    void gpuModelSnapshotOfExampleAH200AtT1() {
        LocalDateTime target = SnapshotTime.parse("2025-11-03 10:00:00");
        GpuModelSnapshotReport report = GpuModelSnapshots.compute(aroundTarget(SpecExamples.exampleA(), target, 5),
                target, 5, SpecExamples.H200, HostExclusions.shippedDefault());

        assertThat(TextRenderer.gpuModelSnapshot(report)).isEqualTo("""
                ================================================================================
                GPU MODEL ACTIVITY REPORT: NVIDIA H200
                ================================================================================
                Target Time: 2025-11-03 10:00:00
                Snapshot Time: 2025-11-03 10:00:05
                Time Difference: 5 seconds

                SUMMARY:
                  Total GPUs: 2
                  Active GPUs: 1
                  Idle GPUs: 1
                  Utilization: 50.0%
                  Average GPU usage of active GPUs: n/a (no usage data)
                  Machines: 1

                REAL SLOTS:
                  TOTAL: 1/2 (50.0%)
                  Priority: 0/0 (0.0%)
                  Shared: 1/2 (50.0%)

                SECONDARY (BACKFILL) SLOTS:
                  Backfill: 0/1 (0.0%)

                MACHINES (1):
                  gpu2003.chtc.wisc.edu

                ACTIVE JOBS (1):
                  User               Job ID         GPU         Machine
                  ------------------ -------------- ----------- ---------------------
                  dave@chtc.wisc.edu -              GPU-s1      gpu2003.chtc.wisc.edu

                INACTIVE GPUs (1):
                  GPU         Machine               Prioritized Projects
                  ----------- --------------------- --------------------
                  GPU-s2      gpu2003.chtc.wisc.edu (none)
                """);
    }

    @Test
    void gpuModelSnapshotWidensColumnsToWholeJobIdsAndUsersAndPrintsEmptyListMessages() {
        GpuModelSnapshotReport.Activity activity = new GpuModelSnapshotReport.Activity("2026-07-02 12:00:03", 3,
                1, 1, 0, 100.0, 87.5, 1, List.of("gpu4000.chtc.wisc.edu"),
                Map.of("Priority", new GpuModelSnapshotReport.ClassCount(1, 1),
                        "Shared", new GpuModelSnapshotReport.ClassCount(0, 0),
                        "Backfill", new GpuModelSnapshotReport.ClassCount(0, 0)),
                List.of(new GpuModelSnapshotReport.ActiveJob("averyveryverylongusername@wisc.edu",
                        "ap2002.chtc.wisc.edu#12345.0#1700000000", "GPU-0667ce7c-1234", "gpu4000.chtc.wisc.edu")),
                List.of());
        String text = TextRenderer.gpuModelSnapshot(new GpuModelSnapshotReport("gpu_model_snapshot",
                "2026-07-02 12:00:00", 5, "NVIDIA H100 80GB HBM3", null, activity, false, null));

        assertThat(lines(text)).contains(
                "  averyveryverylongusername@wisc.edu ap2002.chtc.wisc.edu#12345.0#1700000000 GPU-0667ce7c-1234"
                        + " gpu4000.chtc.wisc.edu",
                "  Average GPU usage of active GPUs: 87.5%",
                "  TOTAL: 1/1 (100.0%)",
                "  No inactive GPUs found.");
        assertThat(lines(text)).noneMatch(line -> line.endsWith(" "));
        assertThat(lines(text).get(0)).hasSize(80);
    }

    @Test
    void gpuModelSnapshotWithoutActiveJobsSaysSo() {
        GpuModelSnapshotReport.Activity activity = new GpuModelSnapshotReport.Activity("2026-07-02 12:00:00", 0,
                1, 0, 1, 0.0, null, 1, List.of("h"), Map.of(), List.of(),
                List.of(new GpuModelSnapshotReport.InactiveGpu("GPU-1", "h", null)));
        String text = TextRenderer.gpuModelSnapshot(new GpuModelSnapshotReport("gpu_model_snapshot",
                "2026-07-02 12:00:00", 5, "NVIDIA L40S", null, activity, false, null));

        assertThat(block(text, "ACTIVE JOBS (0):")).containsExactly("ACTIVE JOBS (0):", "  No active jobs found.");
        assertThat(lines(text)).contains("  GPU-1       h                   (not set)");
    }

    @Test
    void gpuModelListingNumbersTheModelsAndEndsWithAHint() {
        LocalDateTime target = SnapshotTime.parse("2025-11-03 10:00:00");
        GpuModelSnapshotReport report = GpuModelSnapshots.compute(aroundTarget(SpecExamples.exampleA(), target, 5),
                target, 5, null, HostExclusions.shippedDefault());

        List<String> lines = lines(TextRenderer.gpuModelSnapshot(report));
        assertThat(lines.subList(0, 5)).containsExactly(
                "Available GPU models at 2025-11-03 10:00:00:",
                "  1. NVIDIA H100 80GB HBM3",
                "  2. NVIDIA H200",
                "  3. NVIDIA L40S",
                "");
        assertThat(String.join("\n", lines.subList(5, lines.size()))).contains("gpu-model", "\"NVIDIA H100 80GB HBM3\"");
    }

    @Test
    void errorTextIsTheMessage() {
        assertThat(TextRenderer.error("No data found for May 2026")).isEqualTo("No data found for May 2026\n");
    }
}
