package io.gpuledger.streams.window;

/**
 * Window sums of one (class, device) or one memory category: the integer sums of {@code T_b, C_b, D_b, R_b} over the
 * window's buckets, and the per-bucket means of rules §3.4 (allocation and drained percentages).
 */
public final class CellTotals {

    private long available;
    private long claimed;
    private long drained;
    private long prevented;
    private final RatioMean allocationPercent = new RatioMean();
    private final RatioMean drainedPercent = new RatioMean();

    /** Adds one bucket's distinct counts. */
    public void addBucket(int bucketAvailable, int bucketClaimed, int bucketDrained, int bucketPrevented) {
        available += bucketAvailable;
        claimed += bucketClaimed;
        drained += bucketDrained;
        prevented += bucketPrevented;
        allocationPercent.add(bucketClaimed, bucketAvailable);
        drainedPercent.add(bucketDrained, bucketAvailable);
    }

    public long available() {
        return available;
    }

    public long claimed() {
        return claimed;
    }

    public long drained() {
        return drained;
    }

    public long prevented() {
        return prevented;
    }

    /** Buckets with {@code T_b > 0}: {@code n_m} for memory categories. */
    public long bucketsWithAvailable() {
        return allocationPercent.buckets();
    }

    public double allocationPercent() {
        return allocationPercent.meanPercent();
    }

    public double drainedPercent() {
        return drainedPercent.meanPercent();
    }
}
