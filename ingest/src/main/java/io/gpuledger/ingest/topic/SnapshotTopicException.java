package io.gpuledger.ingest.topic;

/**
 * The snapshots topic cannot be used: it cannot be created or described, its partitions have no serving leader in
 * time, or its settings would delete history ({@link #deletesHistory()}). The message is one line and names the topic.
 */
public final class SnapshotTopicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean deletesHistory;

    public SnapshotTopicException(String message) {
        this(message, false, null);
    }

    public SnapshotTopicException(String message, Throwable cause) {
        this(message, false, cause);
    }

    SnapshotTopicException(String message, boolean deletesHistory, Throwable cause) {
        super(message, cause);
        this.deletesHistory = deletesHistory;
    }

    /** True when the topic exists but its retention or compaction would delete history (writing may be forced). */
    public boolean deletesHistory() {
        return deletesHistory;
    }
}
