package io.gpuledger.streams.report;

/**
 * One row of the Real Slots table (rules §4.2): Allocated % is claimed / available.
 *
 * @param label            display label, e.g. {@code Prioritized (TOTAL)}
 * @param level            indentation level 0-2
 * @param allocatedPercent claimed / available × 100
 * @param claimed          average GPUs claimed
 * @param drained          average GPUs drained
 * @param available        average GPUs available
 * @param prevented        average GPUs prevented (shown {@code —} below 0.05)
 */
public record RealSlotsRow(String label, int level, double allocatedPercent, double claimed, double drained,
                           double available, double prevented) {
}
