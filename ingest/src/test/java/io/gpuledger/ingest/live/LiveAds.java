package io.gpuledger.ingest.live;

import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/** The hand-made ad files of {@code src/test/resources/live/} and a readable form of rows to compare them by. */
final class LiveAds {

    /** The stamp tests give their collections: a collector run at 10:05:16.123456 on the collector's clock. */
    static final LocalDateTime COLLECTED = LocalDateTime.of(2026, 12, 7, 10, 5, 16, 123_456_000);

    private LiveAds() {
    }

    static Path file(String name) {
        try {
            return Path.of(Objects.requireNonNull(LiveAds.class.getResource("/live/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Collection collection(String name) {
        return AdCollections.parse(name, text(name), COLLECTED);
    }

    /**
     * A row as {@code Name | AssignedGPUs | AvailableGPUs | State | GPUs_DeviceName | GPUs_GlobalMemoryMb |
     * PrioritizedProjects | GPUsAverageUsage | Machine | RemoteOwner | GlobalJobId | PreventJobsReason | Disk}, NULL
     * for a null (so {@code ""} and NULL stay apart); the timestamp is checked on its own.
     */
    static String line(GpuStateRecord row) {
        return String.join(" | ", shown(row.name()), shown(row.assignedGpus()), shown(row.availableGpus()),
                shown(row.state()), shown(row.deviceName()), shown(row.memoryMb()), shown(row.prioritizedProjects()),
                shown(row.gpusAverageUsage()), shown(row.machine()), shown(row.remoteOwner()),
                shown(row.globalJobId()), shown(row.preventJobsReason()), shown(row.disk()));
    }

    static List<String> lines(List<GpuStateRecord> rows) {
        return rows.stream().map(LiveAds::line).toList();
    }

    private static String shown(Object value) {
        if (value == null) {
            return "NULL";
        }
        return value instanceof String text ? "'" + text + "'" : value.toString();
    }
}
