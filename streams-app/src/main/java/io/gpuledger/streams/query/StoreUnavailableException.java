package io.gpuledger.streams.query;

/**
 * The data a query needs is not queryable right now (a rebalance, a restore, an instance starting). HTTP answers 503
 * with {@code Retry-After}: never a number computed from partial state.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
