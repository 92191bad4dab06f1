package io.gpuledger.streams.metrics;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns bucket-by-bucket samples into series-by-series ones without holding a whole range in memory. OpenMetrics
 * keeps a family's samples together and a series' samples together in time order, while the report engine yields
 * one bucket at a time: samples are buffered for {@value #CHUNK_BUCKETS} buckets, then written to a temporary file as
 * one segment per series, and read back per series when the text is written.
 */
final class SeriesSpill implements Closeable {

    /** One week of buckets per chunk: a few MB of buffered samples at most. */
    static final int CHUNK_BUCKETS = 7 * 96;

    private static final int SAMPLE_BYTES = Long.BYTES + Double.BYTES;

    /** A series: family and label values. */
    record Series(GaugeFamily family, List<String> labelValues) {
    }

    /** Where one series' samples of one chunk are in the file. */
    private record Segment(long offset, int count) {
    }

    /** A series' samples of the current chunk. */
    private static final class Buffer {
        long[] timestamps = new long[16];
        double[] values = new double[16];
        int size;

        void add(long timestamp, double value) {
            if (size == timestamps.length) {
                timestamps = java.util.Arrays.copyOf(timestamps, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            timestamps[size] = timestamp;
            values[size] = value;
            size++;
        }
    }

    /** Receives one series' samples in time order. */
    interface SampleVisitor {
        void sample(long timestampMillis, double value) throws IOException;
    }

    private final int chunkBuckets;
    private final Path file;
    private final FileChannel channel;
    private final Map<Series, Integer> ids = new HashMap<>();
    private final List<Series> series = new ArrayList<>();
    private final List<List<Segment>> segments = new ArrayList<>();
    private final Map<Integer, Buffer> chunk = new HashMap<>();
    private int bucketsInChunk;
    private long written;

    SeriesSpill() {
        this(CHUNK_BUCKETS);
    }

    SeriesSpill(int chunkBuckets) {
        this.chunkBuckets = chunkBuckets;
        try {
            file = Files.createTempFile("gpuledger-openmetrics-", ".spill");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the history: " + e.getMessage(), e);
        }
    }

    /** Adds one bucket's samples, all stamped {@code timestampMillis}. */
    void addBucket(long timestampMillis, List<Sample> samples) throws IOException {
        for (Sample sample : samples) {
            Series key = new Series(sample.family(), sample.labelValues());
            Integer id = ids.get(key);
            if (id == null) {
                id = series.size();
                ids.put(key, id);
                series.add(key);
                segments.add(new ArrayList<>());
            }
            chunk.computeIfAbsent(id, i -> new Buffer()).add(timestampMillis, sample.value());
        }
        if (++bucketsInChunk >= chunkBuckets) {
            flush();
        }
    }

    /** Writes the buffered chunk to the file. */
    void flush() throws IOException {
        for (Map.Entry<Integer, Buffer> entry : chunk.entrySet()) {
            Buffer buffer = entry.getValue();
            ByteBuffer bytes = ByteBuffer.allocate(buffer.size * SAMPLE_BYTES);
            for (int i = 0; i < buffer.size; i++) {
                bytes.putLong(buffer.timestamps[i]).putDouble(buffer.values[i]);
            }
            bytes.flip();
            long offset = written;
            while (bytes.hasRemaining()) {
                written += channel.write(bytes, written);
            }
            segments.get(entry.getKey()).add(new Segment(offset, buffer.size));
        }
        chunk.clear();
        bucketsInChunk = 0;
    }

    /** The series of {@code family}, sorted by label values. Call after {@link #flush()}. */
    List<Series> series(GaugeFamily family) {
        Comparator<List<String>> byLabels = (a, b) -> {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int order = a.get(i).compareTo(b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        };
        return series.stream().filter(s -> s.family() == family)
                .sorted(Comparator.comparing(Series::labelValues, byLabels)).toList();
    }

    /** Visits a series' samples in time order. */
    void forEachSample(Series key, SampleVisitor visitor) throws IOException {
        for (Segment segment : segments.get(ids.get(key))) {
            ByteBuffer bytes = ByteBuffer.allocate(segment.count() * SAMPLE_BYTES);
            long position = segment.offset();
            while (bytes.hasRemaining()) {
                int read = channel.read(bytes, position);
                if (read < 0) {
                    throw new IOException("history spill file ended early: " + file);
                }
                position += read;
            }
            bytes.flip();
            for (int i = 0; i < segment.count(); i++) {
                visitor.sample(bytes.getLong(), bytes.getDouble());
            }
        }
    }

    int seriesCount() {
        return series.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
