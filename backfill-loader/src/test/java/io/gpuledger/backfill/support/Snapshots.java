package io.gpuledger.backfill.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compares snapshot maps with short failure messages (whole months would bury the difference). */
public final class Snapshots {

    private Snapshots() {
    }

    /** Same snapshots (machine, timestamp) with the same rows. */
    public static void assertSame(Map<SnapshotKey, List<SlotGpuRow>> actual,
                                  Map<SnapshotKey, List<SlotGpuRow>> expected) {
        Set<String> missing = new TreeSet<>();
        Set<String> unexpected = new TreeSet<>();
        List<String> different = new ArrayList<>();
        for (Map.Entry<SnapshotKey, List<SlotGpuRow>> entry : expected.entrySet()) {
            List<SlotGpuRow> rows = actual.get(entry.getKey());
            if (rows == null) {
                missing.add(entry.getKey().toString());
            } else if (!rows.equals(entry.getValue())) {
                different.add(entry.getKey() + ": " + rows + " instead of " + entry.getValue());
            }
        }
        for (SnapshotKey key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                unexpected.add(key.toString());
            }
        }
        assertThat(first(missing)).as("%d snapshots missing", missing.size()).isEmpty();
        assertThat(first(unexpected)).as("%d snapshots not in the file", unexpected.size()).isEmpty();
        assertThat(different.stream().limit(3).toList()).as("%d snapshots with other rows", different.size())
                .isEmpty();
    }

    private static List<String> first(Set<String> keys) {
        return keys.stream().limit(5).toList();
    }
}
