package io.gpuledger.backfill.checkpoint;

import io.gpuledger.ingest.monthly.TimeRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * How far one monthly file got into one topic in a replay that has not finished.
 *
 * <p>{@code lastAcknowledged = T} means: every selected snapshot of the file with a timestamp {@code <= T} was
 * acknowledged by the broker. The reader emits all snapshots of one timestamp before any later one, so a rerun that
 * reads only snapshots after {@code T} loses nothing; snapshots of {@code T}'s successor that were acknowledged
 * before the interruption are sent again, which the streams aggregate absorbs (a union, architecture §1).
 *
 * @param identity          the file (path, size, modification time) when the checkpoint was written
 * @param clusterId         the Kafka cluster written to
 * @param topic             the topic written to
 * @param topicId           the topic's id: a topic deleted and created again under the same name is another topic
 * @param range             the time range that run selected
 * @param lastAcknowledged  the contiguous acknowledged watermark, or null when nothing was acknowledged yet
 * @param rowsAcknowledged  rows of the snapshots up to the watermark
 * @param complete          every selected snapshot of the file was acknowledged
 * @param updated           when this was written
 */
public record Checkpoint(
        FileIdentity identity,
        String clusterId,
        String topic,
        String topicId,
        TimeRange range,
        LocalDateTime lastAcknowledged,
        long rowsAcknowledged,
        boolean complete,
        Instant updated) {

    public Checkpoint {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(updated, "updated");
    }

    /** What a new run over {@code current} with {@code newRange} into topic {@code newTopicId} does with this. */
    public Resume resumeFor(FileIdentity current, String newTopicId, TimeRange newRange) {
        if (!identity.file().equals(current.file())) {
            return Resume.ignore("it is for another file (" + identity.file() + ")");
        }
        if (!topicId.equals(newTopicId)) {
            return Resume.ignore("topic " + topic + " was created again since (new topic id)");
        }
        // Everything of the old range up to the watermark was sent, so it covers the new range's part up to the
        // watermark only when the new range does not start earlier.
        if (newRange.from().isBefore(range.from())) {
            return Resume.ignore("this run starts earlier (" + newRange.from() + ") than the interrupted one ("
                    + range.from() + ")");
        }
        if (lastAcknowledged == null) {
            return Resume.ignore("nothing of it was acknowledged");
        }
        if (identity.size() != current.size() || identity.modifiedMillis() != current.modifiedMillis()) {
            // A month grows by replacement: the collector rewrites the whole file with the new snapshot appended.
            // What was sent up to the watermark is still in it; only later snapshots are new.
            return new Resume(Resume.Action.RESUME_AFTER, lastAcknowledged, "the file was rewritten since (size or "
                    + "modification time): sending only snapshots after the last acknowledged one (--restart sends "
                    + "it all)");
        }
        if (complete && !newRange.to().isAfter(range.to())) {
            return new Resume(Resume.Action.SKIP_FILE, lastAcknowledged, "every selected snapshot was acknowledged");
        }
        return new Resume(Resume.Action.RESUME_AFTER, lastAcknowledged, "continuing after the last acknowledged "
                + "snapshot");
    }

    /**
     * The decision for one file.
     *
     * @param action what to do
     * @param after  the watermark to resume after (null for {@link Action#START})
     * @param reason why, for the log
     */
    public record Resume(Action action, LocalDateTime after, String reason) {

        public enum Action {
            /** Read the file from its start (no usable checkpoint). */
            START,
            /** Read only snapshots after {@link #after}. */
            RESUME_AFTER,
            /** Nothing left to send for this range: an earlier run acknowledged all of it. */
            SKIP_FILE
        }

        static Resume ignore(String reason) {
            return new Resume(Action.START, null, reason);
        }

        public static Resume start() {
            return new Resume(Action.START, null, "no checkpoint");
        }
    }
}
