package io.gpuledger.ingest.snapshot;

/** GPU id normalisation (rules §1.4). */
public final class GpuIds {

    private GpuIds() {
    }

    /**
     * Backfill rows (their {@code Name} contains {@code backfill}) have every {@code _} turned into {@code -}, so older
     * ids such as {@code GPU_1a2b} equal the primary {@code GPU-1a2b}. Primary ids are used exactly as stored; an id is
     * otherwise opaque (no trimming, case folding or splitting).
     */
    public static String normalise(String slotName, String storedId) {
        if (storedId == null || slotName == null || !slotName.contains("backfill")) {
            return storedId;
        }
        return storedId.replace('_', '-');
    }
}
