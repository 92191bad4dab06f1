package io.gpuledger.backfill;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A replay that did not finish: the message is one line for a person (it names the file, row, topic or setting at
 * fault and, when Kafka failed, the last fully acknowledged snapshot), {@link #reason()} says what kind of failure it
 * was, and the cause, when there is one, is there for {@code --verbose}.
 */
public final class LoaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** No monthly file to replay in the directory or the range. */
        NO_FILES,
        /** A file was rejected: not SQLite, corrupt, a missing column, bad rows (without skip-bad-rows). */
        BAD_FILE,
        /** A row older than the topic's latest record minus the history: the streams app would drop it as late. */
        LATE_ROW,
        /** The topic cannot be used: cannot be created or described, or its retention would delete history. */
        TOPIC,
        /** Kafka did not acknowledge every record in time (broker gone, timeouts, a refused record). */
        DELIVERY,
        /** Checkpoints or the rejects file could not be written. */
        IO,
        /** The thread running the replay was interrupted. */
        INTERRUPTED,
        /**
         * Stopped on request ({@code BackfillLoader.run(listener, stop)}) between two snapshot times, after every
         * record sent was acknowledged and checkpointed: a rerun sends only what this one did not.
         */
        STOPPED
    }

    /** The last snapshot of a file that was acknowledged together with everything before it. */
    public record Acknowledged(Path file, LocalDateTime timestamp) {
    }

    private final Reason reason;
    private final transient Acknowledged lastAcknowledged;

    public LoaderException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    public LoaderException(Reason reason, String message, Acknowledged lastAcknowledged, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.lastAcknowledged = lastAcknowledged;
    }

    public Reason reason() {
        return reason;
    }

    /** Where a rerun continues in the file that was being sent, when something of it was acknowledged. */
    public Optional<Acknowledged> lastAcknowledged() {
        return Optional.ofNullable(lastAcknowledged);
    }
}
