package io.gpuledger.ingest.live;

import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One collector run: the ads it got, the rows they became (rules §1.7, all stamped with the run's start) and the ads
 * that could not become rows, one line each.
 *
 * @param timestamp the collection start on the collector's wall clock, microseconds
 * @param ads       ads read, good and bad
 * @param rows      the rows, in ad order
 * @param problems  one line per skipped ad
 */
public record Collection(LocalDateTime timestamp, int ads, List<GpuStateRecord> rows, List<String> problems) {

    public Collection {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** One snapshot per machine, machines in the order their first ad came, rows in ad order. */
    public List<HostSnapshot> snapshots() {
        Map<String, List<SlotGpuRow>> byMachine = new LinkedHashMap<>();
        for (GpuStateRecord record : rows) {
            String name = (String) record.name();
            byMachine.computeIfAbsent((String) record.machine(), machine -> new ArrayList<>()).add(new SlotGpuRow(
                    name, GpuIds.normalise(name, (String) record.assignedGpus()), (String) record.state(),
                    (String) record.deviceName(), (Long) record.memoryMb(), (String) record.prioritizedProjects(),
                    (Double) record.gpusAverageUsage(), (String) record.remoteOwner(), (String) record.globalJobId(),
                    (String) record.preventJobsReason(), (Long) record.disk()));
        }
        List<HostSnapshot> snapshots = new ArrayList<>(byMachine.size());
        byMachine.forEach((machine, machineRows) -> snapshots.add(new HostSnapshot(machine, timestamp, machineRows)));
        return snapshots;
    }

    /** Ads that became rows. */
    public int goodAds() {
        return ads - problems.size();
    }
}
