package io.gpuledger.backfill;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * What the replay did with one monthly file.
 *
 * @param file          the file
 * @param outcome       what happened to it
 * @param rows          rows acknowledged by the broker in this run (counted, for a dry run)
 * @param snapshots     snapshots (records) acknowledged in this run
 * @param badRows       rows skipped as bad (skip-bad-rows)
 * @param first         earliest snapshot time sent in this run, or null
 * @param last          latest snapshot time sent in this run, or null
 * @param resumedAfter  the checkpoint this run continued after, or null when it read the file from its start
 * @param seconds       time from opening the file to its last acknowledgement
 */
public record FileResult(
        Path file,
        Outcome outcome,
        long rows,
        long snapshots,
        long badRows,
        LocalDateTime first,
        LocalDateTime last,
        LocalDateTime resumedAfter,
        double seconds) {

    public enum Outcome {
        /** Every selected snapshot was sent and acknowledged (counted, in a dry run). */
        REPLAYED,
        /** Not opened: the checkpoint of an unfinished earlier run says all of it was acknowledged. */
        ALREADY_ACKNOWLEDGED
    }
}
