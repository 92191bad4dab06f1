package io.gpuledger.backfill;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A finished replay: every selected row was acknowledged by the broker (or counted, for a dry run).
 *
 * @param topic         the topic written to (also for a dry run: the one it would write to)
 * @param dryRun        nothing was sent
 * @param files         one result per selected file, in month order
 * @param missingMonths months of the range without a file (each warned about)
 * @param rows          rows acknowledged in this run
 * @param snapshots     snapshots (records) acknowledged in this run
 * @param badRows       rows skipped as bad
 * @param rejectsFile   where the bad rows are listed, or null when none was skipped
 * @param seconds       wall time of the run, checks included
 */
public record ReplaySummary(
        String topic,
        boolean dryRun,
        List<FileResult> files,
        List<YearMonth> missingMonths,
        long rows,
        long snapshots,
        long badRows,
        Path rejectsFile,
        double seconds) {

    public ReplaySummary {
        files = List.copyOf(files);
        missingMonths = List.copyOf(missingMonths);
    }

    public double rowsPerSecond() {
        return seconds <= 0 ? 0 : rows / seconds;
    }

    /** The summary lines a person reads: one per file, then the totals. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        String verb = dryRun ? "counted" : "acknowledged";
        for (FileResult file : files) {
            String name = String.valueOf(file.file().getFileName());
            if (file.outcome() == FileResult.Outcome.ALREADY_ACKNOWLEDGED) {
                lines.add(String.format(Locale.ROOT, "%s: skipped, all of it was acknowledged by an unfinished "
                        + "earlier run", name));
                continue;
            }
            lines.add(String.format(Locale.ROOT, "%s: %,d rows, %,d machine-snapshots %s, %,d bad rows%s (%.1f s)", name,
                    file.rows(), file.snapshots(), verb, file.badRows(),
                    file.resumedAfter() == null ? "" : ", resumed after " + file.resumedAfter(), file.seconds()));
        }
        lines.add(String.format(Locale.ROOT, "%s %d file%s into %s: %,d rows, %,d machine-snapshots, %,d bad rows, "
                        + "%.1f s, %,.0f rows/s", dryRun ? "dry run, nothing sent:" : "replayed", files.size(),
                files.size() == 1 ? "" : "s", topic, rows, snapshots, badRows, seconds, rowsPerSecond()));
        if (rejectsFile != null) {
            lines.add("bad rows listed in " + rejectsFile);
        }
        return lines;
    }
}
