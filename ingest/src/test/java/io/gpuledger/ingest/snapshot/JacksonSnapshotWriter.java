package io.gpuledger.ingest.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The topic JSON written with a general JSON generator (Jackson, default settings): the oracle the fast
 * {@link SnapshotJsonEncoder} must match byte for byte.
 */
final class JacksonSnapshotWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JacksonSnapshotWriter() {
    }

    static byte[] toBytes(HostSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("machine", snapshot.machine());
            json.writeStringField("timestamp", SnapshotTime.format(snapshot.timestamp()));
            json.writeArrayFieldStart("rows");
            for (SlotGpuRow row : snapshot.rows()) {
                json.writeStartObject();
                json.writeStringField("name", row.name());
                json.writeStringField("gpuId", row.gpuId());
                json.writeStringField("state", row.state());
                json.writeStringField("deviceName", row.deviceName());
                writeLong(json, "memoryMb", row.memoryMb());
                json.writeStringField("prioritizedProjects", row.prioritizedProjects());
                if (row.gpusAverageUsage() == null) {
                    json.writeNullField("gpusAverageUsage");
                } else {
                    json.writeNumberField("gpusAverageUsage", row.gpusAverageUsage());
                }
                json.writeStringField("remoteOwner", row.remoteOwner());
                json.writeStringField("globalJobId", row.globalJobId());
                json.writeStringField("preventJobsReason", row.preventJobsReason());
                writeLong(json, "disk", row.disk());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLong(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
