package io.gpuledger.ingest.live;

/** One ad that cannot become rows (no {@code Name}/{@code Machine}, a wrong type): reported on one line, skipped. */
final class BadAdException extends RuntimeException {

    BadAdException(String message) {
        super(message, null, false, false);
    }
}
