package io.gpuledger.ingest.live;

/** A collection that cannot be read at all (not JSON, no array, a command that failed): one line, the run fails. */
public final class LiveInputException extends RuntimeException {

    public LiveInputException(String message) {
        super(message, null, false, false);
    }
}
