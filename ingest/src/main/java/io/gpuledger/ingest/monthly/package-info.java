/**
 * Monthly history files of either format (rules §1): which files a directory holds and which a month or time range
 * needs ({@link io.gpuledger.ingest.monthly.MonthlyFiles}, one warning line per missing month), how a file is read
 * ({@link io.gpuledger.ingest.monthly.ReadOptions}, {@link io.gpuledger.ingest.monthly.TimeRange}), what a read
 * found ({@link io.gpuledger.ingest.monthly.FileCheck}, {@link io.gpuledger.ingest.monthly.FileSummary}) and bad rows
 * and unreadable files, one line each ({@link io.gpuledger.ingest.monthly.RowProblem},
 * {@link io.gpuledger.ingest.monthly.RejectsFile}, {@link io.gpuledger.ingest.monthly.SnapshotFileException}).
 */
package io.gpuledger.ingest.monthly;
