package io.gpuledger.streams.replay;

/** What was asked clashes with a replay's state (HTTP 409): another one runs, or this one has already ended. */
public final class ReplayConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String replayId;

    public ReplayConflictException(String replayId, String message) {
        super(message, null, false, false);
        this.replayId = replayId;
    }

    /** The replay in the way: the running one, or the ended one that cannot be cancelled. */
    public String replayId() {
        return replayId;
    }
}
