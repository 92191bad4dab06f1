package io.gpuledger.streams.metrics;

/**
 * Where a replay reports its progress, per source (a monthly file name such as {@code gpu_state_2025-11.db}: a bounded
 * label, one value per month replayed). Counts are increments since the last call. Implementations are thread-safe
 * and cheap enough to call once per batch.
 */
public interface ReplayProgress {

    /** Does nothing: the default where no registry is attached. */
    ReplayProgress NONE = new ReplayProgress() {
        @Override
        public void started(String source) {
        }

        @Override
        public void rowsRead(String source, long rows) {
        }

        @Override
        public void snapshotsSent(String source, long snapshots) {
        }

        @Override
        public void badRows(String source, long rows) {
        }

        @Override
        public void fileRejected(String source) {
        }

        @Override
        public void fileCompleted(String source) {
        }
    };

    /** A source is about to be replayed: its counters exist (at zero) from now on. */
    void started(String source);

    /** Rows read and accepted from {@code source}. */
    void rowsRead(String source, long rows);

    /** Snapshots (Kafka records) acknowledged by the broker. */
    void snapshotsSent(String source, long snapshots);

    /** Bad rows skipped ({@code --skip-bad-rows}). */
    void badRows(String source, long rows);

    /** The whole file was rejected. */
    void fileRejected(String source);

    /** Every selected row of the file was acknowledged. */
    void fileCompleted(String source);
}
