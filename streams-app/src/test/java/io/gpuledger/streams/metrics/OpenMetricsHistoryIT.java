package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/openmetrics}: rules Example A as a golden file, and three generated days across the 2025 fall-back
 * (America/Chicago) imported with {@code promtool tsdb create-blocks-from openmetrics}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenMetricsHistoryIT {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*}) (\\S+) (\\d+(?:\\.\\d+)?)$");

    private TopologyHarness generated;
    private StoreGaugeInputs generatedInputs;

    @BeforeAll
    void pipeThreeGeneratedDays() {
        generated = new TopologyHarness();
        SnapshotGenerator generator = new SnapshotGenerator(GeneratorSettings.small(12, 3, 7)
                .withStart(LocalDate.of(2025, 11, 1)).withClockZone(CHICAGO));
        generator.forEachSnapshot(snapshot -> generated.pipe(snapshot.hostSnapshots()));
        generatedInputs = HarnessGaugeInputs.of(generated, QueryConfig.defaults());
    }

    @AfterAll
    void close() {
        generated.close();
    }

    @Test
    void exampleAHistoryIsTheCompleteBucketStampedAtItsEnd() throws IOException {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.pipe(SpecExamples.exampleA().snapshots());
            OpenMetricsHistory history = new OpenMetricsHistory(HarnessGaugeInputs.of(harness, QueryConfig.defaults()),
                    new CollectorZone(CHICAGO));
            HistoryRange range = history.range(null, null);
            // The latest snapshot is in 10:15, so 10:00 is the only complete bucket.
            assertThat(range).isEqualTo(new HistoryRange(micros("2025-11-03 10:00:00"), micros("2025-11-03 10:00:00")));
            String text = write(history, range);
            Golden.assertMatches("metrics/example-a-history.om", text);
            // 10:15 CST = 16:15 UTC.
            assertThat(text).contains("gpuledger_class_allocation_ratio{bucket=\"complete\",class=\"Shared\"} 0.5 "
                    + Instant.parse("2025-11-03T16:15:00Z").getEpochSecond() + "\n");
            assertThat(text).endsWith("# EOF\n");
        }
    }

    @Test
    void rangeParametersAreValidatedAndClipped() {
        OpenMetricsHistory history = new OpenMetricsHistory(generatedInputs, new CollectorZone(CHICAGO));
        HistoryRange all = history.range(null, null);
        HistoryRange day = history.range("2025-11-02", "2025-11-02T23:59:59");
        assertThat(day.firstBucket()).isEqualTo(micros("2025-11-02 00:00:00"));
        assertThat(day.lastBucket()).isEqualTo(micros("2025-11-02 23:45:00"));
        // "from" inside a bucket starts at the next whole bucket; "to" beyond the data stops at the latest complete one.
        assertThat(history.range("2025-11-02 10:07:30", null).firstBucket()).isEqualTo(micros("2025-11-02 10:15:00"));
        assertThat(history.range(null, "2030-01-01").lastBucket()).isEqualTo(all.lastBucket());
        assertThat(all.lastBucket()).isEqualTo(SnapshotTime.bucketStartMicros(generatedInputs.latestSnapshotMicros())
                - SnapshotTime.BUCKET_MICROS);
        assertThatThrownBy(() -> history.range("2025-11-02 25:00", null))
                .isInstanceOf(HistoryRange.InvalidRangeException.class)
                .hasMessage("from must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS: got '2025-11-02 25:00'");
        assertThatThrownBy(() -> history.range("2025-11-03", "2025-11-02"))
                .isInstanceOf(HistoryRange.InvalidRangeException.class)
                .hasMessageContaining("from must not be after to");
    }

    @Test
    void generatedDaysAcrossFallBackImportIntoPrometheusBlocks(@TempDir Path dir) throws IOException {
        // Small chunks, so several spill segments make up each series.
        OpenMetricsHistory history = new OpenMetricsHistory(generatedInputs, new CollectorZone(CHICAGO), 50);
        HistoryRange range = history.range(null, null);
        String text = write(history, range);
        Map<String, List<long[]>> series = parse(text);

        // Every series strictly increasing in time (promtool's requirement), one sample per bucket at most.
        long buckets = (range.lastBucket() - range.firstBucket()) / SnapshotTime.BUCKET_MICROS + 1;
        for (Map.Entry<String, List<long[]>> one : series.entrySet()) {
            List<long[]> points = one.getValue();
            for (int i = 1; i < points.size(); i++) {
                assertThat(points.get(i)[0]).as("time order of %s", one.getKey()).isGreaterThan(points.get(i - 1)[0]);
            }
            assertThat(points.size()).isLessThanOrEqualTo((int) buckets);
        }
        // The repeated hour 01:00-01:59 of 2025-11-02 is one set of four buckets, each exported once, at the
        // earlier (CDT) offset; the wall-clock 02:00 exists once (CST), so 01:45's end is 08:00 UTC.
        List<Long> times = new ArrayList<>();
        series.get("gpuledger_total_available_gpus{bucket=\"complete\",total=\"all\"}").forEach(p -> times.add(p[0]));
        assertThat(times).contains(epoch("2025-11-02T06:15:00Z"), epoch("2025-11-02T06:30:00Z"),
                epoch("2025-11-02T06:45:00Z"), epoch("2025-11-02T08:00:00Z"), epoch("2025-11-02T08:15:00Z"));
        assertThat(times).doesNotContain(epoch("2025-11-02T07:00:00Z"), epoch("2025-11-02T07:15:00Z"));

        // Values are the one-bucket reports (spot-check three buckets across the range).
        for (String bucket : List.of("2025-11-01 12:00:00", "2025-11-02 01:30:00", "2025-11-03 18:45:00")) {
            long start = micros(bucket);
            AllocationReport report = BucketReports.of(generatedInputs.historySource(), start, generatedInputs)
                    .orElseThrow();
            long end = new CollectorZone(CHICAGO).epochMillis(start + SnapshotTime.BUCKET_MICROS) / 1000;
            for (Sample sample : AllocationSamples.of(report, BucketLabel.COMPLETE)) {
                String key = sample.family().prometheusName() + labels(sample);
                assertThat(series.get(key)).as(key).isNotNull();
                double value = series.get(key).stream().filter(p -> p[0] == end).findFirst()
                        .map(p -> Double.longBitsToDouble(p[1])).orElseThrow(() -> new AssertionError(key + " @ " + end));
                assertThat(value).as("%s at %s", key, bucket).isEqualTo(sample.value());
            }
        }

        // promtool turns it into TSDB blocks, and they hold every sample.
        Path input = dir.resolve("history.om");
        Files.writeString(input, text, StandardCharsets.UTF_8);
        Path blocks = dir.resolve("blocks");
        Promtool.Result created = Promtool.run(null, "tsdb", "create-blocks-from", "openmetrics", input.toString(),
                blocks.toString());
        assertThat(created.exitCode()).as("promtool create-blocks-from:\n%s", created.output()).isZero();
        // promtool 2.42's dump opens the directory as a TSDB, which needs a (here empty) WAL.
        Files.createDirectories(blocks.resolve("wal"));
        Promtool.Result dump = Promtool.run(null, "tsdb", "dump", blocks.toString());
        assertThat(dump.exitCode()).as("promtool tsdb dump:\n%s", dump.output()).isZero();
        long dumped = dump.output().lines().filter(line -> line.startsWith("{")).count();
        long written = series.values().stream().mapToLong(List::size).sum();
        assertThat(dumped).isEqualTo(written);
    }

    private static String labels(Sample sample) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < sample.labelValues().size(); i++) {
            text.append(i == 0 ? "" : ",").append(sample.family().labelNames().get(i)).append("=\"")
                    .append(sample.labelValues().get(i)).append('"');
        }
        return text.append('}').toString();
    }

    /** Series → [timestamp seconds, value bits] in file order. */
    private static Map<String, List<long[]>> parse(String text) {
        Map<String, List<long[]>> series = new LinkedHashMap<>();
        Map<String, Boolean> familiesSeen = new HashMap<>();
        String family = null;
        String previousSeries = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                family = line.split(" ")[2];
                assertThat(familiesSeen.put(family, true)).as("family %s appears once", family).isNull();
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher matcher = SAMPLE.matcher(line);
            assertThat(matcher.matches()).as("sample line: %s", line).isTrue();
            assertThat(matcher.group(1)).as("sample under its family's TYPE").isEqualTo(family);
            String key = matcher.group(1) + matcher.group(2);
            if (!key.equals(previousSeries)) {
                assertThat(series).as("samples of %s kept together", key).doesNotContainKey(key);
                previousSeries = key;
            }
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {
                    (long) Double.parseDouble(matcher.group(4)),
                    Double.doubleToLongBits(Double.parseDouble(matcher.group(3)))});
        }
        return series;
    }

    private static String write(OpenMetricsHistory history, HistoryRange range) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        history.write(range, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long micros(String text) {
        return SnapshotTime.toMicros(SnapshotTime.parse(text));
    }

    private static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }
}
