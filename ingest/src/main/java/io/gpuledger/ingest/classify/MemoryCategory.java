package io.gpuledger.ingest.classify;

/** Memory categories from {@code GPUs_GlobalMemoryMb} (rules §2.7), declared in display order. */
public enum MemoryCategory {
    LT48("<48GB"),
    GB48("48GB"),
    GB80("80GB"),
    GT80(">80GB"),
    UNKNOWN("Unknown");

    private final String label;

    MemoryCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The first matching line of rules §2.7's table wins; {@code GB = MB / 1024.0}. */
    public static MemoryCategory of(Long memoryMb) {
        if (memoryMb == null || memoryMb <= 0) {
            return UNKNOWN;
        }
        double gb = memoryMb / 1024.0;
        if (gb < 44) {
            return LT48;
        }
        if (gb <= 50) {
            return GB48;
        }
        if (gb >= 75 && gb <= 85) {
            return GB80;
        }
        if (gb > 85) {
            return GT80;
        }
        return LT48;
    }

    public static MemoryCategory fromLabel(String label) {
        for (MemoryCategory category : values()) {
            if (category.label.equals(label)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown memory category: " + label);
    }
}
