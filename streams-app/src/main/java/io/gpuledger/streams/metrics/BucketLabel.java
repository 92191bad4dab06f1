package io.gpuledger.streams.metrics;

/**
 * Which bucket a live series describes: the latest complete 15-minute bucket or the partial current one (the bucket
 * of the latest snapshot seen). Buckets follow the data's wall clock, not the server's, so replayed history has a
 * "current" bucket too.
 */
public enum BucketLabel {
    COMPLETE("complete"),
    CURRENT("current");

    private final String value;

    BucketLabel(String value) {
        this.value = value;
    }

    /** The {@code bucket} label value. */
    public String value() {
        return value;
    }
}
