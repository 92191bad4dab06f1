package io.gpuledger.ingest.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The topic's JSON form of a {@link HostSnapshot} (architecture §3), written by {@link SnapshotJsonEncoder} and read with
 * Jackson's streaming API, because this is on the replay hot path (one call per record, hundreds of thousands of rows
 * a second).
 *
 * <pre>{"machine":"gpu2003.chtc.wisc.edu","timestamp":"2025-11-03 10:00:05.123456","rows":[{"name":...,"gpuId":...,
 * "state":...,"deviceName":...,"memoryMb":...,"prioritizedProjects":...,"gpusAverageUsage":...,"remoteOwner":...,
 * "globalJobId":...,"preventJobsReason":...,"disk":...}]}</pre>
 *
 * Null fields are written as JSON {@code null}, so NULL and {@code ""} stay distinct (rules §2.1).
 */
public final class HostSnapshotJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ThreadLocal<RepeatedStrings> REPEATED = ThreadLocal.withInitial(RepeatedStrings::new);
    private static final ThreadLocal<SnapshotJsonEncoder> ENCODERS = ThreadLocal.withInitial(SnapshotJsonEncoder::new);

    private HostSnapshotJson() {
    }

    /** The topic JSON of {@code snapshot}, written by a per-thread {@link SnapshotJsonEncoder}. */
    public static byte[] toBytes(HostSnapshot snapshot) {
        return ENCODERS.get().encode(snapshot);
    }

    /**
     * Reads one snapshot. Unknown fields are ignored (forward compatibility); a missing machine, timestamp or rows
     * array, a bad timestamp or a non-JSON payload is an {@link IllegalArgumentException} with a one-line reason.
     */
    public static HostSnapshot fromBytes(byte[] bytes) {
        try (JsonParser json = FACTORY.createParser(bytes)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            String machine = null;
            LocalDateTime timestamp = null;
            List<SlotGpuRow> rows = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "machine" -> machine = json.getValueAsString();
                    case "timestamp" -> timestamp = SnapshotTime.parse(json.getValueAsString());
                    case "rows" -> rows = readRows(json, value);
                    default -> json.skipChildren();
                }
            }
            if (machine == null || machine.isEmpty() || timestamp == null || rows == null) {
                throw new IllegalArgumentException("snapshot JSON needs machine, timestamp and rows");
            }
            return new HostSnapshot(machine, timestamp, rows);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a snapshot JSON document: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String text(JsonParser json, RepeatedStrings strings) throws IOException {
        return strings.get(json.getTextCharacters(), json.getTextOffset(), json.getTextLength());
    }

    private static List<SlotGpuRow> readRows(JsonParser json, JsonToken start) throws IOException {
        expect(start, JsonToken.START_ARRAY);
        RepeatedStrings strings = REPEATED.get();
        List<SlotGpuRow> rows = new ArrayList<>();
        JsonToken next;
        while ((next = json.nextToken()) == JsonToken.START_OBJECT) {
            String name = null;
            String gpuId = null;
            String state = null;
            String deviceName = null;
            Long memoryMb = null;
            String prioritizedProjects = null;
            Double usage = null;
            String remoteOwner = null;
            String globalJobId = null;
            String preventJobsReason = null;
            Long disk = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                boolean isNull = value == JsonToken.VALUE_NULL;
                switch (field) {
                    case "name" -> name = isNull ? null : text(json, strings);
                    case "gpuId" -> gpuId = isNull ? null : text(json, strings);
                    case "state" -> state = isNull ? null : text(json, strings);
                    case "deviceName" -> deviceName = isNull ? null : text(json, strings);
                    case "memoryMb" -> memoryMb = isNull ? null : json.getLongValue();
                    case "prioritizedProjects" -> prioritizedProjects = isNull ? null : text(json, strings);
                    case "gpusAverageUsage" -> usage = isNull ? null : json.getDoubleValue();
                    case "remoteOwner" -> remoteOwner = isNull ? null : text(json, strings);
                    case "globalJobId" -> globalJobId = isNull ? null : text(json, strings);
                    case "preventJobsReason" -> preventJobsReason = isNull ? null : text(json, strings);
                    case "disk" -> disk = isNull ? null : json.getLongValue();
                    default -> json.skipChildren();
                }
            }
            if (name == null || name.isEmpty() || state == null) {
                throw new IllegalArgumentException("snapshot row needs name and state");
            }
            rows.add(new SlotGpuRow(name, gpuId, state, deviceName, memoryMb, prioritizedProjects, usage,
                    remoteOwner, globalJobId, preventJobsReason, disk));
        }
        // Anything but an object ends the loop early: without this check the rows after it would be dropped silently.
        expect(next, JsonToken.END_ARRAY);
        return rows;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("snapshot JSON: expected " + expected + " but found " + actual);
        }
    }
}
