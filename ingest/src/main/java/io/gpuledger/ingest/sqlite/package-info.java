/**
 * The monthly {@code gpu_state_YYYY-MM.db} files (rules §1): writing them
 * ({@link io.gpuledger.ingest.sqlite.GpuStateWriter}) and reading them:
 * {@link io.gpuledger.ingest.sqlite.MonthFileReader} validates one file by SQLite in one scan before anything is
 * emitted, then streams it as {@link io.gpuledger.ingest.snapshot.HostSnapshot}s in timestamp order, filtered by range
 * and resume point, with progress and a summary. What every monthly file reader shares (options, checks, problems,
 * the directory scan) is in {@link io.gpuledger.ingest.monthly}.
 */
package io.gpuledger.ingest.sqlite;
