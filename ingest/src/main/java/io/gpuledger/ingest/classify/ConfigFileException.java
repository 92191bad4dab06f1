package io.gpuledger.ingest.classify;

/** A configuration file (CHTC-owned list, host exclusions) that cannot be used; the message is one line naming it. */
public class ConfigFileException extends RuntimeException {

    public ConfigFileException(String message) {
        super(message);
    }

    public ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
