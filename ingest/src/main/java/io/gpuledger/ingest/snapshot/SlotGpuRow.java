package io.gpuledger.ingest.snapshot;

/**
 * One slot ad × one GPU id of that slot, as recorded in one snapshot (rules §1.2, 1.3). The machine and the timestamp
 * live on the enclosing {@link HostSnapshot}.
 *
 * @param name               slot name {@code <slot>@<host>}, never null or empty
 * @param gpuId              the GPU id, already normalised (rules §1.4); null or empty means "no GPU"
 * @param state              HTCondor slot state, one of {@link SlotState}
 * @param deviceName         {@code GPUs_DeviceName}, may be null (shown as {@code Unknown})
 * @param memoryMb           {@code GPUs_GlobalMemoryMb} in MiB, may be null
 * @param prioritizedProjects NULL and {@code ""} mean different things (rules §2.1)
 * @param gpusAverageUsage   busy fraction 0–1, may be null
 * @param remoteOwner        job owner, null when not claimed
 * @param globalJobId        {@code schedd#cluster.proc#qdate}, may be null
 * @param preventJobsReason  why the startd refuses new jobs, may be null
 * @param disk               KiB, recorded and never used
 */
public record SlotGpuRow(
        String name,
        String gpuId,
        String state,
        String deviceName,
        Long memoryMb,
        String prioritizedProjects,
        Double gpusAverageUsage,
        String remoteOwner,
        String globalJobId,
        String preventJobsReason,
        Long disk) {

    /** True when the row names a GPU (rules §1.4, {@code hasGpu}). */
    public boolean hasGpu() {
        return gpuId != null && !gpuId.isEmpty();
    }
}
