package io.gpuledger.kafka.local;

/** The local broker could not be formatted, started or reached; the message says which and where. */
public class KafkaLocalException extends RuntimeException {

    public KafkaLocalException(String message) {
        super(message);
    }

    public KafkaLocalException(String message, Throwable cause) {
        super(message, cause);
    }
}
