package io.gpuledger.backfill.progress;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * A file that passed its validation scan and is about to be sent.
 *
 * @param file         the file
 * @param index        its position in the replay, from 1
 * @param files        how many files the replay has
 * @param rowsToEmit   rows this run will send from it (after the resume point, inside the range)
 * @param badRows      rows that will be skipped as bad (skip-bad-rows)
 * @param resumeAfter  the checkpoint it continues after, or null
 * @param checkSeconds how long the validation scan took
 */
public record FileStart(Path file, int index, int files, long rowsToEmit, long badRows, LocalDateTime resumeAfter,
                        double checkSeconds) {
}
