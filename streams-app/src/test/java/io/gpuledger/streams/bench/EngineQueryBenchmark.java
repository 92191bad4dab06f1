package io.gpuledger.streams.bench;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.topology.TopologySettings;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Quick engine-level query timing over the real topology in TopologyTestDriver (no broker): generate, pipe, warm
 * the default summaries, then time reports. Not a test; run with
 * {@code java -cp ... io.gpuledger.streams.bench.EngineQueryBenchmark [hosts] [days]}.
 */
public final class EngineQueryBenchmark {

    public static void main(String[] args) {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 61;
        RollupSummaries summaries = new RollupSummaries(QueryConfig.defaults());
        long started = System.nanoTime();
        AtomicLong rows = new AtomicLong();
        try (TopologyHarness harness = new TopologyHarness(
                new TopologySettings(TopologySettings.DEFAULT_TOPIC, Duration.ofDays(400), summaries::invalidate),
                false)) {
            new SnapshotGenerator(new GeneratorSettings(LocalDate.of(2025, 10, 1), days, hosts, 5, 42,
                    java.time.ZoneOffset.UTC)).forEachSnapshot(snapshot -> {
                        snapshot.hostSnapshots().forEach(s -> rows.addAndGet(s.rows().size()));
                        harness.pipe(snapshot.hostSnapshots());
                    });
            double pipeSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("piped %,d rows in %.1f s (%,.0f rows/s)%n", rows.get(), pipeSeconds, rows.get() / pipeSeconds);
            long warm = System.nanoTime();
            summaries.warmUp(harness.rollups());
            System.out.printf("warm-up %.1f s, %d buckets%n", (System.nanoTime() - warm) / 1e9, summaries.size());
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("heap used after warm-up: %,d MB%n", (runtime.totalMemory() - runtime.freeMemory()) >> 20);
            long latest = harness.latestSnapshotMicros();
            QueryConfig config = QueryConfig.defaults();
            for (int hoursBack : new int[] {24, 168, 720, 1440}) {
                QueryWindow window = QueryWindow.endingAt(SnapshotTime.fromMicros(latest), hoursBack);
                time(hoursBack + " h", () -> ReportEngine.allocation(
                        summaries.source(harness.rollups(), harness.edgeDigests(window)), window, config));
            }
            YearMonth month = YearMonth.of(2025, 10);
            QueryWindow monthWindow = ReportEngine.monthWindow(month);
            time("monthly", () -> ReportEngine.monthly(
                    summaries.source(harness.rollups(), harness.edgeDigests(monthWindow)), month, config));
            QueryWindow day = QueryWindow.endingAt(SnapshotTime.fromMicros(latest), 24);
            time("24 h uncached", () -> ReportEngine.allocation(
                    RollupSummaries.uncached(harness.rollups(), harness.edgeDigests(day)), day, config));
        }
    }

    private static void time(String label, Runnable query) {
        long[] nanos = new long[20];
        for (int i = 0; i < 3; i++) {
            query.run();
        }
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-14s median %8.2f ms  min %8.2f ms  max %8.2f ms%n", label, nanos[10] / 1e6,
                nanos[0] / 1e6, nanos[19] / 1e6);
    }
}
