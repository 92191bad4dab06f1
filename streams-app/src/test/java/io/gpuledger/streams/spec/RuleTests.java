package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.allocation;
import static io.gpuledger.streams.spec.SpecReports.deviceStat;
import static io.gpuledger.streams.spec.SpecReports.labels;
import static io.gpuledger.streams.spec.SpecReports.realSlotsLabels;
import static io.gpuledger.streams.spec.SpecReports.seriesRows;
import static io.gpuledger.streams.spec.SpecReports.timeSeries;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.ExampleQuery;
import io.gpuledger.ingest.testdata.Rows;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples.Rule;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.bucket.HostBucket;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DrainingStats;
import io.gpuledger.streams.report.GpuModelSnapshotReport;
import io.gpuledger.streams.report.GpuModelSnapshots;
import io.gpuledger.streams.report.TimeSeriesReport;
import io.gpuledger.streams.report.ZeroActiveMachines;
import io.gpuledger.streams.topology.TopologyHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * rules §7.6, the rule tests that a report shows, each piped through the topology. The file-name row is about the
 * SQLite reader and is not here; the rounding row is about display, checked on the rounding these tests use.
 */
class RuleTests {

    private static final String L40S = SpecExamples.L40S;
    private static final long L40S_MB = SpecExamples.L40S_MB;

    /** Pipes the example, then applies {@code then} to the harness while it is open. */
    private static <T> T piped(SpecExample example, Function<TopologyHarness, T> then) {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.pipe(example.snapshots());
            return then.apply(harness);
        }
    }

    private static AllocationReport report(SpecExample example) {
        return piped(example, harness -> allocation(harness, example));
    }

    private static SpecExample example(String name, Rows rows, ExampleQuery query) {
        return new SpecExample(name, rows, query, false);
    }

    private static ExampleQuery oneHour() {
        return ExampleQuery.defaults().withHoursBack(1);
    }

    @Test
    void idNormalisation() {
        // One timestamp: slot1@h GPU-1a2b Unclaimed, backfill2_1@h GPU_1a2b Claimed → one GPU; the representative
        // is the primary (5 > 3).
        SpecExample rule = SpecExamples.ruleIdNormalisation();
        AllocationReport report = report(rule);
        // The representative is the primary Unclaimed row: Shared, available and not claimed.
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgTotalAvailable()).isEqualTo(1.0);
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgClaimed()).isEqualTo(0.0);
        // The backfill row is the same GPU (raw backfill class, claimed).
        assertThat(deviceStat(report, GpuClass.BOC, L40S).avgTotalAvailable()).isEqualTo(1.0);
        assertThat(deviceStat(report, GpuClass.BOC, L40S).avgClaimed()).isEqualTo(1.0);
        // One GPU: were GPU_1a2b another GPU, its backfill Claimed representative would join Shared's unclaimed set
        // (S 0/2), and the machine would have a second GPU with a backfill job.
        TimeSeriesReport series = piped(rule, harness -> timeSeries(harness, rule));
        assertThat(seriesRows(series)).containsExactly("12:00 P 0/0 S 0/1 B 1/1");
        ZeroActiveMachines.Machine h = report.zeroActiveMachines().machines().get(0);
        assertThat(h.allGpus()).isEqualTo(1);
        assertThat(h.avgBackfillClaimed()).isEqualTo(1.0);
    }

    @Test
    void migNormalisation() {
        // Backfill MIG_aa11_bb22, primary MIG-aa11-bb22 → one GPU.
        SpecExample rule = SpecExamples.ruleMigNormalisation();
        String mig = "NVIDIA A100-SXM4-80GB MIG 3g.40gb";
        GpuModelSnapshotReport snapshot = piped(rule, harness -> {
            // The stored host-bucket holds both rows on one normalised id.
            HostBucket bucket = harness.hostBuckets().fetch(Rule.H,
                    SnapshotTime.toRecordMillis(SnapshotTime.parse("2026-07-02 12:00:00")));
            List<HostSnapshot> stored = new ArrayList<>();
            for (HostBucket.Snapshot s : bucket.snapshots()) {
                stored.add(new HostSnapshot(Rule.H, SnapshotTime.fromMicros(s.timestampMicros()), s.rows()));
            }
            assertThat(stored.get(0).rows()).extracting(row -> row.gpuId()).containsOnly("MIG-aa11-bb22");
            return GpuModelSnapshots.compute(stored, SnapshotTime.parse(Rule.T), 5, mig, HostExclusions.none());
        });
        assertThat(snapshot.snapshot().totalGpus()).isEqualTo(1);
        AllocationReport report = report(rule);
        assertThat(deviceStat(report, GpuClass.SHARED, mig).avgTotalAvailable()).isEqualTo(1.0);
        assertThat(deviceStat(report, GpuClass.BOC, mig).avgTotalAvailable()).isEqualTo(1.0);

        // With a backfill job on the MIG instance, one GPU shows as in the id rule: Shared 0/1, not 0/2.
        SpecExample claimed = example("MIG claimed", Rows.at(Rule.T)
                .on(Rule.H).device(mig, 40192).pp("")
                .slot("slot1").unclaimed("MIG-aa11-bb22")
                .slot("backfill2_1").claimed(Rule.OWNER, "MIG_aa11_bb22")
                .rows(), oneHour());
        assertThat(seriesRows(piped(claimed, harness -> timeSeries(harness, claimed))))
                .containsExactly("12:00 P 0/0 S 0/1 B 1/1");
    }

    @Test
    void emptyIdIsNoGpuButItsBucketCounts() {
        // backfill2@h with AssignedGPUs = "" → no GPU; its bucket still counts in |B|.
        AllocationReport report = report(SpecExamples.ruleEmptyId());
        assertThat(report.metadata().numIntervals()).isEqualTo(2);
        assertThat(report.metadata().totalRecords()).isEqualTo(2);
        // GPU-1 is seen in one of the two buckets; the empty id adds no GPU to any class.
        assertThat(report.deviceStats()).containsOnlyKeys("Shared");
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgTotalAvailable()).isEqualTo(0.5);
        assertThat(report.metadata().endTime()).startsWith("2026-07-02 12:15:00");
    }

    @Test
    void rankTieGoesToTheSmallestName() {
        // slot2@h (PP p) and slot1@h (PP ""), both Unclaimed, same GPU and time → representative slot1@h, so Shared.
        AllocationReport report = report(SpecExamples.ruleRankTie());
        assertThat(report.deviceStats()).containsOnlyKeys("Shared");
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgTotalAvailable()).isEqualTo(1.0);
    }

    @Test
    void windowEdgesAreInclusive() {
        // end 10:15:00, hours-back 1; rows at 09:15:00 and 10:15:00 → both included (and nothing 1 µs outside).
        AllocationReport report = report(SpecExamples.ruleWindowEdges());
        assertThat(report.metadata().totalRecords()).isEqualTo(2);
        assertThat(report.metadata().numIntervals()).isEqualTo(2);
        assertThat(report.metadata().startTime()).isEqualTo("2026-07-02 09:15:00.000000");
        assertThat(report.metadata().endTime()).isEqualTo("2026-07-02 10:15:00.000000");
    }

    @Test
    void edgeBucketsCountOnlyTheirInWindowSnapshots() {
        // rules §3.1: with the default end 10:15:04.98 the start is 09:15:04.98; a snapshot at 09:15:02 is out, one at
        // 09:20:02 is in, so bucket 09:15 counts only the latter (here: the GPU is not claimed there).
        Rows rows = Rows.at("2026-07-02 09:15:02")
                .on(Rule.H).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-1")
                .slot("slot1_1").claimed(Rule.OWNER, "GPU-1")
                .at("2026-07-02 09:20:02")
                .slot("slot1").unclaimed("GPU-1")
                .at("2026-07-02 10:15:04.98")
                .slot("slot1").unclaimed("GPU-1")
                .rows();
        AllocationReport report = report(example("rule: partial edge bucket", rows, oneHour()));
        assertThat(report.metadata().windowStart()).isEqualTo("2026-07-02 09:15:04.980000");
        assertThat(report.metadata().totalRecords()).isEqualTo(2);
        assertThat(report.metadata().numIntervals()).isEqualTo(2);
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgClaimed()).isEqualTo(0.0);
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgTotalAvailable()).isEqualTo(1.0);
    }

    @Test
    void crossMonthWindow() {
        // 2026-06-30 20:00 (June file), 2026-07-01 04:00 (July file); end 07-01 12:00, 24 h → both included.
        AllocationReport report = report(SpecExamples.ruleCrossMonth());
        assertThat(report.metadata().totalRecords()).isEqualTo(2);
        assertThat(report.metadata().numIntervals()).isEqualTo(2);
        assertThat(report.metadata().startTime()).startsWith("2026-06-30 20:00:00");
        assertThat(report.metadata().endTime()).startsWith("2026-07-01 04:00:00");
    }

    @Test
    void drainingAcrossMonths() {
        // Drained rows in the June and July files; end 2026-07-02 00:00, 48 h → both found (15 minutes apart, so one
        // interval across the boundary).
        AllocationReport report = report(SpecExamples.ruleDrainingAcrossMonths());
        DrainingStats draining = report.drainingStats();
        assertThat(draining.numIntervals()).isEqualTo(1);
        assertThat(draining.intervals()).containsExactly(new DrainingStats.Interval(Rule.H, "GPU-1",
                "2026-06-30 23:50:00.000000", "2026-07-01 00:05:00.000000", 0.25));
        assertThat(draining.totalHours()).isEqualTo(0.25);
    }

    @Test
    void drainedAndClaimedAtOnceIsNotDraining() {
        // hostA GPU-1 Drained; hostB GPU-2 Drained and Claimed at the same time → only (hostA, GPU-1).
        AllocationReport report = report(SpecExamples.ruleDrainingVsClaimed());
        DrainingStats draining = report.drainingStats();
        assertThat(draining.numHosts()).isEqualTo(1);
        assertThat(draining.numUniqueGpus()).isEqualTo(1);
        assertThat(draining.perHost()).containsOnlyKeys(SpecExamples.E.HOST_A);
        assertThat(draining.intervals()).extracting(DrainingStats.Interval::machine, DrainingStats.Interval::gpu)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SpecExamples.E.HOST_A, "GPU-1"));
    }

    @Test
    void exclusionPatternsAreCaseInsensitiveLiterals() {
        // Patterns GPULAB2003 and gpu(bad.chtc.wisc.edu: the first excludes gpulab2003.chtc.wisc.edu; the second only
        // gpu(bad.chtc.wisc.edu.
        HostExclusions exclusions = HostExclusions.parse("""
                excluded_hosts:
                  GPULAB2003: "upper-case pattern"
                  "gpu(bad.chtc.wisc.edu": "not a regular expression"
                """, "rule test");
        String lab = "gpulab2003.chtc.wisc.edu";
        String bad = "gpu(bad.chtc.wisc.edu";
        String similar = "gpubad.chtc.wisc.edu";
        String longer = "gpu(bad2.chtc.wisc.edu";
        Rows rows = Rows.at(Rule.T)
                .on(lab).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-lab")
                .on(bad).device(L40S, L40S_MB).pp("")
                .slot("slot1").drained("GPU-bad")
                .on(similar).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-similar")
                .on(longer).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-longer")
                // The excluded machine alone holds the 12:15 bucket.
                .at("2026-07-02 12:15:00").on(lab)
                .slot("slot1").unclaimed("GPU-lab")
                .rows();
        SpecExample rule = example("rule: exclusion", rows, oneHour().withExclusions(exclusions));
        AllocationReport report = report(rule);

        // The rows of the two excluded machines (3 of 5) leave every class count ...
        assertThat(report.metadata().excludedRecords()).isEqualTo(3);
        assertThat(report.deviceStats()).containsOnlyKeys("Shared");
        // (The list is sorted by Machine in ordinal order: '(' sorts before letters.)
        assertThat(report.zeroActiveMachines().machines()).extracting(ZeroActiveMachines.Machine::machine)
                .containsExactly(longer, similar);
        // ... but not from total_records, |B| or the Draining section (rules §2.3).
        assertThat(report.metadata().totalRecords()).isEqualTo(5);
        assertThat(report.metadata().numIntervals()).isEqualTo(2);
        assertThat(report.drainingStats().perHost()).containsOnlyKeys(bad);
        // Shared L40S: 2 GPUs in bucket 12:00, none in 12:15 (an excluded machine's bucket still counts in |B|).
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgTotalAvailable()).isEqualTo(1.0);
        assertThat(report.metadata().excludedHosts().keySet()).containsExactly("GPULAB2003", "gpu(bad.chtc.wisc.edu");
    }

    @Test
    void nullPrioritizedProjects() {
        // Primary rows with NULL PP on x, plus backfill rows on x → primary GPUs PRO; backfill rows BOC (raw only).
        AllocationReport report = report(SpecExamples.ruleNullPp());
        assertThat(report.deviceStats().keySet()).containsExactly("Priority-ResearcherOwned", "Backfill-OpenCapacity");
        assertThat(deviceStat(report, GpuClass.PRO, L40S).avgTotalAvailable()).isEqualTo(2.0);
        assertThat(deviceStat(report, GpuClass.BOC, L40S).avgTotalAvailable()).isEqualTo(2.0);
        assertThat(deviceStat(report, GpuClass.BOC, L40S).avgClaimed()).isEqualTo(1.0);
        // BOC is never in a summary table, total, subject or user table.
        assertThat(realSlotsLabels(report)).containsExactly(
                "TOTAL (primary + secondary) @0",
                "Prioritized (TOTAL) @0",
                "Primary @1",
                "Researcher-Owned Hardware @2");
        assertThat(report.subjectPercentages()).containsExactly(0.0);
        assertThat(report.backfillUserStats().isEmpty()).isTrue();
        assertThat(report.deviceTables()).extracting(table -> table.classId())
                .containsExactly("Priority-ResearcherOwned");
    }

    @Test
    void chtcMachineWithEmptyProjects() {
        // A listed machine with primary PP "" → primary GPUs Shared, backfill BCO.
        AllocationReport report = report(SpecExamples.ruleChtcWithEmptyPp());
        assertThat(report.deviceStats().keySet()).containsExactly("Shared", "Backfill-CHTCOwned");
        assertThat(deviceStat(report, GpuClass.SHARED, SpecExamples.H100).avgTotalAvailable()).isEqualTo(2.0);
        assertThat(deviceStat(report, GpuClass.BCO, SpecExamples.H100).avgTotalAvailable()).isEqualTo(1.0);
        assertThat(realSlotsLabels(report)).doesNotContain("Researcher-Reserved Capacity @2")
                .contains("Researcher-Reserved Capacity (secondary) @2", "Open Capacity (Flagship) @1");
    }

    @Test
    void oldDevice() {
        // NVIDIA RTX A4000 is old (it contains A40): hidden from device tables, Real Slots, subject, memory,
        // backfill users (N included) and zero-active unless all-devices; kept in |B|, total_records, time series.
        String a4000 = "NVIDIA RTX A4000";
        assertThat(Devices.isOld(a4000)).isTrue();
        String machine = "oldgpu.chtc.wisc.edu";
        Rows rows = Rows.at(Rule.T)
                .on(machine).device(a4000, 16376).pp("proj")
                .slot("slot1").unclaimed("GPU-o1", "GPU-o2")
                .slot("backfill2_1").claimed(Rule.OWNER, "GPU-o1")
                .rows();
        SpecExample filteredExample = example("rule: old device", rows, oneHour());
        SpecExample allExample = filteredExample.withQuery(oneHour().withAllDevices(true));
        List<AllocationReport> reports = piped(filteredExample,
                harness -> List.of(allocation(harness, filteredExample), allocation(harness, allExample)));
        AllocationReport filtered = reports.get(0);
        AllocationReport all = reports.get(1);

        assertThat(filtered.deviceStats()).isEmpty();
        assertThat(filtered.deviceTables()).isEmpty();
        assertThat(filtered.memoryTable()).isEmpty();
        assertThat(filtered.subjectPercentages()).isEmpty();
        assertThat(filtered.backfillUserStats().numBuckets()).isZero();
        assertThat(filtered.backfillUserStats().isEmpty()).isTrue();
        assertThat(filtered.zeroActiveMachines().machines()).isEmpty();
        assertThat(filtered.metadata().numIntervals()).isEqualTo(1);
        assertThat(filtered.metadata().totalRecords()).isEqualTo(3);

        assertThat(all.deviceStats().keySet()).containsExactly("Priority-ResearcherOwned", "Backfill-ResearcherOwned");
        assertThat(deviceStat(all, GpuClass.PRO, a4000).avgTotalAvailable()).isEqualTo(2.0);
        assertThat(all.subjectPercentages()).containsExactly(0.0, 100.0);
        assertThat(all.backfillUserStats().numBuckets()).isEqualTo(1);
        assertThat(all.backfillUserStats().users().get(Rule.OWNER).totalGpuHours()).isEqualTo(1.0);
        assertThat(all.zeroActiveMachines().machines()).extracting(ZeroActiveMachines.Machine::machine)
                .containsExactly(machine);
        assertThat(labels(all.memoryTable())).containsExactly("TOTAL", "<48GB");

        // The time series has no device filter.
        TimeSeriesReport series = piped(filteredExample, harness -> timeSeries(harness, filteredExample));
        assertThat(seriesRows(series)).containsExactly("12:00 P 0/2 S 0/0 B 1/1");
    }

    @Test
    void memoryCategoriesShowInDisplayOrder() {
        // Categories created as 48GB, then <48GB → shown <48GB, 48GB.
        Rows rows = Rows.at(Rule.T)
                .on("m48.chtc.wisc.edu").device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-1")
                .at("2026-07-02 12:15:00")
                .on("m32.chtc.wisc.edu").device("Tesla V100-SXM2-32GB", 32768).pp("")
                .slot("slot1").claimed(Rule.OWNER, "GPU-2")
                .rows();
        AllocationReport report = report(example("rule: memory sort", rows, oneHour()));
        assertThat(report.memoryStats().keySet()).containsExactly("<48GB", "48GB");
        assertThat(labels(report.memoryTable())).containsExactly("TOTAL", "<48GB", "48GB");
        // Each category's n_m is the buckets where it has GPUs.
        assertThat(report.memoryStats().get("<48GB").numIntervals()).isEqualTo(1);
        assertThat(report.memoryStats().get("48GB").numIntervals()).isEqualTo(1);
    }

    @Test
    void displayRoundingUsedByTheseTests() {
        // Rounding: 0.25, 0.35, 43.75; hours 2.675 → 0.2, 0.3, 43.8; 2.67 (HALF_EVEN on the exact binary value). The
        // example tests compare the rules' displayed values through these helpers, so they must round as rules §3.8 says.
        assertThat(SpecReports.oneDecimal(0.25)).isEqualTo("0.2");
        assertThat(SpecReports.oneDecimal(0.35)).isEqualTo("0.3");
        assertThat(SpecReports.oneDecimal(43.75)).isEqualTo("43.8");
        assertThat(SpecReports.oneDecimal(0.05)).isEqualTo("0.1");
        assertThat(SpecReports.oneDecimal(49.99999999999999)).isEqualTo("50.0");
        assertThat(SpecReports.oneDecimal(100)).isEqualTo("100.0");
        assertThat(SpecReports.twoDecimals(2.675)).isEqualTo("2.67");
        assertThat(SpecReports.twoDecimals(1.0 / 6)).isEqualTo("0.17");
        assertThat(SpecReports.twoDecimals(0.125)).isEqualTo("0.12");
    }

    @Test
    void dstFallBackSnapshotsShareOneBucket() {
        // Snapshots 2025-11-02 01:10:02 (CDT) and 01:10:04 (CST) → two snapshots, one bucket 01:00, counted once in
        // |B|. A GPU claimed in either pass is claimed for the bucket.
        SpecExample rule = SpecExamples.ruleDstFallBack();
        assertThat(rule.snapshots()).hasSize(2);
        AllocationReport report = report(rule);
        assertThat(report.metadata().numIntervals()).isEqualTo(1);
        assertThat(report.metadata().totalRecords()).isEqualTo(3);
        assertThat(report.metadata().startTime()).startsWith("2025-11-02 01:10:02");
        assertThat(report.metadata().endTime()).startsWith("2025-11-02 01:10:04");
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgClaimed()).isEqualTo(1.0);
        assertThat(deviceStat(report, GpuClass.SHARED, L40S).avgTotalAvailable()).isEqualTo(1.0);
        TimeSeriesReport series = piped(rule, harness -> timeSeries(harness, rule));
        assertThat(series.rows()).extracting(TimeSeriesReport.Row::timestamp).containsExactly("2025-11-02 01:00:00");
    }
}
