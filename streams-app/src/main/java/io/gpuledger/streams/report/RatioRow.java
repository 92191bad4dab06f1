package io.gpuledger.streams.report;

/**
 * A row of the memory and device tables (rules §4.3, 4.4): Allocated is claimed + drained.
 *
 * @param label            category, short device name, or {@code TOTAL}
 * @param key              raw key behind the label (category label, raw device name, or {@code TOTAL})
 * @param allocatedPercent allocated / available × 100
 * @param allocated        average claimed + drained
 * @param available        average available
 */
public record RatioRow(String label, String key, double allocatedPercent, double allocated, double available) {
}
