package io.gpuledger.streams.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The suite's result table, one row per fault, mode and history, as CI prints it. */
final class FaultTable {

    private record Row(String fault, String mode, String history, boolean recovered, boolean identical,
                       Duration timeToReady) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String fault, Object mode, Object history, boolean recovered, boolean identical,
                          Duration timeToReady) {
        rows.add(new Row(fault, mode.toString(), history.toString(), recovered, identical, timeToReady));
    }

    synchronized String render() {
        int faultWidth = rows.stream().mapToInt(row -> row.fault().length()).max().orElse(5);
        String format = "%-" + faultWidth + "s  %-15s  %-11s  %-9s  %-9s  %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "fault", "mode", "history", "recovered",
                "identical", "time to ready"));
        for (Row row : rows) {
            out.append(String.format(format, row.fault(), row.mode(), row.history(), row.recovered() ? "yes" : "no",
                    row.identical() ? "yes" : "no", String.format("%.1f s", row.timeToReady().toMillis() / 1000.0)));
        }
        return out.toString();
    }
}
