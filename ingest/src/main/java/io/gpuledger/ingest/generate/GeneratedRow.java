package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.sqlite.GpuStateRecord;

/**
 * One generated {@code gpu_state} row exactly as it is stored (rules §1.2): ids not normalised, timestamp as the
 * collector's text.
 */
public record GeneratedRow(
        String name,
        String assignedGpus,
        String availableGpus,
        String state,
        String deviceName,
        Long memoryMb,
        String prioritizedProjects,
        Double gpusAverageUsage,
        String machine,
        String remoteOwner,
        String globalJobId,
        String timestamp,
        String preventJobsReason,
        Long disk) {

    public GpuStateRecord toRecord() {
        return new GpuStateRecord(name, assignedGpus, availableGpus, state, deviceName, memoryMb, prioritizedProjects,
                gpusAverageUsage, machine, remoteOwner, globalJobId, timestamp, preventJobsReason, disk);
    }

    /** The row as the reader hands it on: GPU id normalised (rules §1.4), machine and time left to the snapshot. */
    public SlotGpuRow toSlotGpuRow() {
        return new SlotGpuRow(name, GpuIds.normalise(name, assignedGpus), state, deviceName, memoryMb,
                prioritizedProjects, gpusAverageUsage, remoteOwner, globalJobId, preventJobsReason, disk);
    }
}
