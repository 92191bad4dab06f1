package io.gpuledger.streams.window;

import io.gpuledger.ingest.classify.GpuClass;
import java.util.List;

/**
 * One bucket's digests classified under a query's configuration (CHTC list, exclusions, host filter), everything
 * except what depends on the window's researcher set: backfill rows of machines not flagged as researcher machines in
 * this very bucket stay per machine ("open" machines) until the window's set is known.
 *
 * <p>It holds integer counts and interned strings in flat arrays, so that summaries of a year of buckets can stay
 * in memory (the service keeps those of its configured default) and a report over them adds a few hundred numbers
 * per bucket. Both device filters are kept, so {@code all-devices} does not need another summary.
 *
 * <p>Variant index 0 counts every device, 1 only devices that are not old (the default filter).
 */
public final class BucketSummary {

    public static final int ALL_DEVICES = 0;
    public static final int NON_OLD = 1;

    /** Distinct-GPU counts of one (class, device) in this bucket: available, claimed, drained, prevented. */
    public record Cell(GpuClass gpuClass, String device, int available, int claimed, int drained, int prevented) {
    }

    /** Backfill counts of a machine whose backfill class (BRO or BOC) waits for the window's researcher set. */
    public record OpenMachine(String machine, int machineId, List<Cell> backfillCells, List<UserGpus> h200Users,
                              List<UserGpus> backfillUsersAll, List<UserGpus> backfillUsersNonOld) {
    }

    /** GPUs claimed by a user in one class (class may be null for an open machine's backfill). */
    public record UserGpus(String user, GpuClass gpuClass, int gpus) {
    }

    /**
     * Zero-active facts of a machine with no claimed primary GPU in this bucket (rules §4.7).
     *
     * @param primaryGpus GPU ids on primary rows; the same array instance as the previous bucket's when unchanged
     */
    public record IdleMachine(String machine, int machineId, String[] primaryGpus, int primaryObservations,
                              String[] devices, int[] deviceRows, String[] prioritizedProjects,
                              int backfillClaimedGpus, boolean backfillRows) {
    }

    /** Drained-and-not-claimed points of one GPU in this bucket, in time order (rules §4.8). */
    public record DrainPoints(String machine, String gpu, long[] timestamps) {
    }

    /** PreventJobsReason facts of one machine in this bucket (rules §4.9). */
    public record PreventedMachine(String machine, String[] gpus, String[] reasons, long lastTimestamp) {
    }

    /** Legacy sets of one machine, for time-series buckets wider than 15 minutes (unions of GPU ids). */
    public record LegacySets(String machine, String[][] claimed, String[][] unclaimed) {
    }

    final long bucketStartMicros;
    final long rowCount;
    final long excludedRows;
    final long firstTimestamp;
    final long lastTimestamp;
    /** Machines flagged as researcher machines here, as {@link MachineIndex} bits. */
    final long[] researcherMachineBits;
    final boolean h200Present;
    final boolean[] backfillPresent;
    final List<Cell> cells;
    final List<OpenMachine> openMachines;
    /**
     * {@code cells} with every open machine's backfill added as BOC: the bucket's complete cells for a window whose
     * researcher set holds none of the open machines, the usual case.
     */
    final List<Cell> cellsWithOpenAsBoc;
    final int[][][] memory;
    final List<UserGpus> h200Users;
    final List<List<UserGpus>> backfillUsers;
    /** Machines with a claimed primary GPU here, as {@link MachineIndex} bits. */
    final long[] claimedMachineBits;
    final List<IdleMachine> idleMachines;
    final List<DrainPoints> drainPoints;
    final List<PreventedMachine> preventedMachines;
    final int[] legacyClaimed;
    final int[] legacyUnclaimed;
    final List<LegacySets> legacySets;

    BucketSummary(long bucketStartMicros, long rowCount, long excludedRows, long firstTimestamp, long lastTimestamp,
                  long[] researcherMachineBits, boolean h200Present, boolean[] backfillPresent, List<Cell> cells,
                  List<OpenMachine> openMachines, List<Cell> cellsWithOpenAsBoc, int[][][] memory,
                  List<UserGpus> h200Users, List<List<UserGpus>> backfillUsers, long[] claimedMachineBits,
                  List<IdleMachine> idleMachines,
                  List<DrainPoints> drainPoints, List<PreventedMachine> preventedMachines, int[] legacyClaimed,
                  int[] legacyUnclaimed, List<LegacySets> legacySets) {
        this.bucketStartMicros = bucketStartMicros;
        this.rowCount = rowCount;
        this.excludedRows = excludedRows;
        this.firstTimestamp = firstTimestamp;
        this.lastTimestamp = lastTimestamp;
        this.researcherMachineBits = researcherMachineBits;
        this.h200Present = h200Present;
        this.backfillPresent = backfillPresent;
        this.cells = cells;
        this.openMachines = openMachines;
        this.cellsWithOpenAsBoc = cellsWithOpenAsBoc;
        this.memory = memory;
        this.h200Users = h200Users;
        this.backfillUsers = backfillUsers;
        this.claimedMachineBits = claimedMachineBits;
        this.idleMachines = idleMachines;
        this.drainPoints = drainPoints;
        this.preventedMachines = preventedMachines;
        this.legacyClaimed = legacyClaimed;
        this.legacyUnclaimed = legacyUnclaimed;
        this.legacySets = legacySets;
    }

    public long bucketStartMicros() {
        return bucketStartMicros;
    }

    /** The earliest snapshot of the bucket's digests, every machine's (excluded and filtered ones too). */
    public long firstTimestamp() {
        return firstTimestamp;
    }

    /** The latest snapshot of the bucket's digests. */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** True when this summary carries the per-machine legacy sets wider time-series buckets need. */
    public boolean hasLegacySets() {
        return legacySets != null;
    }
}
