package io.gpuledger.ingest.generate;

/**
 * A running job (primary or backfill) or an interactive session: one dynamic slot and the GPUs it holds.
 *
 * @param slotNumber  N of {@code slot1_N} / {@code backfill2_N}; 0 for an interactive session
 * @param slotName    the full {@code Name}, e.g. {@code slot1_3@gpu2003.chtc.wisc.edu}
 * @param owner       {@code RemoteOwner}
 * @param globalJobId {@code schedd#cluster.proc#qdate}
 * @param gpuIndexes  indexes into the machine's GPU list (never modified)
 * @param endTick     first simulation tick at which the job is gone
 * @param usage       its typical {@code GPUsAverageUsage}
 * @param diskKib     {@code Disk} of its dynamic slot
 * @param noiseSeed   varies the recorded usage from snapshot to snapshot without drawing from the simulation's stream
 */
record Job(int slotNumber, String slotName, String owner, String globalJobId, int[] gpuIndexes, long endTick,
        double usage, long diskKib, long noiseSeed) {

    int gpuMask() {
        int mask = 0;
        for (int gpu : gpuIndexes) {
            mask |= 1 << gpu;
        }
        return mask;
    }
}
