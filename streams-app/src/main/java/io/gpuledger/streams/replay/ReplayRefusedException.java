package io.gpuledger.streams.replay;

/** A replay that cannot be started as asked (HTTP 400): the message is one line and names {@link #parameter()}. */
public final class ReplayRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ReplayRefusedException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    /** The request field (or the setting) at fault. */
    public String parameter() {
        return parameter;
    }
}
