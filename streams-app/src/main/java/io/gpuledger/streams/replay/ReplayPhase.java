package io.gpuledger.streams.replay;

import java.util.Locale;

/** Where a replay asked for over HTTP stands. */
public enum ReplayPhase {
    /** Accepted, not started yet. */
    QUEUED,
    /** Checking and sending its files, then waiting until the service has processed what it sent. */
    RUNNING,
    /** Every selected row acknowledged and processed. */
    DONE,
    /** Stopped by an error (a rejected file, Kafka); {@code errors} says which. */
    FAILED,
    /** Stopped by {@code DELETE}; its checkpoints are kept, so the same months asked again resume. */
    CANCELLED,
    /** The service stopped while it ran; its checkpoints are kept, so the same months asked again resume. */
    INTERRUPTED;

    /** The JSON value: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReplayPhase ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether nothing more will happen to the replay. */
    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }
}
