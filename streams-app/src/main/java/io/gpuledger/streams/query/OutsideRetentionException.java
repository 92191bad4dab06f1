package io.gpuledger.streams.query;

/**
 * A query reaches back before the data the service still keeps (rules §3.1: "answered with a 4xx naming the earliest
 * available time, never with silently partial numbers"; rules §5.1 {@code snapshot-time}). HTTP answers 404.
 */
public class OutsideRetentionException extends RuntimeException {

    private final String parameter;
    private final String earliestAvailable;

    /**
     * @param parameter         the parameter that reaches too far back
     * @param earliestAvailable the earliest time still answered, {@code YYYY-MM-DD HH:MM:SS}
     */
    public OutsideRetentionException(String message, String parameter, String earliestAvailable) {
        super(message);
        this.parameter = parameter;
        this.earliestAvailable = earliestAvailable;
    }

    public String parameter() {
        return parameter;
    }

    public String earliestAvailable() {
        return earliestAvailable;
    }
}
