package io.gpuledger.backfill.replay;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.OptionalLong;

/**
 * Refuses rows the streams app's windowed store would drop as late: older than its stream time minus grace, where
 * grace is the history it keeps ({@code --history-days}, architecture §1 "Guards", 4 "Late records").
 *
 * <p>Stream time is at least the latest record time in the topic (taken over all partitions, the safe side of
 * per-partition stream time) and, during the replay, the latest snapshot read so far. Snapshots come in timestamp order
 * within a file and files in month order, so a file's first snapshot is its oldest: checking it before anything of the
 * file is sent refuses the whole file before any of it is produced. Used by the reading thread only.
 */
final class LateRowGuard {

    private final Duration history;
    private LocalDateTime latest;
    private final String latestSource;

    private LateRowGuard(Duration history, LocalDateTime latest, String latestSource) {
        this.history = history;
        this.latest = latest;
        this.latestSource = latestSource;
    }

    /** A guard for a topic whose latest record time is {@code latestRecordMillis} (empty: an empty topic). */
    static LateRowGuard forTopic(Duration history, String topic, OptionalLong latestRecordMillis) {
        LocalDateTime latest = latestRecordMillis.isPresent()
                ? SnapshotTime.fromMicros(latestRecordMillis.getAsLong() * 1000) : null;
        return new LateRowGuard(history, latest, "topic " + topic);
    }

    /** A guard that lets everything through (dry run: no topic to compare with). */
    static LateRowGuard disabled() {
        return new LateRowGuard(null, null, null);
    }

    /**
     * Checks the first (oldest) snapshot a file will send.
     *
     * @throws LateRowException naming the file, the row and its timestamp when it is too old
     */
    void checkFirst(Path file, HostSnapshot first) {
        if (history == null || latest == null) {
            return;
        }
        LocalDateTime horizon = latest.minus(history);
        if (!first.timestamp().isBefore(horizon)) {
            return;
        }
        String row = RowLocator.rowidOf(file, first.machine(), first.timestamp())
                .stream().mapToObj(rowid -> "rowid " + rowid + ", ").findFirst().orElse("");
        throw new LateRowException(file + ": " + row + "machine " + first.machine() + ", timestamp "
                + SnapshotTime.format(first.timestamp()) + " is older than the latest record time of "
                + latestSource + " (" + SnapshotTime.format(latest) + ") minus --history-days "
                + history.toDays() + " (" + SnapshotTime.format(horizon) + "): the streams app would drop it as "
                + "late; nothing of this file was sent");
    }

    /** The replay has read snapshots up to {@code timestamp}: stream time will reach it. */
    void observe(LocalDateTime timestamp) {
        if (history != null && (latest == null || timestamp.isAfter(latest))) {
            latest = timestamp;
        }
    }
}
