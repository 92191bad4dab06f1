package io.gpuledger.ingest.monthly;

import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.time.LocalDateTime;

/**
 * One file format's part of reading a monthly file: the validation scan, then the good rows in timestamp order.
 * Everything the formats share (rejecting a file with bad rows, grouping rows into snapshots, selection by range and
 * resume point, progress, the summary) is {@link MonthFileReader}'s, so SQLite and Parquet months behave alike.
 */
public interface RowSource extends AutoCloseable {

    /** Receives rows in timestamp order: every row of one timestamp before any row of a later one. */
    interface Sink {
        void row(LocalDateTime timestamp, String machine, SlotGpuRow row);
    }

    /**
     * Scans the whole file once and judges every value (rules §1.2, 1.3, 1.5). In skip-bad-rows mode every problem has
     * gone to the options' rejects sink when this returns.
     *
     * @throws SnapshotFileException when the file cannot be read
     */
    FileCheck check();

    /** Prepares reading the rows the check selected; called once, after {@link #check()}, when there are any. */
    void start();

    /**
     * Passes the next batch of good rows to {@code sink} (rows outside the selection may come too: the reader filters
     * them); false once there are no more.
     *
     * @throws SnapshotFileException when the file cannot be read
     */
    boolean readBatch(Sink sink);

    @Override
    void close();
}
