package io.gpuledger.streams.metrics;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Converts the naive wall-clock times of the data into Unix time for Prometheus, the only place gpuledger leaves the
 * naive clock (architecture §1, Time). A time in a repeated (fall-back) hour takes the earlier offset, so the one bucket
 * that holds both passes is exported once; a time in a skipped (spring-forward) hour moves forward by the gap.
 */
public record CollectorZone(ZoneId zone) {

    /** {@code --collector-zone}: a zone id, or blank for the JVM's zone. */
    public static CollectorZone of(String zoneId) {
        return new CollectorZone(zoneId == null || zoneId.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zoneId));
    }

    /** Unix seconds, with the microseconds as a fraction. */
    public double epochSeconds(long naiveMicros) {
        ZonedDateTime zoned = ZonedDateTime.ofLocal(SnapshotTime.fromMicros(naiveMicros), zone, null);
        return zoned.toEpochSecond() + zoned.getNano() / 1e9;
    }

    /** Unix milliseconds (Prometheus' resolution), truncating sub-millisecond digits. */
    public long epochMillis(long naiveMicros) {
        LocalDateTime local = SnapshotTime.fromMicros(naiveMicros);
        return ZonedDateTime.ofLocal(local, zone, null).toInstant().toEpochMilli();
    }
}
