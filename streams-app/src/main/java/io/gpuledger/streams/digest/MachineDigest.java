package io.gpuledger.streams.digest;

import io.gpuledger.ingest.classify.GpuKind;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.classify.MemoryCategory;
import java.util.List;
import java.util.Map;

/**
 * What reports need to know about one machine in one 15-minute bucket (or in the in-window snapshots of an edge
 * bucket), computed once from its {@code HostBucket} and free of configuration (architecture §1, rules §8).
 *
 * <p>Per-bucket counts are distinct GPU counts over the bucket's snapshots, so they add up across machines (a GPU key
 * includes its machine) but never across buckets; window-wide unions (zero-active GPU sets, legacy sets of wider
 * time-series buckets) keep GPU ids, as indexes into {@link #gpuIds}.
 *
 * @param machine           the host
 * @param bucketStartMicros the bucket this digest summarises
 * @param rowCount          distinct row identities (rules §1.5)
 * @param firstTimestamp    earliest snapshot, micros
 * @param lastTimestamp     latest snapshot, micros
 * @param researcherRow     some row is primary with strict PP (rules §2.5, ResearcherMachines, before machine-level
 *                          conditions)
 * @param h200Row           some row's device is exactly {@code NVIDIA H200} (rules §4.5 N)
 * @param nonOldRow         some row's device is not old (rules §4.6 N with the device filter)
 * @param gpuIds            distinct GPU ids of the digest, sorted
 * @param deviceCells       T/C/D/R per (kind, device)
 * @param memoryCells       T/C/D per (device filter, memory category) over Real-class representatives
 * @param h200Users         GPUs claimed per (user, kind) on H200 representatives / backfill rows
 * @param backfillUsers     GPUs claimed per (user, device filter) on raw backfill rows
 * @param legacyClaimed     per {@link LegacyClass} ordinal, the "claimed" GPU set (rules §2.9)
 * @param legacyUnclaimed   per {@link LegacyClass} ordinal, the "unclaimed" GPU set
 * @param zeroActive        facts for the zero-active list (rules §4.7)
 * @param drainPoints       Drained and not Claimed (GPU, timestamp) points (rules §4.8), by GPU then time
 * @param preventedGpus     (GPU, reason) pairs of prevented rows (rules §4.9)
 * @param lastPreventedTimestamp latest snapshot with a prevented row, or -1
 */
public record MachineDigest(
        String machine,
        long bucketStartMicros,
        int rowCount,
        long firstTimestamp,
        long lastTimestamp,
        boolean researcherRow,
        boolean h200Row,
        boolean nonOldRow,
        List<String> gpuIds,
        List<DeviceCell> deviceCells,
        List<MemoryCell> memoryCells,
        List<H200UserCell> h200Users,
        List<BackfillUserCell> backfillUsers,
        List<GpuSet> legacyClaimed,
        List<GpuSet> legacyUnclaimed,
        ZeroActiveFacts zeroActive,
        List<DrainPoint> drainPoints,
        List<PreventedGpu> preventedGpus,
        long lastPreventedTimestamp) {

    /** Distinct GPUs of one (kind, device): available, claimed, drained (and not claimed), prevented (not claimed). */
    public record DeviceCell(GpuKind kind, String device, int available, int claimed, int drained, int prevented) {
    }

    /** Distinct Real-class GPUs of one memory category; {@code nonOldOnly} is the default device filter. */
    public record MemoryCell(boolean nonOldOnly, MemoryCategory category, int available, int claimed, int drained) {
    }

    /** GPUs of H200 rows claimed by {@code user} in one kind. {@code user} may be {@code ""} (shown Unknown). */
    public record H200UserCell(String user, GpuKind kind, int gpus) {
    }

    /** Backfill GPUs claimed by {@code user}, counting only non-old devices when {@code nonOldOnly}. */
    public record BackfillUserCell(String user, boolean nonOldOnly, int gpus) {
    }

    /** A set of GPUs as a bitset over {@link #gpuIds()}. */
    public record GpuSet(long[] words) {
        public int size() {
            int count = 0;
            for (long word : words) {
                count += Long.bitCount(word);
            }
            return count;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GpuSet that && java.util.Arrays.equals(words, that.words);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(words);
        }

        @Override
        public String toString() {
            return java.util.BitSet.valueOf(words).toString();
        }

    }

    /**
     * Zero-active list facts; here backfill means {@code Name} contains {@code backfill} case-insensitively.
     *
     * @param primaryGpus         GPUs on primary rows
     * @param primaryClaimedGpus  GPUs on primary Claimed rows
     * @param primaryObservations primary rows with a GPU
     * @param deviceRows          rows per device name (all rows, {@code Unknown} included), sorted by name
     * @param prioritizedProjects trimmed non-blank PP values, sorted
     * @param backfillClaimedGpus GPUs with a backfill Claimed row in this bucket
     * @param backfillRows        some backfill row in this bucket
     */
    public record ZeroActiveFacts(
            GpuSet primaryGpus,
            GpuSet primaryClaimedGpus,
            int primaryObservations,
            Map<String, Integer> deviceRows,
            List<String> prioritizedProjects,
            int backfillClaimedGpus,
            boolean backfillRows) {
    }

    /** A GPU seen Drained (and not Claimed) at one snapshot. */
    public record DrainPoint(int gpu, long timestampMicros) {
    }

    /** A GPU with a prevented row carrying this reason (as stored). */
    public record PreventedGpu(int gpu, String reason) {
    }

    public String gpuId(int index) {
        return gpuIds.get(index);
    }
}
