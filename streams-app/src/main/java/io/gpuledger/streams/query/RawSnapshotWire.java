package io.gpuledger.streams.query;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The body of {@code GET /internal/v1/raw-snapshots}: one {@link HostSnapshotJson} document per line. */
public final class RawSnapshotWire {

    public static final String CONTENT_TYPE = "application/x-ndjson";

    private RawSnapshotWire() {
    }

    public static byte[] encode(List<HostSnapshot> snapshots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + snapshots.size() * 1024);
        for (HostSnapshot snapshot : snapshots) {
            // The topic's JSON is written on one line (strings escape their newlines), so lines delimit documents.
            out.writeBytes(HostSnapshotJson.toBytes(snapshot));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when a line is not a snapshot */
    public static List<HostSnapshot> decode(byte[] body) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                if (i > start) {
                    snapshots.add(HostSnapshotJson.fromBytes(Arrays.copyOfRange(body, start, i)));
                }
                start = i + 1;
            }
        }
        return snapshots;
    }
}
