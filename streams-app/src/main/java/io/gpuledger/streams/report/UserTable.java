package io.gpuledger.streams.report;

import java.util.List;
import java.util.Map;

/**
 * A user GPU-hours table: H200 (rules §4.5) or backfill (4.6).
 *
 * @param numBuckets   {@code N}, the table's own bucket count
 * @param coveredHours {@code |B| × 0.25} h (rules §4.14)
 * @param users        raw per-user figures, users in name order ({@code ""} owners shown as {@code Unknown})
 * @param groups       the rendered rows: classes by total descending, users by hours descending
 */
public record UserTable(long numBuckets, double coveredHours, Map<String, UserEntry> users, List<ClassGroup> groups) {

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /**
     * @param totalGpuHours    Σ over classes of {@code S / N × hours_back}
     * @param measuredGpuHours Σ over classes of {@code S × 0.25}
     * @param slotBreakdown    per class id
     */
    public record UserEntry(double totalGpuHours, double measuredGpuHours, Map<String, SlotShare> slotBreakdown) {
    }

    /** @param percentage class hours / the user's total × 100 */
    public record SlotShare(double gpuHours, double measuredGpuHours, double percentage) {
    }

    /**
     * @param classId        class id
     * @param label          class label as shown in this table
     * @param slotTotal      Σ of its users' hours
     * @param percentOfTotal slot total / grand total × 100
     * @param users          its users by hours descending, ties by name
     */
    public record ClassGroup(String classId, String label, double slotTotal, double percentOfTotal,
                             List<UserLine> users) {
    }

    /** @param percentOfTotal hours / grand total × 100 */
    public record UserLine(String user, double gpuHours, double percentOfTotal) {
    }
}
