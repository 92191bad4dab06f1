package io.gpuledger.streams.window;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mean over buckets of {@code numerator / denominator × 100} (SPEC 3.4's mean of {@code P_b}), computed so that
 * the result never depends on the order buckets were added: buckets are counted per distinct (numerator,
 * denominator) pair and the pairs are summed in a fixed order.
 */
public final class RatioMean {

    private final Map<Long, Long> bucketsPerPair = new HashMap<>();
    private long buckets;

    /** Adds one bucket; a zero denominator is not a bucket of this mean. */
    public void add(int numerator, int denominator) {
        if (denominator <= 0) {
            return;
        }
        bucketsPerPair.merge(((long) denominator << 32) | numerator, 1L, Long::sum);
        buckets++;
    }

    /** Buckets with a positive denominator. */
    public long buckets() {
        return buckets;
    }

    /** The mean percentage, or 0.0 when no bucket had a positive denominator. */
    public double meanPercent() {
        if (buckets == 0) {
            return 0.0;
        }
        double sum = 0.0;
        for (Map.Entry<Long, Long> pair : new TreeMap<>(bucketsPerPair).entrySet()) {
            int denominator = (int) (pair.getKey() >>> 32);
            int numerator = (int) (pair.getKey() & 0xFFFFFFFFL);
            sum += pair.getValue() * ((double) numerator / denominator * 100.0);
        }
        return sum / buckets;
    }
}
