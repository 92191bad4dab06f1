package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.SpecExamples.A;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.RealSlotsRow;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole allocation part of {@code /metrics} for rules Example A (rules §7.1) piped through the real topology: the
 * latest snapshot is t2, so the current bucket is 10:15 and the complete one 10:00. The collector zone is
 * America/Chicago (CST, UTC-6, on 2025-11-03) and the clock is fixed at 10:40 CST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocationGaugesGoldenTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Instant NOW = Instant.parse("2025-11-03T16:40:00Z");
    private static final long B1 = SnapshotTime.toMicros(SnapshotTime.parse("2025-11-03 10:00:00"));
    private static final long B2 = SnapshotTime.toMicros(SnapshotTime.parse("2025-11-03 10:15:00"));

    private TopologyHarness harness;
    private PrometheusMeterRegistry registry;
    private AllocationGauges gauges;
    private String exposition;
    private Map<String, Double> samples;

    @BeforeAll
    void scrapeExampleA() {
        harness = new TopologyHarness();
        harness.pipe(SpecExamples.exampleA().snapshots());
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gauges = new AllocationGauges(registry, HarnessGaugeInputs.of(harness, QueryConfig.defaults()),
                new CollectorZone(CHICAGO), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10));
        gauges.refresh();
        exposition = registry.scrape(GpuLedgerMetrics.PROMETHEUS_TEXT, allocationNames());
        samples = ScrapedSeries.parse(exposition);
    }

    /** The gauge families of the allocation part: everything but the refresh timer, whose values are timings. */
    private static Set<String> allocationNames() {
        Set<String> names = Arrays.stream(GaugeFamily.values()).map(GaugeFamily::prometheusName)
                .collect(Collectors.toCollection(HashSet::new));
        names.addAll(Set.of("gpuledger_latest_snapshot_timestamp_seconds", "gpuledger_complete_bucket_age_seconds",
                "gpuledger_allocation_owner"));
        return names;
    }

    @AfterAll
    void close() {
        registry.close();
        harness.close();
    }

    @Test
    void wholeAllocationOutputMatchesTheGoldenFile() {
        Golden.assertMatches("metrics/example-a-allocation.prom", exposition);
    }

    @Test
    void perBucketCountsAreSpecExampleATable() {
        // rules §7.1 "Raw device stats, with the per-bucket counts (b1, b2)".
        assertDevice("complete", "Priority-ResearcherOwned", "L40S", 4, 1, 0);
        assertDevice("current", "Priority-ResearcherOwned", "L40S", 4, 2, 0);
        assertDevice("complete", "Priority-CHTCOwned", "H100 80GB", 2, 1, 0);
        assertDevice("current", "Priority-CHTCOwned", "H100 80GB", 2, 0, 0);
        assertDevice("complete", "Shared", "H200", 2, 1, 0);
        assertDevice("current", "Shared", "H200", 2, 1, 1);
        assertDevice("complete", "Backfill-ResearcherOwned", "L40S", 3, 1, 0);
        assertDevice("current", "Backfill-ResearcherOwned", "L40S", 2, 1, 0);
        assertDevice("complete", "Backfill-CHTCOwned", "H100 80GB", 1, 0, 0);
        assertDevice("current", "Backfill-CHTCOwned", "H100 80GB", 2, 0, 0);
        // BOC: "T 1, –": present in b1 only.
        assertDevice("complete", "Backfill-OpenCapacity", "H200", 1, 0, 0);
        assertThat(samples).doesNotContainKey(deviceKey("gpuledger_device_available_gpus", "current",
                "Backfill-OpenCapacity", "H200"));
    }

    @Test
    void realSlotsTotalsOfTheCompleteBucket() {
        // b1: claimed PRO 1 + PCO 1 + BRO 1 + BCO 0 = 3 prioritized, + Shared 1 = 4; available PRO 4 + PCO 2 (+ Shared 2).
        assertThat(value("gpuledger_total_claimed_gpus{bucket=\"complete\",total=\"all\"}")).isEqualTo(4.0);
        assertThat(value("gpuledger_total_available_gpus{bucket=\"complete\",total=\"all\"}")).isEqualTo(8.0);
        assertThat(value("gpuledger_total_allocation_ratio{bucket=\"complete\",total=\"all\"}")).isEqualTo(0.5);
        assertThat(value("gpuledger_total_allocation_ratio{bucket=\"complete\",total=\"prioritized\"}")).isEqualTo(0.5);
        assertThat(value("gpuledger_total_allocation_ratio{bucket=\"complete\",total=\"primary\"}"))
                .isCloseTo(2.0 / 6.0, within(1e-15));
        // Secondary: (BRO 1 + BCO 0) / (3 + 1).
        assertThat(value("gpuledger_total_allocation_ratio{bucket=\"complete\",total=\"secondary\"}")).isEqualTo(0.25);
        assertThat(value("gpuledger_open_capacity_allocation_ratio{bucket=\"complete\",tier=\"Flagship\"}"))
                .isEqualTo(0.5);
        assertThat(samples).doesNotContainKey("gpuledger_open_capacity_available_gpus{bucket=\"complete\","
                + "tier=\"Standard\"}");
        // b2: s2 drained on the Open Capacity H200s.
        assertThat(value("gpuledger_class_drained_gpus{bucket=\"current\",class=\"Shared\"}")).isEqualTo(1.0);
        assertThat(value("gpuledger_memory_allocation_ratio{bucket=\"current\",category=\">80GB\"}")).isEqualTo(1.0);
        assertThat(value("gpuledger_draining_hosts{bucket=\"current\"}")).isEqualTo(1.0);
        assertThat(value("gpuledger_draining_hosts{bucket=\"complete\"}")).isEqualTo(0.0);
    }

    @Test
    void everyValueEqualsTheReportOfThatBucket() {
        // The report API computes a one-bucket window with ReportEngine over the same stores.
        for (long bucket : new long[] {B1, B2}) {
            String label = bucket == B1 ? "complete" : "current";
            QueryWindow window = BucketWindows.bucket(bucket);
            AllocationReport report = ReportEngine.allocation(harness.source(window), window, QueryConfig.defaults());
            int checked = 0;
            for (var perClass : report.deviceStats().entrySet()) {
                for (Map.Entry<String, DeviceStat> device : perClass.getValue().entrySet()) {
                    String key = deviceKey("gpuledger_device_claimed_gpus", label, perClass.getKey(),
                            io.gpuledger.ingest.classify.Devices.shortName(device.getKey()));
                    assertThat(value(key)).as(key).isEqualTo(device.getValue().avgClaimed());
                    checked++;
                }
            }
            for (RealSlotsRow row : report.realSlots()) {
                double ratio = row.available() == 0 ? 0 : row.claimed() / row.available();
                assertThat(samples.entrySet().stream()
                        .filter(e -> e.getKey().contains("_allocation_ratio{bucket=\"" + label + "\"")
                                && !e.getKey().startsWith("gpuledger_memory"))
                        .map(Map.Entry::getValue))
                        .as("a ratio series for Real Slots row %s", row.label()).contains(ratio);
                checked++;
            }
            for (RatioRow row : report.memoryTable()) {
                if (!row.key().equals("TOTAL")) {
                    assertThat(value("gpuledger_memory_allocated_gpus{bucket=\"" + label + "\",category=\""
                            + row.key() + "\"}")).isEqualTo(row.allocated());
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(10);
        }
    }

    @Test
    void freshnessIsConvertedWithTheCollectorZone() {
        // t2 = 10:15:04.987654 CST = 16:15:04.987654 UTC.
        assertThat(value("gpuledger_latest_snapshot_timestamp_seconds"))
                .isCloseTo(Instant.parse("2025-11-03T16:15:04.987654Z").toEpochMilli() / 1000.0, within(1e-3));
        // The complete bucket ends at 10:15 CST; now is 10:40 CST.
        assertThat(value("gpuledger_complete_bucket_age_seconds")).isEqualTo(1500.0);
        assertThat(value("gpuledger_bucket_start_timestamp_seconds{bucket=\"complete\"}"))
                .isEqualTo(Instant.parse("2025-11-03T16:00:00Z").getEpochSecond());
        assertThat(value("gpuledger_allocation_owner")).isEqualTo(1.0);
        assertThat(harness.latestSnapshotMicros()).isEqualTo(SnapshotTime.toMicros(SnapshotTime.parse(A.T2)));
    }

    private void assertDevice(String bucket, String gpuClass, String device, double available, double claimed,
                              double drained) {
        assertThat(value(deviceKey("gpuledger_device_available_gpus", bucket, gpuClass, device)))
                .as("available %s %s %s", bucket, gpuClass, device).isEqualTo(available);
        assertThat(value(deviceKey("gpuledger_device_claimed_gpus", bucket, gpuClass, device)))
                .as("claimed %s %s %s", bucket, gpuClass, device).isEqualTo(claimed);
        assertThat(value(deviceKey("gpuledger_device_drained_gpus", bucket, gpuClass, device)))
                .as("drained %s %s %s", bucket, gpuClass, device).isEqualTo(drained);
    }

    private static String deviceKey(String name, String bucket, String gpuClass, String device) {
        String model = switch (device) {
            case "L40S" -> SpecExamples.L40S;
            case "H100 80GB" -> SpecExamples.H100;
            case "H200" -> SpecExamples.H200;
            default -> throw new IllegalArgumentException(device);
        };
        return name + "{bucket=\"" + bucket + "\",class=\"" + gpuClass + "\",device=\"" + device + "\",model=\""
                + model + "\"}";
    }

    private double value(String key) {
        Double value = samples.get(key);
        assertThat(value).as("series %s in\n%s", key, exposition).isNotNull();
        return value;
    }
}
