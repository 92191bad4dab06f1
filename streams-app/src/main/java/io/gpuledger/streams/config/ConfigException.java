package io.gpuledger.streams.config;

/** A setting that cannot be used; the message is one line naming it. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
