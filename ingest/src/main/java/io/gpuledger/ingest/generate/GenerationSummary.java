package io.gpuledger.ingest.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a generator run produced: files, counts and the mix of rows that shows the data is realistic.
 *
 * @param settings          what was asked for
 * @param files             one entry per monthly file written, in month order; empty for in-memory runs
 * @param rows              rows produced
 * @param snapshots         collector runs produced
 * @param missedSnapshots   nominal slots lost to simulated collector outages
 * @param machinesByKind    machine count per {@link MachineKind} label
 * @param gpusByKind        GPU count per {@link MachineKind} label
 * @param rowsByKind        row count per {@link MachineKind} label
 * @param rowsByState       row count per {@code State}, largest first
 * @param rowsByDevice      row count per {@code GPUs_DeviceName}, largest first
 * @param features          row counts of the cases the reports have rules for (drained, prevented, MIG, …)
 * @param users             users in the pool
 * @param usersSeen         distinct {@code RemoteOwner} values written
 * @param elapsed           wall time of the run
 */
public record GenerationSummary(
        GeneratorSettings settings,
        List<FileSummary> files,
        long rows,
        long snapshots,
        long missedSnapshots,
        Map<String, Long> machinesByKind,
        Map<String, Long> gpusByKind,
        Map<String, Long> rowsByKind,
        Map<String, Long> rowsByState,
        Map<String, Long> rowsByDevice,
        Map<String, Long> features,
        int users,
        int usersSeen,
        Duration elapsed) {

    /**
     * One monthly file.
     *
     * @param file           where it is
     * @param month          the month of every timestamp in it
     * @param rows           rows written
     * @param snapshots      distinct timestamps
     * @param firstTimestamp earliest stored timestamp text
     * @param lastTimestamp  latest stored timestamp text
     * @param bytes          file size
     */
    public record FileSummary(Path file, YearMonth month, long rows, long snapshots, String firstTimestamp,
            String lastTimestamp, long bytes) {
    }

    public GenerationSummary {
        files = List.copyOf(files);
    }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }

    public double rowsPerSnapshot() {
        return snapshots == 0 ? 0 : (double) rows / snapshots;
    }

    /** The printed report: files, the mix, time and throughput. */
    public String render() {
        StringBuilder out = new StringBuilder();
        long machines = machinesByKind.values().stream().mapToLong(Long::longValue).sum();
        long gpus = gpusByKind.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(Locale.ROOT, "Pool: %d machines, %d GPUs, %d users (%d ran jobs); start %s, %d days,"
                + " every %d min, seed %d%n", machines, gpus, users, usersSeen, settings.start(), settings.days(),
                settings.intervalMinutes(), settings.seed()));
        if (!files.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nFiles%n"));
            for (FileSummary file : files) {
                out.append(String.format(Locale.ROOT, "  %-22s %,12d rows %,8d snapshots  %s .. %s  %,9.1f MB%n",
                        file.file().getFileName(), file.rows(), file.snapshots(), file.firstTimestamp(),
                        file.lastTimestamp(), file.bytes() / 1e6));
            }
        }
        out.append(String.format(Locale.ROOT, "%nRows per class of machine          machines    GPUs         rows%n"));
        for (Map.Entry<String, Long> entry : rowsByKind.entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-32s %8d %7d %,12d %5.1f%%%n", entry.getKey(),
                    machinesByKind.getOrDefault(entry.getKey(), 0L), gpusByKind.getOrDefault(entry.getKey(), 0L),
                    entry.getValue(), percent(entry.getValue())));
        }
        appendCounts(out, "Rows per State", rowsByState);
        appendCounts(out, "Rows per device", rowsByDevice);
        appendCounts(out, "Rows of special cases", features);
        double seconds = elapsed.toNanos() / 1e9;
        out.append(String.format(Locale.ROOT, "%nTotal: %,d rows in %,d snapshots (%.0f rows per snapshot; %d slots"
                + " missed by collector outages)%n", rows, snapshots, rowsPerSnapshot(), missedSnapshots));
        long bytes = files.stream().mapToLong(FileSummary::bytes).sum();
        out.append(String.format(Locale.ROOT, "Time: %.1f s, %,.0f rows/s%s%n", seconds, rowsPerSecond(),
                files.isEmpty() ? "" : String.format(Locale.ROOT, ", %,.1f MB written", bytes / 1e6)));
        return out.toString();
    }

    private void appendCounts(StringBuilder out, String title, Map<String, Long> counts) {
        out.append(String.format(Locale.ROOT, "%n%s%n", title));
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-44s %,12d %5.1f%%%n", entry.getKey(), entry.getValue(),
                    percent(entry.getValue())));
        }
    }

    private double percent(long count) {
        return rows == 0 ? 0 : 100.0 * count / rows;
    }
}
