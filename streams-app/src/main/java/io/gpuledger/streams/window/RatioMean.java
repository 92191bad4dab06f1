package io.gpuledger.streams.window;

import java.util.Map;
import java.util.TreeMap;

/**
 * The mean over buckets of {@code numerator / denominator × 100} (rules §3.4's mean of {@code P_b}), computed so that
 * the result never depends on the order buckets were added: buckets are counted per distinct (numerator,
 * denominator) pair and the pairs are summed in a fixed order.
 */
public final class RatioMean {

    /** Open addressing: pair (denominator, numerator) packed in a long → buckets. A year adds 35 K buckets here. */
    private long[] pairs = new long[16];
    private long[] counts = new long[16];
    private int used;
    private long buckets;

    /** Adds one bucket; a zero denominator is not a bucket of this mean. */
    public void add(int numerator, int denominator) {
        if (denominator <= 0) {
            return;
        }
        long pair = ((long) denominator << 32) | (numerator & 0xFFFFFFFFL);
        int slot = slot(pair, pairs.length);
        while (counts[slot] != 0 && pairs[slot] != pair) {
            slot = (slot + 1) & (pairs.length - 1);
        }
        if (counts[slot] == 0) {
            pairs[slot] = pair;
            if (++used * 2 > pairs.length) {
                counts[slot] = 1;
                buckets++;
                grow();
                return;
            }
        }
        counts[slot]++;
        buckets++;
    }

    private static int slot(long pair, int capacity) {
        long mixed = pair * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 40) & (capacity - 1);
    }

    private void grow() {
        long[] oldPairs = pairs;
        long[] oldCounts = counts;
        pairs = new long[oldPairs.length * 2];
        counts = new long[oldCounts.length * 2];
        for (int i = 0; i < oldPairs.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = slot(oldPairs[i], pairs.length);
                while (counts[slot] != 0) {
                    slot = (slot + 1) & (pairs.length - 1);
                }
                pairs[slot] = oldPairs[i];
                counts[slot] = oldCounts[i];
            }
        }
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
        TreeMap<Long, Long> ordered = new TreeMap<>();
        for (int i = 0; i < pairs.length; i++) {
            if (counts[i] != 0) {
                ordered.put(pairs[i], counts[i]);
            }
        }
        double sum = 0.0;
        for (Map.Entry<Long, Long> pair : ordered.entrySet()) {
            int denominator = (int) (pair.getKey() >>> 32);
            int numerator = (int) (pair.getKey() & 0xFFFFFFFFL);
            sum += pair.getValue() * ((double) numerator / denominator * 100.0);
        }
        return sum / buckets;
    }
}
