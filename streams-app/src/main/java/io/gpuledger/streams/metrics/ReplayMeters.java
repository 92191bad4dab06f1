package io.gpuledger.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ReplayProgress} as counters labelled by source. All five counters of a source appear together at zero when
 * it starts, so an alert on bad rows or rejected files sees the increase from zero.
 */
final class ReplayMeters implements ReplayProgress {

    private record SourceCounters(Counter rows, Counter snapshots, Counter badRows, Counter rejectedFiles,
                                  Counter completedFiles) {
    }

    private final MeterRegistry registry;
    private final Map<String, SourceCounters> bySource = new ConcurrentHashMap<>();

    ReplayMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    private SourceCounters counters(String source) {
        String label = source == null || source.isBlank() ? "unknown" : source;
        return bySource.computeIfAbsent(label, s -> new SourceCounters(
                counter("gpuledger.replay.rows", s, "Rows read and accepted by the replay"),
                counter("gpuledger.replay.snapshots", s, "Snapshots (Kafka records) of the replay acknowledged"),
                counter("gpuledger.replay.bad.rows", s, "Bad rows skipped by the replay (--skip-bad-rows)"),
                counter("gpuledger.replay.rejected.files", s, "Files the replay rejected whole"),
                counter("gpuledger.replay.completed.files", s, "Files the replay finished")));
    }

    private Counter counter(String name, String source, String description) {
        return Counter.builder(name).tag("source", source).description(description).register(registry);
    }

    @Override
    public void started(String source) {
        counters(source);
    }

    @Override
    public void rowsRead(String source, long rows) {
        counters(source).rows().increment(rows);
    }

    @Override
    public void snapshotsSent(String source, long snapshots) {
        counters(source).snapshots().increment(snapshots);
    }

    @Override
    public void badRows(String source, long rows) {
        counters(source).badRows().increment(rows);
    }

    @Override
    public void fileRejected(String source) {
        counters(source).rejectedFiles().increment();
    }

    @Override
    public void fileCompleted(String source) {
        counters(source).completedFiles().increment();
    }
}
