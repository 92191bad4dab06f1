package io.gpuledger.streams.report;

import java.util.List;
import java.util.Map;

/**
 * The GPU model snapshot (rules §4.12). Without {@code gpu-model} it lists the models seen around the target time;
 * with it, it reports on the one snapshot closest to the target (ties to the later one).
 *
 * @param targetTime    the requested {@code snapshot-time}
 * @param windowMinutes rows within this many minutes of the target were considered
 * @param gpuModel      the requested model, or null for the listing
 * @param models        the listing: distinct device names (no {@code Unknown}) in string order; null with a model
 * @param snapshot      the activity report; null for the listing
 * @param partial       the numbers cannot be complete yet ({@link Completeness})
 * @param partialReason why, or null when complete
 */
public record GpuModelSnapshotReport(String type, String targetTime, int windowMinutes, String gpuModel,
                                     List<String> models, Activity snapshot, boolean partial, String partialReason)
        implements Report {

    @Override
    public Completeness completeness() {
        return partial ? Completeness.partial(partialReason) : Completeness.COMPLETE;
    }

    @Override
    public GpuModelSnapshotReport withCompleteness(Completeness completeness) {
        return new GpuModelSnapshotReport(type, targetTime, windowMinutes, gpuModel, models, snapshot,
                completeness.partial(), completeness.reason());
    }

    /**
     * @param snapshotTime        the chosen snapshot's timestamp
     * @param timeDifferenceSeconds |snapshot − target| in whole seconds (truncated)
     * @param utilizationPercent  claimed / total × 100
     * @param avgGpuUsagePercent  100 × mean of non-NULL usage over Claimed rows, or null
     * @param byClass             legacy Priority / Shared / Backfill, with host exclusions
     */
    public record Activity(String snapshotTime, long timeDifferenceSeconds, int totalGpus, int claimedGpus,
                           int unclaimedGpus, double utilizationPercent, Double avgGpuUsagePercent,
                           int numMachines, List<String> machines, Map<String, ClassCount> byClass,
                           List<ActiveJob> activeJobs, List<InactiveGpu> inactiveGpus) {
    }

    public record ClassCount(int total, int claimed) {
    }

    public record ActiveJob(String user, String globalJobId, String gpu, String machine) {
    }

    /** @param prioritizedProjects the row's PP as stored (null stays null) */
    public record InactiveGpu(String gpu, String machine, String prioritizedProjects) {
    }

    @Override
    public <R> R match(Cases<R> cases) {
        return cases.gpuModelSnapshot(this);
    }
}
