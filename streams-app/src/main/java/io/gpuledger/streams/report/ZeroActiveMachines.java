package io.gpuledger.streams.report;

import java.util.List;

/** Machines with zero active primary-slot GPUs (rules §4.7). */
public record ZeroActiveMachines(int totalMachines, int totalGpusIdle, List<Machine> machines) {

    /**
     * @param gpuModel           most frequent device name (raw), excluding {@code Unknown}
     * @param gpuModelShort      its short name
     * @param prioritizedProjects trimmed non-blank PP values, sorted
     * @param avgBackfillClaimed (bucket, GPU) pairs with a backfill Claimed row / buckets with backfill rows
     */
    public record Machine(String machine, String gpuModel, String gpuModelShort, int allGpus, int claimedGpus,
                          long observations, List<String> prioritizedProjects, double avgBackfillClaimed) {
    }
}
