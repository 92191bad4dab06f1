package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.allocation;
import static io.gpuledger.streams.spec.SpecReports.deviceStat;
import static io.gpuledger.streams.spec.SpecReports.preventedCell;
import static io.gpuledger.streams.spec.SpecReports.ratioCell;
import static io.gpuledger.streams.spec.SpecReports.realSlotsLabels;
import static io.gpuledger.streams.spec.SpecReports.realSlotsRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples.E;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.PreventJobsStats;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.topology.TopologyHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rules §7.5, Example E: PreventJobsReason on open-capacity L40S machines (PP {@code ""}), R = {@code GPUHealthy ==
 * False}, 2026-07-02, {@code hours-back 1}, default end. Each case is its own data set, piped into its own topology.
 */
class ExampleETest {

    private static final String L40S = SpecExamples.L40S;
    private static final String R = E.R;

    private static AllocationReport report(SpecExample example) {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.pipe(example.snapshots());
            return allocation(harness, example);
        }
    }

    private static void assertAllPreventedCellsEmpty(AllocationReport report) {
        assertThat(report.realSlots()).allSatisfy(row -> assertThat(preventedCell(row)).isEqualTo("—"));
        report.deviceStats().values().forEach(devices -> devices.values()
                .forEach(stat -> assertThat(stat.avgPrevented()).isEqualTo(0.0)));
    }

    @Test
    void e1BusyGpusAreReportedButNotPrevented() {
        AllocationReport report = report(SpecExamples.exampleE1());
        PreventJobsStats prevent = report.preventJobsStats();
        // has_prevent_jobs; 1 host, 2 GPUs; hostA [R], Active, last seen 2026-07-02 12:00.
        assertThat(prevent.hasPreventJobs()).isTrue();
        assertThat(prevent.numHosts()).isEqualTo(1);
        assertThat(prevent.numUniqueGpus()).isEqualTo(2);
        assertThat(prevent.perHost()).containsOnlyKeys(E.HOST_A);
        assertThat(prevent.perHost().get(E.HOST_A))
                .isEqualTo(new PreventJobsStats.HostPrevent(2, List.of(R), "2026-07-02 12:00", true));
        assertThat(prevent.byReason().get(R)).isEqualTo(new PreventJobsStats.ReasonCount(1, 2));
        // Every Prevented cell "—" (Claimed rows are never prevented).
        assertAllPreventedCellsEmpty(report);
        // Open Capacity 66.7% (2.0/3.0).
        assertThat(ratioCell(realSlotsRow(report, "Open Capacity (TOTAL)"))).isEqualTo("66.7% (2.0/3.0)");
        assertThat(realSlotsRow(report, "Open Capacity (TOTAL)").claimed()).isEqualTo(2.0);
        assertThat(realSlotsRow(report, "Open Capacity (TOTAL)").available()).isEqualTo(3.0);
    }

    @Test
    void e2LiftedAndActiveHosts() {
        AllocationReport report = report(SpecExamples.exampleE2());
        PreventJobsStats prevent = report.preventJobsStats();
        // 2 hosts, 2 GPUs; hostA Lifted, last seen 12:00; hostB Active, 12:15.
        assertThat(prevent.numHosts()).isEqualTo(2);
        assertThat(prevent.numUniqueGpus()).isEqualTo(2);
        assertThat(prevent.perHost().keySet()).containsExactly(E.HOST_A, E.HOST_B);
        assertThat(prevent.perHost().get(E.HOST_A))
                .isEqualTo(new PreventJobsStats.HostPrevent(1, List.of(R), "2026-07-02 12:00", false));
        assertThat(prevent.perHost().get(E.HOST_B))
                .isEqualTo(new PreventJobsStats.HostPrevent(1, List.of(R), "2026-07-02 12:15", true));
        assertThat(prevent.byReason().get(R)).isEqualTo(new PreventJobsStats.ReasonCount(2, 2));
        assertThat(prevent.pjBuckets()).isEqualTo(2);
        assertThat(prevent.totalBuckets()).isEqualTo(2);
        // Shared Prevented (2+1)/2 = 1.5.
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgPrevented()).isEqualTo(1.5);
        assertThat(prevent.perClassAvg()).containsEntry("Shared", 1.5);
        // Open Capacity 25.0% (0.5/2.0), with its Prevented 1.5.
        RealSlotsRow open = realSlotsRow(report, "Open Capacity (TOTAL)");
        assertThat(ratioCell(open)).isEqualTo("25.0% (0.5/2.0)");
        assertThat(open.allocatedPercent()).isEqualTo(25.0);
        assertThat(open.prevented()).isEqualTo(1.5);
        assertThat(preventedCell(open)).isEqualTo("1.5");
        assertThat(realSlotsRow(report, "TOTAL (primary + secondary)").prevented()).isEqualTo(1.5);
    }

    @Test
    void e2cOnChtcMachinesWithProjects() {
        SpecExample e2c = SpecExamples.exampleE2c();
        AllocationReport report = report(e2c);
        // Researcher-Reserved Capacity 25.0% (0.5/2.0), Prevented 1.5, also on Primary, Prioritized (TOTAL), TOTAL.
        assertThat(report.deviceStats()).containsOnlyKeys("Priority-CHTCOwned");
        assertThat(deviceStat(report, GpuClass.PCO, L40S).avgPrevented()).isEqualTo(1.5);
        assertThat(realSlotsLabels(report)).containsExactly(
                "TOTAL (primary + secondary) @0",
                "Prioritized (TOTAL) @0",
                "Primary @1",
                "Researcher-Reserved Capacity @2");
        for (String label : new String[] {"Researcher-Reserved Capacity", "Primary", "Prioritized (TOTAL)",
                "TOTAL (primary + secondary)"}) {
            RealSlotsRow row = realSlotsRow(report, label);
            assertThat(ratioCell(row)).as(label).isEqualTo("25.0% (0.5/2.0)");
            assertThat(row.prevented()).as(label).isEqualTo(1.5);
            assertThat(preventedCell(row)).as(label).isEqualTo("1.5");
        }
        // The host status is the same as in E2: the section ignores classes.
        assertThat(report.preventJobsStats().perHost().get(E.HOST_A).active()).isFalse();
        assertThat(report.preventJobsStats().perHost().get(E.HOST_B).active()).isTrue();
        assertThat(report.preventJobsStats().perClassAvg()).containsEntry("Priority-CHTCOwned", 1.5);
    }

    @Test
    void e3MixedOnlyTheIdleGpuIsPrevented() {
        AllocationReport report = report(SpecExamples.exampleE3());
        // Shared Prevented 1.0 (GPU-idle only; GPU-bf is represented by its backfill Claimed row).
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgPrevented()).isEqualTo(1.0);
        assertThat(realSlotsRow(report, "Open Capacity (TOTAL)").prevented()).isEqualTo(1.0);
        // num_unique_gpus 3.
        assertThat(report.preventJobsStats().numUniqueGpus()).isEqualTo(3);
        assertThat(report.preventJobsStats().perHost().get(E.HOST_A).numGpus()).isEqualTo(3);
        // Shared 50.0% (1.0/2.0): GPU-idle and GPU-busy; GPU-bf is in no Real class.
        assertThat(ratioCell(realSlotsRow(report, "Open Capacity (TOTAL)"))).isEqualTo("50.0% (1.0/2.0)");
        assertThat(realSlotsRow(report, "Open Capacity (TOTAL)").allocatedPercent()).isEqualTo(50.0);
    }

    @Test
    void e4PreventedPrimaryBeatsUnclaimedBackfill() {
        AllocationReport report = report(SpecExamples.exampleE4());
        // Primary wins (2 > 1): the GPU is Shared, and prevented.
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgTotalAvailable()).isEqualTo(1.0);
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgPrevented()).isEqualTo(1.0);
        assertThat(realSlotsRow(report, "Open Capacity (TOTAL)").prevented()).isEqualTo(1.0);
        assertThat(report.preventJobsStats().numUniqueGpus()).isEqualTo(1);
    }

    @Test
    void e5WithoutTheColumn() {
        SpecExample e5 = SpecExamples.exampleE5();
        assertThat(e5.preventJobsReasonColumn()).isFalse();
        AllocationReport report = report(e5);
        // has_prevent_jobs false, num_hosts 0, all Prevented "—".
        PreventJobsStats prevent = report.preventJobsStats();
        assertThat(prevent.hasPreventJobs()).isFalse();
        assertThat(prevent.numHosts()).isZero();
        assertThat(prevent.numUniqueGpus()).isZero();
        assertThat(prevent.perHost()).isEmpty();
        assertThat(prevent.byReason()).isEmpty();
        assertAllPreventedCellsEmpty(report);
    }

    @Test
    void e6BlankReasonsAreNotReasons() {
        AllocationReport report = report(SpecExamples.exampleE6());
        // Reasons "" and "   ": has_prevent_jobs false.
        assertThat(report.preventJobsStats().hasPreventJobs()).isFalse();
        assertThat(report.preventJobsStats().numHosts()).isZero();
        assertThat(report.preventJobsStats().pjBuckets()).isZero();
        assertAllPreventedCellsEmpty(report);
    }

    @Test
    void e7SparseReasonData() {
        AllocationReport report = report(SpecExamples.exampleE7());
        PreventJobsStats prevent = report.preventJobsStats();
        // Reason rows in 1 of the window's 5 buckets: 1/5 < 0.25, so the heading carries
        // "(reason data in 1 of 5 intervals)".
        assertThat(report.metadata().numIntervals()).isEqualTo(5);
        assertThat(prevent.pjBuckets()).isEqualTo(1);
        assertThat(prevent.totalBuckets()).isEqualTo(5);
        assertThat(prevent.sparse()).isTrue();
        // The reason's bucket is the latest with reason data, so hostA is Active, last seen 11:30.
        assertThat(prevent.perHost().get(E.HOST_A))
                .isEqualTo(new PreventJobsStats.HostPrevent(1, List.of(R), "2026-07-02 11:30", true));
        // One prevented GPU-bucket over five buckets.
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgPrevented()).isEqualTo(0.2);
    }
}
