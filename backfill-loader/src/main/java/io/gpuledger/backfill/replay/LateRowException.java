package io.gpuledger.backfill.replay;

/** A row the streams app would drop as late (architecture §1, Guards); the message names it. */
final class LateRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LateRowException(String message) {
        super(message);
    }
}
