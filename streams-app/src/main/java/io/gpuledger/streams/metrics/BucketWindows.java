package io.gpuledger.streams.metrics;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.window.QueryWindow;

/**
 * The windows behind one bucket's series (architecture §3): the bucket itself, and the 24 hours ending with it for
 * ResearcherMachines. Both are aligned to bucket boundaries, so their edge buckets are whole buckets.
 */
public final class BucketWindows {

    static final long DAY_MICROS = 24L * 3600 * 1_000_000L;

    private BucketWindows() {
    }

    /**
     * {@code [b, b + 15 min)}. Its {@code hoursBack} is 0: it only scales the user tables' GPU-hours, which are not
     * exported.
     */
    public static QueryWindow bucket(long bucketStart) {
        return new QueryWindow(bucketStart, end(bucketStart), 0);
    }

    /** The 96 buckets ending with {@code b}: {@code [b + 15 min - 24 h, b + 15 min)}. */
    public static QueryWindow researcher(long bucketStart) {
        long next = bucketStart + SnapshotTime.BUCKET_MICROS;
        return new QueryWindow(next - DAY_MICROS, next - 1, 24);
    }

    /** Last microsecond of the bucket (windows are inclusive at both ends, rules §3.1). */
    static long end(long bucketStart) {
        return bucketStart + SnapshotTime.BUCKET_MICROS - 1;
    }
}
