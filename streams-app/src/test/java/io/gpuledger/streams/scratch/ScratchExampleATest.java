package io.gpuledger.streams.scratch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.window.HostBucketSource;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchExampleATest {
    static final String R = "alabgpu4000.chtc.wisc.edu", C = "cxiaogpu4000.chtc.wisc.edu", S = "gpu2003.chtc.wisc.edu";
    Map<String, List<SlotGpuRow>> rows = new LinkedHashMap<>();

    void add(String ts, String machine, String slot, String state, String owner, String... gpus) {
        String dev = machine.equals(R) ? "NVIDIA L40S" : machine.equals(C) ? "NVIDIA H100 80GB HBM3" : "NVIDIA H200";
        long mem = machine.equals(R) ? 46068 : machine.equals(C) ? 81559 : 143771;
        String pp = slot.contains("backfill") ? "" : machine.equals(R) ? "ALab" : machine.equals(C) ? "CXiao" : "";
        for (String g : gpus) {
            rows.computeIfAbsent(ts + "|" + machine, k -> new ArrayList<>()).add(new SlotGpuRow(slot + "@" + machine, g, state, dev, mem, pp, null,
                    owner == null ? null : owner + "@chtc.wisc.edu", null, null, null));
        }
    }

    @Test
    void exampleA() throws Exception {
        String t1 = "2025-11-03 10:00:05.123456", t2 = "2025-11-03 10:15:04.987654";
        add(t1, R, "slot1", "Unclaimed", null, "r1", "r2", "r3", "r4");
        add(t2, R, "slot1", "Unclaimed", null, "r1", "r2", "r3", "r4");
        add(t1, R, "slot1_1", "Claimed", "alice", "r1");
        add(t2, R, "slot1_1", "Claimed", "alice", "r1");
        add(t2, R, "slot1_2", "Claimed", "erin", "r2");
        add(t1, R, "backfill2", "Unclaimed", null, "r2", "r3");
        add(t2, R, "backfill2", "Unclaimed", null, "r3");
        add(t1, R, "backfill2_1", "Claimed", "carol", "r4");
        add(t2, R, "backfill2_1", "Claimed", "carol", "r4");
        add(t1, C, "slot1", "Unclaimed", null, "c1", "c2");
        add(t2, C, "slot1", "Unclaimed", null, "c1", "c2");
        add(t1, C, "slot1_1", "Claimed", "bob", "c1");
        add(t1, C, "backfill2", "Unclaimed", null, "c2");
        add(t2, C, "backfill2", "Unclaimed", null, "c1", "c2");
        add(t1, S, "slot1", "Unclaimed", null, "s1", "s2");
        add(t2, S, "slot1", "Drained", null, "s1", "s2");
        add(t1, S, "slot1_1", "Claimed", "dave", "s1");
        add(t2, S, "slot1_1", "Claimed", "dave", "s1");
        add(t1, S, "backfill2", "Unclaimed", null, "s2");
        List<HostSnapshot> snaps = new ArrayList<>();
        rows.forEach((k, v) -> snaps.add(new HostSnapshot(k.split("\\|")[1], SnapshotTime.parse(k.split("\\|")[0]), v)));
        HostBucketSource source = HostBucketSource.of(snaps);
        QueryWindow window = QueryWindow.endingAt(SnapshotTime.parse(t2), 1);
        AllocationReport report = ReportEngine.allocation(source, window, QueryConfig.defaults());
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        System.out.println(mapper.writeValueAsString(report));
    }
}
