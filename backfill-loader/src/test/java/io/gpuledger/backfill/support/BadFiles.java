package io.gpuledger.backfill.support;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** November files that the loader must reject (or, for bad rows, skip rows of), next to a good October. */
public final class BadFiles {

    public static final String FILE = "gpu_state_2025-11.db";

    /** Rows 1-3 of {@link #withBadRows}: good. */
    public static final int GOOD_ROWS = 3;

    /** One kind of bad file and what its one-line error must name besides the file. */
    public record Case(String name, String mustName, Writer writer) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Writes the bad file into a directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path dir) throws IOException;
    }

    private BadFiles() {
    }

    public static List<Case> cases() {
        return List.of(
                new Case("not SQLite", "not an SQLite database file", dir -> SqliteFixtures.textFile(
                        dir.resolve(FILE), "Name,Machine,State\nslot1@h,h,Unclaimed\n".repeat(50))),
                new Case("corrupt pages", "corrupt SQLite file", dir -> {
                    Path scratch = Files.createTempDirectory(dir, "gen");
                    Months.days(scratch, LocalDate.of(2025, 11, 1), 2, 4);
                    Path file = Files.move(scratch.resolve(FILE), dir.resolve(FILE));
                    long size = Files.size(file);
                    // Past the schema pages: the table's b-tree pages.
                    SqliteFixtures.overwrite(file, 4096 * 3, (int) (size - 4096 * 3), (byte) 0x55);
                }),
                new Case("missing column", "State", dir -> SqliteFixtures.writeValues(dir.resolve(FILE),
                        SqliteFixtures.schemaWithout(GpuStateColumns.STATE),
                        List.of(row("2025-11-01 10:00:00", "gpu1").byColumn()))),
                new Case("bad timestamp", "rowid 2, column timestamp", dir -> writeRows(dir,
                        Map.of(GpuStateColumns.TIMESTAMP, "2025-11-01T10:05:00"))),
                new Case("text in a numeric column", "rowid 2, column GPUs_GlobalMemoryMb",
                        dir -> writeRows(dir, Map.of(GpuStateColumns.MEMORY_MB, "lots"))));
    }

    /**
     * A November file of five rows where rows 4 and 5 are bad (a bad timestamp; text in a numeric column) and rows
     * 1-3 are good.
     */
    public static Path withBadRows(Path dir) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("2025-11-01 10:00:00", "gpu1").byColumn());
        rows.add(row("2025-11-01 10:00:00", "gpu2").byColumn());
        rows.add(row("2025-11-01 10:05:00", "gpu1").byColumn());
        rows.add(SqliteFixtures.with(row("2025-11-01 10:05:00", "gpu2"), GpuStateColumns.TIMESTAMP,
                "2025-11-01 10:05"));
        rows.add(SqliteFixtures.with(row("2025-11-01 10:10:00", "gpu1"), GpuStateColumns.MEMORY_MB, "lots"));
        return SqliteFixtures.writeValues(dir.resolve(FILE), GpuStateColumns.ALL, rows);
    }

    private static void writeRows(Path dir, Map<String, Object> secondRowChange) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("2025-11-01 10:00:00", "gpu1").byColumn());
        Map.Entry<String, Object> change = secondRowChange.entrySet().iterator().next();
        rows.add(SqliteFixtures.with(row("2025-11-01 10:05:00", "gpu1"), change.getKey(), change.getValue()));
        rows.add(row("2025-11-01 10:10:00", "gpu1").byColumn());
        SqliteFixtures.writeValues(dir.resolve(FILE), GpuStateColumns.ALL, rows);
    }

    private static GpuStateRecord row(String timestamp, String machine) {
        return SqliteFixtures.row(timestamp, machine + ".example.org", "GPU-" + machine);
    }
}
