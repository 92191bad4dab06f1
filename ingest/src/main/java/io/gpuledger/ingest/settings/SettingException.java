package io.gpuledger.ingest.settings;

/** A setting with a bad value, or settings that contradict each other: one line naming the setting and its source. */
public final class SettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SettingException(String message) {
        super(message);
    }
}
