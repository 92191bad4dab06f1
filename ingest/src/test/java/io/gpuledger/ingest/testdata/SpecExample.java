package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * One worked example of rules §7 as data: its rows, the query the rules evaluate it with, and whether its files carry
 * the optional {@code PreventJobsReason} column (rules §7: "there is no PreventJobsReason column" unless stated).
 *
 * @param name                    short id, e.g. {@code A}, {@code E2c}, {@code rule: rank tie}
 * @param rows                    the rows, in collector (time) order
 * @param query                   the query parameters the rules give
 * @param preventJobsReasonColumn whether files written from it have the column
 */
public record SpecExample(String name, Rows rows, ExampleQuery query, boolean preventJobsReasonColumn) {

    public List<GpuStateRecord> records() {
        return rows.records();
    }

    public List<HostSnapshot> snapshots() {
        return rows.snapshots();
    }

    public int size() {
        return rows.size();
    }

    /** The same rows under another query (a variant the rules also evaluates). */
    public SpecExample withQuery(ExampleQuery other) {
        return new SpecExample(name, rows, other, preventJobsReasonColumn);
    }

    /** The window end (rules §3.1): the {@code end-time} given, else the latest snapshot of the rows. */
    public LocalDateTime end() {
        return query.endTime() != null ? query.endTime() : rows.latestTime();
    }

    /** The window start: {@code end − hours_back} on the naive wall clock. */
    public LocalDateTime start() {
        return end().minusHours(query.hoursBack());
    }

    /** Writes the rows into {@code gpu_state_YYYY-MM.db} files under {@code dir}, by each row's month. */
    public Map<YearMonth, Path> writeMonthlyFiles(Path dir) throws SQLException {
        return GpuStateFiles.writeMonthly(dir, records(), preventJobsReasonColumn);
    }

    @Override
    public String toString() {
        return "Example " + name;
    }
}
