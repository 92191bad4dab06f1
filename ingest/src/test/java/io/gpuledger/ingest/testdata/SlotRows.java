package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.snapshot.SlotGpuRow;

/**
 * Single topic-form rows for unit tests of the rules, where a whole {@link Rows} table would hide the one column under
 * test. Columns not named are NULL, except the device ({@code NVIDIA L40S}, 46068 MB) so the row is ordinary.
 */
public final class SlotRows {

    private SlotRows() {
    }

    /** A row on GPU {@code GPU-1} with no owner. */
    public static SlotGpuRow row(String name, String state, String prioritizedProjects, String preventJobsReason) {
        return row(name, "GPU-1", state, prioritizedProjects, null, preventJobsReason);
    }

    /** A row with every column that the rules look at. {@code gpuId} is taken as already normalised. */
    public static SlotGpuRow row(String name, String gpuId, String state, String prioritizedProjects,
            String remoteOwner, String preventJobsReason) {
        return new SlotGpuRow(name, gpuId, state, SpecExamples.L40S, SpecExamples.L40S_MB, prioritizedProjects, null,
                remoteOwner, null, preventJobsReason, null);
    }
}
