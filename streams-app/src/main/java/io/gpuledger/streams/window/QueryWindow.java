package io.gpuledger.streams.window;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.LocalDateTime;

/**
 * A report window {@code [start, end]}, both ends inclusive, on the naive wall clock (rules §3.1).
 *
 * @param startMicros first included instant, naive-as-UTC micros
 * @param endMicros   last included instant
 * @param hoursBack   the requested length, which GPU-hours multiply by even when data cover less (rules §3.7)
 */
public record QueryWindow(long startMicros, long endMicros, long hoursBack) {

    public QueryWindow {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("window end before start");
        }
    }

    /** {@code [end - hoursBack, end]}. */
    public static QueryWindow endingAt(LocalDateTime end, long hoursBack) {
        return new QueryWindow(SnapshotTime.toMicros(end.minusHours(hoursBack)), SnapshotTime.toMicros(end), hoursBack);
    }

    public static QueryWindow between(LocalDateTime start, LocalDateTime end, long hours) {
        return new QueryWindow(SnapshotTime.toMicros(start), SnapshotTime.toMicros(end), hours);
    }

    public long firstBucket() {
        return SnapshotTime.bucketStartMicros(startMicros);
    }

    public long lastBucket() {
        return SnapshotTime.bucketStartMicros(endMicros);
    }

    public LocalDateTime start() {
        return SnapshotTime.fromMicros(startMicros);
    }

    public LocalDateTime end() {
        return SnapshotTime.fromMicros(endMicros);
    }

    public boolean contains(long micros) {
        return micros >= startMicros && micros <= endMicros;
    }
}
