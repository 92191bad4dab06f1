/**
 * The monthly {@code gpu_state_YYYY-MM.db} files (rules §1): writing them
 * ({@link io.gpuledger.ingest.sqlite.GpuStateWriter}) and reading them.
 *
 * <ul>
 *   <li>{@link io.gpuledger.ingest.sqlite.MonthlyFiles}: which files a directory holds, which a month or time range
 *   needs (with one warning line per missing month);</li>
 *   <li>{@link io.gpuledger.ingest.sqlite.TimeRange}: inclusive timestamp ranges and the loader's {@code --from} /
 *   {@code --to} flags;</li>
 *   <li>{@link io.gpuledger.ingest.sqlite.SnapshotFileReader}: one file, validated by SQLite in one scan before
 *   anything is emitted ({@link io.gpuledger.ingest.sqlite.FileCheck}), then streamed as
 *   {@link io.gpuledger.ingest.snapshot.HostSnapshot}s in timestamp order, filtered by range and resume point
 *   ({@link io.gpuledger.ingest.sqlite.ReadOptions}), with progress and a summary;</li>
 *   <li>{@link io.gpuledger.ingest.sqlite.RowProblem}, {@link io.gpuledger.ingest.sqlite.RejectsFile},
 *   {@link io.gpuledger.ingest.sqlite.SnapshotFileException}: bad rows and unreadable files, one line each.</li>
 * </ul>
 */
package io.gpuledger.ingest.sqlite;
