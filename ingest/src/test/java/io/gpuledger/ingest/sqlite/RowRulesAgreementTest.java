package io.gpuledger.ingest.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns.Column;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validation scan, the problem listing, the skip-bad-rows read and a fail-fast read must agree on which rows are
 * bad, and all must agree with the rules. Thousands of random rows, many of them bad in one or more columns, are
 * judged by an oracle written here from rules §1.2-1.5 alone (with its own timestamp regex), then by the reader.
 *
 * <p>Columns are declared without a type, so every value keeps the storage class of the Java value written
 * (String = TEXT, Long = INTEGER, Double = REAL, byte[] = BLOB) and the oracle knows exactly what is stored.
 */
class RowRulesAgreementTest {

    private static final Pattern TIMESTAMP =
            Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");
    private static final int ROWS = 6000;

    @TempDir
    Path dir;

    enum Layout { ROWID_ORDER, SHUFFLED, UTF16 }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1L, Layout.ROWID_ORDER),
                Arguments.of(2L, Layout.ROWID_ORDER),
                Arguments.of(3L, Layout.SHUFFLED),
                Arguments.of(4L, Layout.UTF16),
                Arguments.of(5L, Layout.SHUFFLED));
    }

    /** The oracle's verdict on one timestamp text: its value, or null when rules §1.5 rejects it. */
    static LocalDateTime oracleTimestamp(Object stored) {
        if (!(stored instanceof String text)) {
            return null;
        }
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), Integer.parseInt((fraction + "000000").substring(0, 6)) * 1000);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The oracle's verdict on one stored value of one column (rules §1.2, 1.3). */
    static boolean oracleGood(String column, Object v) {
        return switch (column) {
            case "Name", "Machine" -> v instanceof String s && !s.isEmpty();
            case "State" -> v instanceof String s && SlotState.ACCEPTED.contains(s);
            case "timestamp" -> oracleTimestamp(v) != null;
            case "GPUs_GlobalMemoryMb", "Disk" -> v == null || v instanceof Long
                    || v instanceof Double d && d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63;
            case "GPUsAverageUsage" -> v == null || v instanceof Long || v instanceof Double;
            default -> v == null || v instanceof String;
        };
    }

    /** A random row: mostly good values, each column bad now and then, in every way the rules name. */
    private static Map<String, Object> randomRow(Random random, int i, LocalDateTime time) {
        String machine = "gpu" + (2000 + random.nextInt(9)) + ".chtc.wisc.edu";
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Name", (random.nextInt(4) == 0 ? "backfill2_" : "slot1_") + i + "@" + machine);
        v.put("AssignedGPUs", random.nextBoolean() ? "GPU_" + Integer.toHexString(random.nextInt(64)) : "");
        v.put("AvailableGPUs", "");
        v.put("State", List.copyOf(SlotState.ACCEPTED).get(random.nextInt(SlotState.ACCEPTED.size())));
        v.put("GPUs_DeviceName", random.nextBoolean() ? "NVIDIA H200" : null);
        v.put("GPUs_GlobalMemoryMb", random.nextBoolean() ? (Object) 143771L : (Object) 46068.0);
        v.put("PrioritizedProjects", random.nextBoolean() ? "" : null);
        v.put("GPUsAverageUsage", random.nextBoolean() ? (Object) random.nextDouble() : (Object) 1L);
        v.put("Machine", machine);
        v.put("RemoteOwner", random.nextBoolean() ? "u" + random.nextInt(5) + "@wisc.edu" : null);
        v.put("GlobalJobId", null);
        String timestamp = timestampText(random, time);
        LocalDateTime value = oracleTimestamp(timestamp);
        // A mutation may leave a valid but other time; keep the rows' order by making that one plainly bad.
        v.put("timestamp", value == null || value.equals(time) ? timestamp : timestamp + "Z");
        v.put("PreventJobsReason", random.nextInt(10) == 0 ? "GPUHealthy == False" : null);
        v.put("Disk", random.nextBoolean() ? (Object) (long) random.nextInt(1 << 30) : null);
        for (String column : List.copyOf(v.keySet())) {
            if (random.nextInt(60) == 0) {
                v.put(column, oddValue(random, column, v.get(column)));
            }
        }
        return v;
    }

    /** The time, with 0-6 fraction digits (one value, several texts), or a mutation of that text. */
    private static String timestampText(Random random, LocalDateTime time) {
        String micros = String.format("%06d", time.getNano() / 1000);
        int digits = random.nextInt(7);
        String text = time.toLocalDate() + " " + String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(),
                time.getSecond()) + (digits == 0 && micros.equals("000000") ? "" : "." + micros.substring(0, 6));
        if (digits > 0 && micros.substring(digits).chars().allMatch(c -> c == '0')) {
            text = text.substring(0, 20 + digits);
        }
        if (random.nextInt(25) != 0) {
            return text;
        }
        String alphabet = "0123456789 -:.TZ+a/\u00e9";
        StringBuilder mutated = new StringBuilder(text);
        int at = random.nextInt(mutated.length());
        switch (random.nextInt(6)) {
            case 0 -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 1 -> mutated.deleteCharAt(at);
            case 2 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 3 -> mutated.setCharAt(10, 'T');
            case 4 -> mutated.append(random.nextBoolean() ? "Z" : "+02:00");
            default -> mutated.replace(8, 10, String.valueOf(28 + random.nextInt(4)))
                    .replace(5, 7, String.format("%02d", 1 + random.nextInt(12)));
        }
        return mutated.toString();
    }

    private static Object oddValue(Random random, String column, Object current) {
        Object[] odd = {null, "", " ", "Running", "claimed", "12", 7L, -3L, 2.5, 46068.0, 1e19,
            Double.POSITIVE_INFINITY, new byte[] {1, 2, 3}, new byte[0], "GPU_x"};
        return odd[random.nextInt(odd.length)];
    }

    private Path writeFile(long seed, Layout layout, List<Map<String, Object>> rows) {
        Random random = new Random(seed);
        LocalDateTime time = LocalDateTime.of(2025, 10, 1, 0, 0);
        for (int i = 0; i < ROWS; i++) {
            if (random.nextInt(40) == 0) {
                time = time.plusSeconds(1 + random.nextInt(300)).plusNanos(1000L * random.nextInt(1_000_000));
            }
            rows.add(randomRow(random, i, time));
        }
        // Values holding the packing separators, in the second chunk only: the first chunk is read packed, the second
        // column by column.
        rows.get(5000).put("GlobalJobId", "ap1#1.0\u001f#2\u001e");
        rows.get(5001).put("timestamp", rows.get(5001).get("timestamp") + "\u001e");
        if (layout == Layout.SHUFFLED) {
            Collections.shuffle(rows, random);
        }
        List<Column> untyped = GpuStateColumns.ALL.stream().map(c -> new Column(c.name(), "", c.required())).toList();
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"), untyped, rows);
        return layout == Layout.UTF16 ? SqliteFixtures.copyAsUtf16(file, dir.resolve("utf16.db")) : file;
    }

    private static Double usage(Object v) {
        return v == null ? null : v instanceof Long l ? (double) l : (Double) v;
    }

    private static Long whole(Object v) {
        return v == null ? null : v instanceof Long l ? l : (long) (double) (Double) v;
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("cases")
    void scanListingReadsAndTheSpecAgreeOnEveryRow(long seed, Layout layout) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Path file = writeFile(seed, layout, rows);

        // The oracle: bad (rowid, column) pairs, and the snapshots the good rows make.
        Set<String> expectedProblems = new LinkedHashSet<>();
        Map<String, List<SlotGpuRow>> expectedSnapshots = new LinkedHashMap<>();
        long expectedBadRows = 0;
        boolean expectedOrdered = true;
        LocalDateTime latest = null;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> v = rows.get(i);
            boolean bad = false;
            for (Column column : GpuStateColumns.ALL) {
                if (!oracleGood(column.name(), v.get(column.name()))) {
                    expectedProblems.add((i + 1) + " " + column.name());
                    bad = true;
                }
            }
            if (bad) {
                expectedBadRows++;
                continue;
            }
            LocalDateTime timestamp = oracleTimestamp(v.get("timestamp"));
            expectedOrdered &= latest == null || !timestamp.isBefore(latest);
            latest = latest == null || timestamp.isAfter(latest) ? timestamp : latest;
            String name = (String) v.get("Name");
            expectedSnapshots.computeIfAbsent(v.get("Machine") + " " + oracleTimestamp(v.get("timestamp")),
                    k -> new ArrayList<>()).add(new SlotGpuRow(name,
                    GpuIds.normalise(name, (String) v.get("AssignedGPUs")), (String) v.get("State"),
                    (String) v.get("GPUs_DeviceName"), whole(v.get("GPUs_GlobalMemoryMb")),
                    (String) v.get("PrioritizedProjects"), usage(v.get("GPUsAverageUsage")),
                    (String) v.get("RemoteOwner"), (String) v.get("GlobalJobId"),
                    (String) v.get("PreventJobsReason"), whole(v.get("Disk"))));
        }
        assertThat(expectedBadRows).as("the random rows include bad ones").isBetween(500L, 3000L);

        // Skip-bad-rows: every problem to the rejects, every good row emitted, in one snapshot per key.
        List<RowProblem> rejects = new ArrayList<>();
        Map<String, List<SlotGpuRow>> actualSnapshots = new LinkedHashMap<>();
        LocalDateTime previous = null;
        try (MonthFileReader reader = SqliteMonthFile.open(file,
                ReadOptions.defaults().withSkipBadRows(rejects::add))) {
            FileCheck check = reader.check();
            assertThat(check.rows()).isEqualTo(ROWS);
            assertThat(check.badRows()).isEqualTo(expectedBadRows);
            assertThat(check.timestampOrdered()).isEqualTo(expectedOrdered).isEqualTo(layout != Layout.SHUFFLED);
            for (HostSnapshot s = reader.next(); s != null; s = reader.next()) {
                assertThat(previous == null || !s.timestamp().isBefore(previous)).isTrue();
                previous = s.timestamp();
                assertThat(actualSnapshots.put(s.machine() + " " + s.timestamp(), s.rows())).isNull();
            }
            assertThat(reader.summary().rows()).isEqualTo(ROWS - expectedBadRows);
        }
        assertThat(rejects).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
        assertThat(rejects.stream().map(p -> p.rowid() + " " + p.column()).toList())
                .containsExactlyElementsOf(expectedProblems);
        assertThat(actualSnapshots).containsExactlyInAnyOrderEntriesOf(expectedSnapshots);

        // Fail-fast: the same verdict, the first rows' problems listed, nothing emitted.
        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            FileCheck check = reader.check();
            assertThat(check.badRows()).isEqualTo(expectedBadRows);
            List<String> firstHundredRows = expectedProblems.stream()
                    .filter(p -> expectedProblems.stream().map(q -> q.split(" ")[0]).distinct().limit(100)
                            .anyMatch(rowid -> rowid.equals(p.split(" ")[0])))
                    .toList();
            assertThat(check.problems().stream().map(p -> p.rowid() + " " + p.column()).toList())
                    .containsExactlyElementsOf(firstHundredRows);
            assertThatThrownBy(reader::next).isInstanceOf(SnapshotFileException.class)
                    .hasMessageContaining("rejected, " + expectedBadRows + " bad rows");
            assertThat(reader.progress().rowsEmitted()).isZero();
        }
    }
}
