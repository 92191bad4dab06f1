package io.gpuledger.streams.metrics;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.query.StoreUnavailableException;
import io.gpuledger.streams.window.SummarySource;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/openmetrics}: the allocation series of every complete bucket of a range as OpenMetrics text with
 * timestamps, for {@code promtool tsdb create-blocks-from openmetrics}. Each bucket gives one sample per series,
 * labelled {@code bucket="complete"} like the live gauges and stamped with the bucket's <b>end</b> (the moment its
 * live "complete" gauge first shows it), converted from the naive wall clock with {@code --collector-zone}.
 *
 * <p>A bucket whose end does not come after the previous bucket's (only possible around a DST change) is skipped, so
 * every series is strictly increasing in time, as promtool requires. Buckets are computed once each and spilled to a
 * temporary file ({@link SeriesSpill}), since OpenMetrics wants each family, then each series, together.
 */
public final class OpenMetricsHistory {

    private static final Logger LOG = LoggerFactory.getLogger(OpenMetricsHistory.class);

    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** What one export wrote. */
    public record Summary(long buckets, long skippedBuckets, long series, long samples) {
    }

    private final GaugeInputs inputs;
    private final CollectorZone zone;
    private final int chunkBuckets;

    public OpenMetricsHistory(GaugeInputs inputs, CollectorZone zone) {
        this(inputs, zone, SeriesSpill.CHUNK_BUCKETS);
    }

    /** With {@code chunkBuckets} buckets buffered before spilling (tests use small chunks). */
    OpenMetricsHistory(GaugeInputs inputs, CollectorZone zone, int chunkBuckets) {
        this.inputs = inputs;
        this.zone = zone;
        this.chunkBuckets = chunkBuckets;
    }

    /**
     * Resolves the {@code from} and {@code to} parameters against the rollups.
     *
     * @throws HistoryRange.InvalidRangeException for a bad parameter (HTTP 400)
     * @throws StoreUnavailableException          when this instance does not own the rollups (HTTP 503, or forward)
     */
    public HistoryRange range(String from, String to) {
        requireOwner();
        long latest = inputs.latestSnapshotMicros();
        if (latest < 0) {
            return new HistoryRange(0, -1);
        }
        long latestComplete = SnapshotTime.bucketStartMicros(latest) - SnapshotTime.BUCKET_MICROS;
        return HistoryRange.parse(blankToNull(from), blankToNull(to), inputs.earliestBucketMicros(), latestComplete);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private void requireOwner() {
        if (!inputs.ownsRollups()) {
            throw new StoreUnavailableException("the bucket rollups are not on this instance");
        }
    }

    /**
     * A computed range, waiting in its spill file to be written: computing can fail (stores unavailable) before a
     * byte of the answer is sent, writing only on the connection.
     */
    public static final class Export implements Closeable {
        private final SeriesSpill spill;
        private final HistoryRange range;
        private final long buckets;
        private final long skippedBuckets;
        private final long startedNanos;

        private Export(SeriesSpill spill, HistoryRange range, long buckets, long skippedBuckets, long startedNanos) {
            this.spill = spill;
            this.range = range;
            this.buckets = buckets;
            this.skippedBuckets = skippedBuckets;
            this.startedNanos = startedNanos;
        }

        /** Writes the text to {@code out} (not closed), ending with {@code # EOF}. */
        public Summary writeTo(OutputStream out) throws IOException {
            long samples = writeText(spill, out);
            Summary summary = new Summary(buckets, skippedBuckets, spill.seriesCount(), samples);
            LOG.info("OpenMetrics history {} .. {}: {} buckets ({} skipped at a clock change), {} series, {} samples"
                            + " in {} ms", format(range.firstBucket()), format(range.lastBucket()), summary.buckets(),
                    summary.skippedBuckets(), summary.series(), summary.samples(),
                    (System.nanoTime() - startedNanos) / 1_000_000);
            return summary;
        }

        @Override
        public void close() throws IOException {
            spill.close();
        }
    }

    /** Computes every bucket of the range into a spill file. */
    public Export compute(HistoryRange range) throws IOException {
        requireOwner();
        long started = System.nanoTime();
        SeriesSpill spill = new SeriesSpill(chunkBuckets);
        try {
            long[] counts = new long[2];
            if (!range.isEmpty()) {
                SummarySource source = inputs.historySource();
                long[] lastMillis = {Long.MIN_VALUE};
                inputs.forEachBucket(range.firstBucket(), range.lastBucket(), bucket -> {
                    long endMillis = zone.epochMillis(bucket + SnapshotTime.BUCKET_MICROS);
                    if (endMillis <= lastMillis[0]) {
                        counts[1]++;
                        return;
                    }
                    BucketReports.of(source, bucket, inputs).ifPresent(report -> {
                        List<Sample> samples = AllocationSamples.of(report, BucketLabel.COMPLETE);
                        try {
                            spill.addBucket(endMillis, samples);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        lastMillis[0] = endMillis;
                        counts[0]++;
                    });
                });
                spill.flush();
            }
            return new Export(spill, range, counts[0], counts[1], started);
        } catch (UncheckedIOException e) {
            spill.close();
            throw e.getCause();
        } catch (RuntimeException | IOException e) {
            spill.close();
            throw e;
        }
    }

    /** Computes the range and writes it to {@code out} (not closed). */
    public Summary write(HistoryRange range, OutputStream out) throws IOException {
        try (Export export = compute(range)) {
            return export.writeTo(out);
        }
    }

    private static String format(long micros) {
        return micros < 0 ? "-" : SnapshotTime.formatSeconds(SnapshotTime.fromMicros(micros));
    }

    private static long writeText(SeriesSpill spill, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        long samples = 0;
        StringBuilder line = new StringBuilder(256);
        for (GaugeFamily family : GaugeFamily.values()) {
            if (!family.inHistory()) {
                continue;
            }
            List<SeriesSpill.Series> series = spill.series(family);
            if (series.isEmpty()) {
                continue;
            }
            writer.write("# TYPE " + family.prometheusName() + " gauge\n");
            if (family.unit() != null) {
                writer.write("# UNIT " + family.prometheusName() + " " + family.unit() + "\n");
            }
            writer.write("# HELP " + family.prometheusName() + " " + escape(family.help()) + "\n");
            for (SeriesSpill.Series one : series) {
                String prefix = family.prometheusName() + labels(family, one.labelValues()) + " ";
                long[] count = {0};
                spill.forEachSample(one, (timestampMillis, value) -> {
                    line.setLength(0);
                    line.append(prefix).append(number(value)).append(' ').append(seconds(timestampMillis))
                            .append('\n');
                    writer.append(line);
                    count[0]++;
                });
                samples += count[0];
            }
        }
        writer.write("# EOF\n");
        writer.flush();
        return samples;
    }

    private static String labels(GaugeFamily family, List<String> values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(family.labelNames().get(i)).append("=\"").append(escape(values.get(i))).append('"');
        }
        return text.append('}').toString();
    }

    /** OpenMetrics escaping of label values and HELP text: backslash, line feed, double quote. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '"' -> escaped.append("\\\"");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Integers without a fraction (counts are the common case), anything else as Java's shortest round-trip form. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** OpenMetrics timestamps are seconds; milliseconds become a fraction. */
    static String seconds(long millis) {
        long whole = Math.floorDiv(millis, 1000);
        long fraction = Math.floorMod(millis, 1000);
        return fraction == 0 ? Long.toString(whole) : whole + "." + String.format("%03d", fraction);
    }
}
