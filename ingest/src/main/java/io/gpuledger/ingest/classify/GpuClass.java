package io.gpuledger.ingest.classify;

/**
 * The six classes of rules §2.5, in the class order used everywhere (PRO, PCO, Shared, BRO, BCO, then BOC in raw
 * output only). JSON uses {@link #id()}.
 */
public enum GpuClass {
    PRO("Priority-ResearcherOwned", "Researcher-Owned Hardware", null, false),
    PCO("Priority-CHTCOwned", "Researcher-Reserved Capacity", null, false),
    SHARED("Shared", "Open Capacity", null, false),
    BRO("Backfill-ResearcherOwned", "Researcher-Owned Hardware (secondary)", "Researcher-Owned Hardware", true),
    BCO("Backfill-CHTCOwned", "Researcher-Reserved Capacity (secondary)", "Researcher-Reserved Capacity", true),
    BOC("Backfill-OpenCapacity", null, null, true);

    private final String id;
    private final String displayName;
    private final String backfillTableName;
    private final boolean backfill;

    GpuClass(String id, String displayName, String backfillTableName, boolean backfill) {
        this.id = id;
        this.displayName = displayName;
        this.backfillTableName = backfillTableName;
        this.backfill = backfill;
    }

    /** The long id used in JSON, e.g. {@code Priority-ResearcherOwned}. */
    public String id() {
        return id;
    }

    /** Name in Real Slots, device tables and the H200 table; null for BOC, which is never displayed. */
    public String displayName() {
        return displayName;
    }

    /** Plain name in the backfill-user table (BRO, BCO only). */
    public String backfillTableName() {
        return backfillTableName;
    }

    public boolean isBackfill() {
        return backfill;
    }

    /** PRO, PCO, Shared: primary capacity, each GPU counted once per snapshot. */
    public boolean isReal() {
        return !backfill;
    }

    public static GpuClass fromId(String id) {
        for (GpuClass gpuClass : values()) {
            if (gpuClass.id.equals(id)) {
                return gpuClass;
            }
        }
        throw new IllegalArgumentException("unknown class id: " + id);
    }
}
