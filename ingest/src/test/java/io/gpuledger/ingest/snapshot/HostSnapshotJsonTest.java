package io.gpuledger.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** architecture §3: the topic JSON of a {@link HostSnapshot}; NULL and {@code ""} must stay distinct (rules §2.1). */
class HostSnapshotJsonTest {

    private static final SlotGpuRow CLAIMED = new SlotGpuRow("slot1_1@gpu2003.chtc.wisc.edu", "GPU-0667ce7c",
            "Claimed", "NVIDIA H200", 143771L, "", 0.875, "dave@chtc.wisc.edu", "submit1#123.0#1762180000", null,
            1024L);
    private static final SlotGpuRow NULLS = new SlotGpuRow("slot1@gpu2003.chtc.wisc.edu", null, "Unclaimed", null,
            null, null, null, null, null, null, null);
    private static final SlotGpuRow EMPTIES = new SlotGpuRow("backfill2@gpu2003.chtc.wisc.edu", "", "Unclaimed", "",
            0L, "", 0.0, "", "", "", 0L);
    private static final SlotGpuRow PREVENTED = new SlotGpuRow("slot2@gpu2003.chtc.wisc.edu", "MIG-aa11-bb22",
            "Drained", "NVIDIA A100-SXM4-80GB MIG 3g.40gb", 40192L, "p1,p2", 1.0, null, null, "GPUHealthy == False",
            null);

    private static final HostSnapshot SNAPSHOT = new HostSnapshot("gpu2003.chtc.wisc.edu",
            SnapshotTime.parse("2025-11-03 10:00:05.123456"), List.of(CLAIMED, NULLS, EMPTIES, PREVENTED));

    @Test
    void roundTripKeepsEveryValueAndTheDifferenceBetweenNullAndEmpty() {
        HostSnapshot back = HostSnapshotJson.fromBytes(HostSnapshotJson.toBytes(SNAPSHOT));

        assertThat(back).isEqualTo(SNAPSHOT);
        assertThat(back.rows().get(1).prioritizedProjects()).isNull();
        assertThat(back.rows().get(2).prioritizedProjects()).isEmpty();
        assertThat(back.rows().get(1).gpuId()).isNull();
        assertThat(back.rows().get(2).gpuId()).isEmpty();
    }

    @Test
    void jsonHasTheDesignFieldsWithNullsWrittenOut() throws Exception {
        JsonNode json = new ObjectMapper().readTree(HostSnapshotJson.toBytes(SNAPSHOT));

        assertThat(fieldNames(json)).containsExactly("machine", "timestamp", "rows");
        assertThat(json.get("machine").asText()).isEqualTo("gpu2003.chtc.wisc.edu");
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-11-03 10:00:05.123456");
        JsonNode nulls = json.get("rows").get(1);
        assertThat(fieldNames(nulls)).containsExactly("name", "gpuId", "state", "deviceName", "memoryMb",
                "prioritizedProjects", "gpusAverageUsage", "remoteOwner", "globalJobId", "preventJobsReason", "disk");
        assertThat(nulls.get("prioritizedProjects").isNull()).isTrue();
        assertThat(json.get("rows").get(2).get("prioritizedProjects").isTextual()).isTrue();
        assertThat(json.get("rows").get(0).get("memoryMb").isIntegralNumber()).isTrue();
    }

    @Test
    void timestampIsAlwaysWrittenWithSixDigits() throws Exception {
        HostSnapshot whole = new HostSnapshot("h", SnapshotTime.parse("2025-01-01 10:00:00"), List.of(CLAIMED));

        JsonNode json = new ObjectMapper().readTree(HostSnapshotJson.toBytes(whole));

        assertThat(json.get("timestamp").asText()).isEqualTo("2025-01-01 10:00:00.000000");
    }

    @Test
    void unknownFieldsAreIgnoredAndTimestampsMayOmitTheFraction() {
        String json = """
                {"version": 2, "machine": "h", "source": {"file": "gpu_state_2025-01.db", "rowids": [1, 2]},
                 "timestamp": "2025-01-01 10:00:00",
                 "rows": [{"name": "slot1@h", "extra": [1, {"a": null}], "gpuId": "GPU-1", "state": "Unclaimed",
                           "prioritizedProjects": "", "future": true}],
                 "trailer": null}
                """;

        HostSnapshot snapshot = HostSnapshotJson.fromBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(snapshot.machine()).isEqualTo("h");
        assertThat(snapshot.timestamp()).isEqualTo(SnapshotTime.parse("2025-01-01 10:00:00.000000"));
        assertThat(snapshot.rows()).containsExactly(
                new SlotGpuRow("slot1@h", "GPU-1", "Unclaimed", null, null, "", null, null, null, null, null));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "",
            "not json",
            "{",
            "[]",
            "null",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\"}",
            "{\"timestamp\": \"2025-01-01 10:00:00\", \"rows\": []}",
            "{\"machine\": \"\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": []}",
            "{\"machine\": \"h\", \"rows\": []}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01T10:00:00\", \"rows\": []}",
            "{\"machine\": \"h\", \"timestamp\": null, \"rows\": []}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": {}}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": [{\"state\": \"Claimed\"}]}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": [{\"name\": \"slot1@h\"}]}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": [{\"name\": \"slot1@h\", "
                    + "\"state\": \"Claimed\", \"memoryMb\": \"lots\"}]}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": [1]}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": [{\"name\": \"slot1@h\", "
                    + "\"state\": \"Claimed\"}, \"x\"]}",
            "{\"machine\": \"h\", \"timestamp\": \"2025-01-01 10:00:00\", \"rows\": [], 5}"})
    void badDocumentsAreOneLineIllegalArgumentExceptions(String json) {
        assertThatThrownBy(() -> HostSnapshotJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r"));
    }

    @Test
    void serdeRoundTripsAndPassesNullThrough() {
        try (HostSnapshotSerde serde = new HostSnapshotSerde()) {
            byte[] bytes = serde.serializer().serialize("gpu.host-snapshots", SNAPSHOT);

            assertThat(serde.deserializer().deserialize("gpu.host-snapshots", bytes)).isEqualTo(SNAPSHOT);
            assertThat(serde.serializer().serialize("gpu.host-snapshots", null)).isNull();
            assertThat(serde.deserializer().deserialize("gpu.host-snapshots", null)).isNull();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
