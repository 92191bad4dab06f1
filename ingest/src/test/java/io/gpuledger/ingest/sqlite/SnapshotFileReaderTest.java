package io.gpuledger.ingest.sqlite;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static io.gpuledger.ingest.testdata.SqliteFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.FileSummary;
import io.gpuledger.ingest.monthly.GpuStateColumns.Column;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.ReadProgress;
import io.gpuledger.ingest.monthly.RejectsFile;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.monthly.TimeRange;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming: grouping, order, ids, values, column resolution, ranges and resume, skip-bad-rows. */
class SnapshotFileReaderTest {

    @TempDir
    Path dir;

    private Path file(List<GpuStateRecord> rows) {
        return SqliteFixtures.write(dir.resolve("gpu_state_2025-10.db"), rows);
    }

    static List<HostSnapshot> readAll(Path file, ReadOptions options) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        try (MonthFileReader reader = SqliteMonthFile.open(file, options)) {
            reader.forEach(snapshots::add);
            assertThat(reader.next()).isNull();
        }
        return snapshots;
    }

    static List<HostSnapshot> readAll(Path file) {
        return readAll(file, ReadOptions.defaults());
    }

    private static LocalDateTime at(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static List<String> names(HostSnapshot snapshot) {
        return snapshot.rows().stream().map(SlotGpuRow::name).toList();
    }

    @Test
    void allRowsOfOneMachineAndTimestampAreOneSnapshotEvenWhenInterleaved() {
        Path file = file(List.of(
                row("2025-10-01 10:00:00", "h1", "a@h1", "GPU-1", "Unclaimed"),
                row("2025-10-01 10:00:00", "h2", "b@h2", "GPU-2", "Unclaimed"),
                row("2025-10-01 10:00:00", "h1", "c@h1", "GPU-3", "Claimed"),
                row("2025-10-01 10:00:00", "h3", "d@h3", "GPU-4", "Unclaimed"),
                row("2025-10-01 10:00:00", "h2", "e@h2", "GPU-5", "Unclaimed"),
                row("2025-10-01 10:05:00", "h2", "f@h2", "GPU-2", "Unclaimed"),
                row("2025-10-01 10:05:00", "h1", "g@h1", "GPU-1", "Unclaimed")));

        List<HostSnapshot> snapshots = readAll(file);

        assertThat(snapshots).extracting(HostSnapshot::machine, HostSnapshot::timestamp, s -> names(s))
                .containsExactly(
                        tuple("h1", at("2025-10-01 10:00:00"), List.of("a@h1", "c@h1")),
                        tuple("h2", at("2025-10-01 10:00:00"), List.of("b@h2", "e@h2")),
                        tuple("h3", at("2025-10-01 10:00:00"), List.of("d@h3")),
                        tuple("h2", at("2025-10-01 10:05:00"), List.of("f@h2")),
                        tuple("h1", at("2025-10-01 10:05:00"), List.of("g@h1")));
    }

    @Test
    void timestampsAreComparedAsValues() {
        Path file = file(List.of(
                row("2025-10-01 10:00:00.5", "h1", "a@h1", "GPU-1", "Unclaimed"),
                row("2025-10-01 10:00:00.500000", "h1", "b@h1", "GPU-2", "Unclaimed"),
                row("2025-10-01 10:00:00.50", "h1", "c@h1", "GPU-3", "Unclaimed"),
                row("2025-10-01 10:00:01", "h1", "d@h1", "GPU-1", "Unclaimed"),
                row("2025-10-01 10:00:01.000000", "h1", "e@h1", "GPU-2", "Unclaimed")));

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            assertThat(reader.check().timestampOrdered()).isTrue();
            List<HostSnapshot> snapshots = new ArrayList<>();
            reader.forEach(snapshots::add);

            assertThat(snapshots).extracting(HostSnapshot::timestamp, s -> names(s)).containsExactly(
                    tuple(at("2025-10-01 10:00:00.5"), List.of("a@h1", "b@h1", "c@h1")),
                    tuple(at("2025-10-01 10:00:01"), List.of("d@h1", "e@h1")));
        }
    }

    @Test
    void anOutOfOrderFileIsReadSortedAndEmitsEachMachineAndTimestampOnce() {
        Path file = file(List.of(
                row("2025-10-01 10:05:00", "h1", "a@h1", "GPU-1", "Unclaimed"),
                row("2025-10-01 10:00:00", "h1", "b@h1", "GPU-1", "Unclaimed"),
                row("2025-10-01 10:05:00.000", "h2", "c@h2", "GPU-2", "Unclaimed"),
                row("2025-10-01 10:00:00", "h2", "d@h2", "GPU-2", "Unclaimed"),
                row("2025-10-01 10:10:00", "h1", "e@h1", "GPU-1", "Unclaimed"),
                // back to 10:00 for h1: the rows of (h1, 10:00) are not contiguous
                row("2025-10-01 10:00:00.000000", "h1", "f@h1", "GPU-9", "Unclaimed")));

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            assertThat(reader.check().timestampOrdered()).isFalse();
            List<HostSnapshot> snapshots = new ArrayList<>();
            reader.forEach(snapshots::add);

            assertThat(snapshots).extracting(HostSnapshot::machine, HostSnapshot::timestamp, s -> names(s))
                    .containsExactly(
                            tuple("h1", at("2025-10-01 10:00:00"), List.of("b@h1", "f@h1")),
                            tuple("h2", at("2025-10-01 10:00:00"), List.of("d@h2")),
                            tuple("h1", at("2025-10-01 10:05:00"), List.of("a@h1")),
                            tuple("h2", at("2025-10-01 10:05:00"), List.of("c@h2")),
                            tuple("h1", at("2025-10-01 10:10:00"), List.of("e@h1")));
        }
    }

    @Test
    void backfillIdsAreNormalisedPrimaryIdsKeptAsStored() {
        // rules §7.6 "Id normalisation", "MIG normalisation", "Empty id"
        Path file = file(List.of(
                row("2025-10-01 10:00:00", "h", "slot1@h", "GPU-1a2b", "Unclaimed"),
                row("2025-10-01 10:00:00", "h", "backfill2_1@h", "GPU_1a2b", "Claimed"),
                row("2025-10-01 10:00:00", "h", "backfill2@h", "MIG_aa11_bb22", "Unclaimed"),
                row("2025-10-01 10:00:00", "h", "slot1@h", "MIG-aa11-bb22", "Unclaimed"),
                row("2025-10-01 10:00:00", "h", "slot9@h", "GPU_keep_me", "Unclaimed"),
                row("2025-10-01 10:00:00", "h", "backfill3@h", "", "Unclaimed"),
                row("2025-10-01 10:00:00", "h", "backfill4@h", null, "Unclaimed")));

        List<HostSnapshot> snapshots = readAll(file);

        assertThat(snapshots).singleElement().satisfies(s -> assertThat(s.rows())
                .extracting(SlotGpuRow::gpuId)
                .containsExactly("GPU-1a2b", "GPU-1a2b", "MIG-aa11-bb22", "MIG-aa11-bb22", "GPU_keep_me", "", null));
        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            reader.forEach(s -> { });
            // GPU keys are (Machine, normalised id), empty ids not counted
            assertThat(reader.summary().gpus()).isEqualTo(3);
        }
    }

    @Test
    void valuesAreReadAsStored() {
        double usage = 0.1 + 0.2;
        Map<String, Object> full = with(new GpuStateRecord("slot1_1@gpu2003.chtc.wisc.edu", "GPU-0667ce7c", "",
                "Claimed", "NVIDIA H200", 143771L, "proj1,proj2", usage, "gpu2003.chtc.wisc.edu", "u@x",
                "ap2001#123.0#1759300000", "2025-11-03 10:00:05.123456", "GPUHealthy == False", 123456789L),
                "PreventJobsReason", "GPUHealthy == False");
        Map<String, Object> empty = with(row("2025-11-03 10:00:05.123456", "gpu2003.chtc.wisc.edu",
                "slot1@gpu2003.chtc.wisc.edu", "GPU-0667ce7c", "Unclaimed"), "PrioritizedProjects", "");
        empty.put("GPUs_DeviceName", null);
        empty.put("GPUs_GlobalMemoryMb", null);
        empty.put("GPUsAverageUsage", null);
        empty.put("Disk", null);
        Map<String, Object> nullProjects = with(row("2025-11-03 10:00:05.123456", "gpu2003.chtc.wisc.edu",
                "slot2@gpu2003.chtc.wisc.edu", "GPU-2", "Unclaimed"), "PrioritizedProjects", null);
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-11.db"), GpuStateColumns.ALL,
                List.of(full, empty, nullProjects));

        List<HostSnapshot> snapshots = readAll(file);

        assertThat(snapshots).singleElement().satisfies(s -> {
            assertThat(s.machine()).isEqualTo("gpu2003.chtc.wisc.edu");
            assertThat(s.timestamp()).isEqualTo(at("2025-11-03 10:00:05.123456"));
            assertThat(s.rows()).containsExactly(
                    new SlotGpuRow("slot1_1@gpu2003.chtc.wisc.edu", "GPU-0667ce7c", "Claimed", "NVIDIA H200", 143771L,
                            "proj1,proj2", usage, "u@x", "ap2001#123.0#1759300000", "GPUHealthy == False",
                            123456789L),
                    new SlotGpuRow("slot1@gpu2003.chtc.wisc.edu", "GPU-0667ce7c", "Unclaimed", null, null, "", null,
                            null, null, null, null),
                    new SlotGpuRow("slot2@gpu2003.chtc.wisc.edu", "GPU-2", "Unclaimed", "NVIDIA H200", 143771L, null,
                            0.0, null, null, null, 1_000_000L));
        });
    }

    @Test
    void columnsAreResolvedByNameInAnyOrderAndCaseWithExtraColumnsIgnored() {
        List<Column> schema = new ArrayList<>();
        schema.add(new Column("GPUs_MIG_aa11_DeviceName", "TEXT", false));
        List<Column> reversed = new ArrayList<>(GpuStateColumns.ALL);
        java.util.Collections.reverse(reversed);
        for (Column c : reversed) {
            String name = c.name().length() % 2 == 0 ? c.name().toUpperCase() : c.name().toLowerCase();
            schema.add(new Column(name, c.declaredType(), c.required()));
        }
        schema.add(new Column("GPUs_MIG_aa11_GlobalMemoryMb", "INTEGER", false));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GpuStateRecord record : List.of(row("2025-10-01 10:00:00", "h1", "GPU-1"),
                row("2025-10-01 10:00:00", "h1", "slot1_1@h1", "GPU-1", "Claimed"))) {
            Map<String, Object> byName = new LinkedHashMap<>();
            Map<String, Object> canonical = record.byColumn();
            for (Column c : schema) {
                byName.put(c.name(), c.name().startsWith("GPUs_MIG")
                        ? (c.declaredType().equals("TEXT") ? "junk" : 7L)
                        : canonical.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(c.name()))
                                .findFirst().orElseThrow().getValue());
            }
            rows.add(byName);
        }
        Path odd = SqliteFixtures.writeValues(dir.resolve("odd.db"), schema, rows);
        Path plain = file(List.of(row("2025-10-01 10:00:00", "h1", "GPU-1"),
                row("2025-10-01 10:00:00", "h1", "slot1_1@h1", "GPU-1", "Claimed")));

        assertThat(readAll(odd)).isEqualTo(readAll(plain)).hasSize(1);
    }

    @Test
    void missingOptionalColumnsReadAsNull() {
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"),
                SqliteFixtures.schemaWithout("PreventJobsReason", "Disk"),
                List.of(with(row("2025-10-01 10:00:00", "h1", "GPU-1"), "PreventJobsReason", "ignored")));

        List<HostSnapshot> snapshots = readAll(file);

        assertThat(snapshots).singleElement().satisfies(s -> {
            assertThat(s.rows().get(0).preventJobsReason()).isNull();
            assertThat(s.rows().get(0).disk()).isNull();
            assertThat(s.rows().get(0).memoryMb()).isEqualTo(143771L);
        });
    }

    @Test
    void aColumnNamedRowidDoesNotHideTheRowOrder() {
        List<Column> schema = new ArrayList<>(GpuStateColumns.ALL);
        schema.add(0, new Column("rowid", "TEXT", false));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> values = row("2025-10-01 10:0" + (2 - i) + ":00", "h1", "GPU-" + i).byColumn();
            values.put("rowid", "zzz" + i);
            rows.add(values);
        }
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"), schema, rows);

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            assertThat(reader.check().timestampOrdered()).isFalse();
            List<HostSnapshot> snapshots = new ArrayList<>();
            reader.forEach(snapshots::add);
            assertThat(snapshots).extracting(s -> s.rows().get(0).gpuId()).containsExactly("GPU-2", "GPU-1", "GPU-0");
        }
    }

    private Path hourOfSnapshots() {
        List<GpuStateRecord> rows = new ArrayList<>();
        for (int minute = 0; minute < 60; minute += 5) {
            String ts = String.format("2025-10-01 10:%02d:00", minute);
            rows.add(row(ts, "h1", "GPU-1"));
            rows.add(row(ts, "h2", "GPU-2"));
        }
        return file(rows);
    }

    @Test
    void aTimeRangeIncludesBothEnds() {
        Path file = hourOfSnapshots();
        ReadOptions options = ReadOptions.defaults()
                .withRange(new TimeRange(at("2025-10-01 10:10:00"), at("2025-10-01 10:20:00")));

        try (MonthFileReader reader = SqliteMonthFile.open(file, options)) {
            FileCheck check = reader.check();
            assertThat(check.rows()).isEqualTo(24);
            assertThat(check.rowsInRange()).isEqualTo(6);
            assertThat(check.rowsToEmit()).isEqualTo(6);
            List<HostSnapshot> snapshots = new ArrayList<>();
            reader.forEach(snapshots::add);
            assertThat(snapshots).extracting(HostSnapshot::timestamp).containsExactly(
                    at("2025-10-01 10:10:00"), at("2025-10-01 10:10:00"), at("2025-10-01 10:15:00"),
                    at("2025-10-01 10:15:00"), at("2025-10-01 10:20:00"), at("2025-10-01 10:20:00"));
            assertThat(reader.progress()).isEqualTo(new ReadProgress(6, 6, 6, at("2025-10-01 10:20:00")));
        }
    }

    @Test
    void resumingEmitsOnlyLaterSnapshots() {
        Path file = hourOfSnapshots();
        List<HostSnapshot> all = readAll(file);

        List<HostSnapshot> resumed = readAll(file, ReadOptions.defaults().withResumeAfter(at("2025-10-01 10:40:00")));

        assertThat(resumed).isEqualTo(all.subList(18, 24));
        assertThat(resumed.get(0).timestamp()).isEqualTo(at("2025-10-01 10:45:00"));
        assertThat(readAll(file, ReadOptions.defaults().withResumeAfter(at("2025-10-01 10:40:00.000001"))))
                .isEqualTo(resumed);
        assertThat(readAll(file, ReadOptions.defaults().withResumeAfter(at("2025-10-01 10:55:00")))).isEmpty();
    }

    @Test
    void rangeAndResumeWorkTheSameOnAnOutOfOrderFile() {
        List<GpuStateRecord> rows = new ArrayList<>();
        for (int minute = 55; minute >= 0; minute -= 5) {
            String ts = String.format("2025-10-01 10:%02d:00", minute);
            rows.add(row(ts, "h1", "GPU-1"));
            rows.add(row(ts, "h2", "GPU-2"));
        }
        Path reversed = SqliteFixtures.write(dir.resolve("reversed.db"), rows);
        Path ordered = hourOfSnapshots();
        ReadOptions options = ReadOptions.defaults()
                .withRange(new TimeRange(at("2025-10-01 10:10:00"), at("2025-10-01 10:50:00")))
                .withResumeAfter(at("2025-10-01 10:20:00"));

        try (MonthFileReader reader = SqliteMonthFile.open(reversed, options)) {
            assertThat(reader.check().timestampOrdered()).isFalse();
            assertThat(reader.check().rowsToEmit()).isEqualTo(12);
        }
        assertThat(readAll(reversed, options)).isEqualTo(readAll(ordered, options)).hasSize(12);
    }

    @Test
    void rowsOutsideTheFilesMonthAreAcceptedAndCounted() {
        Path file = file(List.of(
                row("2025-09-30 23:59:58.123456", "h1", "GPU-1"),
                row("2025-10-01 00:04:58", "h1", "GPU-1"),
                row("2025-11-01 00:00:01", "h1", "GPU-1")));

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            FileCheck check = reader.check();
            assertThat(check.rowsOutsideMonth()).isEqualTo(2);
            assertThat(check.first()).isEqualTo(at("2025-09-30 23:59:58.123456"));
            assertThat(check.last()).isEqualTo(at("2025-11-01 00:00:01"));
            reader.forEach(s -> { });
            assertThat(reader.summary()).isEqualTo(new FileSummary(file, 3, 3, at("2025-09-30 23:59:58.123456"),
                    at("2025-11-01 00:00:01"), 1, 1, 0, 2));
        }
    }

    @Test
    void skipBadRowsWritesEachProblemToTheRejectsAndEmitsTheRest() throws Exception {
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"), GpuStateColumns.ALL, List.of(
                row("2025-10-01 10:00:00", "h1", "GPU-1").byColumn(),
                with(row("2025-10-01 10:00:00", "h2", "GPU-2"), "State", "Running"),
                with(row("2025-10-01 10:00:00", "h3", "GPU-3"), "timestamp", "2025-10-01T10:00:00"),
                row("2025-10-01 10:05:00", "h1", "GPU-1").byColumn(),
                with(row("2025-10-01 10:05:00", "h2", "GPU-2"), "GPUs_GlobalMemoryMb", "lots\tof\nit")));
        Path rejectsPath = dir.resolve("rejects.tsv");

        List<HostSnapshot> snapshots;
        FileSummary summary;
        try (RejectsFile rejects = RejectsFile.create(rejectsPath);
             MonthFileReader reader = SqliteMonthFile.open(file,
                     ReadOptions.defaults().withSkipBadRows(rejects))) {
            snapshots = new ArrayList<>();
            reader.forEach(snapshots::add);
            summary = reader.summary();
            assertThat(rejects.problems()).isEqualTo(3);
        }

        assertThat(snapshots).extracting(HostSnapshot::machine, HostSnapshot::timestamp).containsExactly(
                tuple("h1", at("2025-10-01 10:00:00")), tuple("h1", at("2025-10-01 10:05:00")));
        assertThat(summary.badRows()).isEqualTo(3);
        assertThat(summary.rows()).isEqualTo(2);
        assertThat(Files.readAllLines(rejectsPath)).containsExactly(
                "file\trowid\tcolumn\tvalue\treason",
                file + "\t2\tState\t'Running'\tunknown state",
                file + "\t3\ttimestamp\t'2025-10-01T10:00:00'\tnot YYYY-MM-DD HH:MM:SS[.ffffff]",
                file + "\t5\tGPUs_GlobalMemoryMb\t'lots\\\\tof\\\\nit'\ttext in a numeric column");
    }

    @Test
    void structuralErrorsRejectTheFileEvenWhenSkippingBadRows() {
        Path file = SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-10.db"),
                SqliteFixtures.schemaWithout("State"), List.of(row("2025-10-01 10:00:00", "h1", "GPU-1").byColumn()));
        List<RowProblem> rejects = new ArrayList<>();

        assertThatThrownBy(() -> SqliteMonthFile.open(file, ReadOptions.defaults().withSkipBadRows(rejects::add)))
                .isInstanceOf(SnapshotFileException.class)
                .hasMessage(file + ": missing required column State in table gpu_state");
        assertThat(rejects).isEmpty();
    }

    @Test
    void manyChunksGiveTheSameSnapshotsAsTheRowsSay() {
        // 9,000 rows: snapshots straddle the 4096-row chunks of the packed read
        List<GpuStateRecord> rows = new ArrayList<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int minute = 0; minute < 150; minute++) {
            String ts = String.format("2025-10-01 %02d:%02d:07.25", 10 + minute / 60, minute % 60);
            for (int i = 0; i < 60; i++) {
                String machine = "h" + ((i * 7 + minute) % 13);
                String name = "slot" + i + "@" + machine;
                rows.add(row(ts, machine, name, "GPU-" + i, i % 3 == 0 ? "Claimed" : "Unclaimed"));
                expected.computeIfAbsent(machine + " " + ts, k -> new ArrayList<>()).add(name);
            }
        }
        Path file = file(rows);

        List<HostSnapshot> snapshots = readAll(file);

        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (HostSnapshot s : snapshots) {
            String key = s.machine() + " " + io.gpuledger.ingest.snapshot.SnapshotTime.format(s.timestamp())
                    .replace(".250000", ".25");
            assertThat(actual.put(key, names(s))).as("snapshot %s emitted once", key).isNull();
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void valuesHoldingThePackingSeparatorsAreReadExactly() {
        List<GpuStateRecord> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            GpuStateRecord r = row(String.format("2025-10-01 10:%02d:00", i / 100), "h" + (i % 3), "GPU-" + i);
            if (i == 4500) {
                r = new GpuStateRecord("slot\u001e1@h1", "GPU-\u001f", "", "Unclaimed", "dev\u001e\u001fice", 1L,
                        "p\u001f", 0.5, "h1", null, "job\u001e", r.timestamp(), null, null);
            }
            rows.add(r);
        }
        Path file = file(rows);

        List<HostSnapshot> snapshots = readAll(file);

        assertThat(snapshots.stream().mapToInt(s -> s.rows().size()).sum()).isEqualTo(5000);
        assertThat(snapshots.stream().flatMap(s -> s.rows().stream()).filter(r -> r.name().equals("slot\u001e1@h1")))
                .singleElement()
                .isEqualTo(new SlotGpuRow("slot\u001e1@h1", "GPU-\u001f", "Unclaimed", "dev\u001e\u001fice", 1L,
                        "p\u001f", 0.5, null, "job\u001e", null, null));
    }

    @Test
    void aUtf16FileReadsTheSameAsItsUtf8Original() {
        Path utf8 = hourOfSnapshots();
        Path utf16 = SqliteFixtures.copyAsUtf16(utf8, dir.resolve("utf16.db"));

        try (MonthFileReader reader = SqliteMonthFile.open(utf16)) {
            assertThat(reader.check().clean()).isTrue();
        }
        assertThat(readAll(utf16)).isEqualTo(readAll(utf8)).hasSize(24);
    }

    @Test
    void anOutOfOrderUtf16FileReadsTheSameAsItsUtf8Original() {
        List<GpuStateRecord> rows = new ArrayList<>();
        for (int minute = 55; minute >= 0; minute -= 5) {
            rows.add(row(String.format("2025-10-01 10:%02d:00", minute), "h" + minute % 3, "GPU-" + minute));
        }
        Path utf8 = SqliteFixtures.write(dir.resolve("reversed.db"), rows);
        Path utf16 = SqliteFixtures.copyAsUtf16(utf8, dir.resolve("utf16.db"));

        try (MonthFileReader reader = SqliteMonthFile.open(utf16)) {
            assertThat(reader.check().timestampOrdered()).isFalse();
        }
        assertThat(readAll(utf16)).isEqualTo(readAll(utf8)).hasSize(12)
                .isSortedAccordingTo(java.util.Comparator.comparing(HostSnapshot::timestamp));
    }

    @Test
    void explicitRowidsWithGapsAndNegativesAreReadInRowidOrder() throws Exception {
        Path file = file(List.of(row("2025-10-01 10:00:00", "h1", "GPU-1")));
        String copy = " Name, AssignedGPUs, AvailableGPUs, State, GPUs_DeviceName, GPUs_GlobalMemoryMb,"
                + " PrioritizedProjects, GPUsAverageUsage, Machine, RemoteOwner, GlobalJobId, PreventJobsReason, Disk";
        ReaderFileErrorsTest.execute(file,
                "INSERT INTO gpu_state (rowid, timestamp," + copy + ") SELECT -7, '2025-10-01 09:55:00'," + copy
                        + " FROM gpu_state WHERE rowid = 1",
                "INSERT INTO gpu_state (rowid, timestamp," + copy + ") SELECT 9000000000, '2025-10-01 10:05:00',"
                        + copy + " FROM gpu_state WHERE rowid = 1",
                "INSERT INTO gpu_state (rowid, timestamp," + copy + ") SELECT 50000, '2025-10-01 10:00:00.000',"
                        + copy + " FROM gpu_state WHERE rowid = 1");

        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            assertThat(reader.check().timestampOrdered()).isTrue();
            List<HostSnapshot> snapshots = new ArrayList<>();
            reader.forEach(snapshots::add);
            assertThat(snapshots).extracting(HostSnapshot::timestamp, s -> s.rows().size()).containsExactly(
                    tuple(at("2025-10-01 09:55:00"), 1), tuple(at("2025-10-01 10:00:00"), 2),
                    tuple(at("2025-10-01 10:05:00"), 1));
        }
    }

    @Test
    void anOutOfOrderFileWithSeparatorsInValuesIsReadExactly() {
        GpuStateRecord odd = new GpuStateRecord("slot\u001e1@h1", "GPU-\u001f", "", "Unclaimed", "dev", 1L, "p", 0.5,
                "h1", null, "job\u001f\u001e", "2025-10-01 10:00:00", null, null);
        Path file = file(List.of(row("2025-10-01 10:05:00", "h1", "GPU-1"), odd,
                row("2025-10-01 10:00:00", "h2", "GPU-2")));

        List<HostSnapshot> snapshots = readAll(file);

        assertThat(snapshots).extracting(HostSnapshot::machine, HostSnapshot::timestamp).containsExactly(
                tuple("h1", at("2025-10-01 10:00:00")), tuple("h2", at("2025-10-01 10:00:00")),
                tuple("h1", at("2025-10-01 10:05:00")));
        assertThat(snapshots.get(0).rows()).containsExactly(new SlotGpuRow("slot\u001e1@h1", "GPU-\u001f", "Unclaimed",
                "dev", 1L, "p", 0.5, null, "job\u001f\u001e", null, null));
    }

    @Test
    void nextAfterTheEndKeepsReturningNullAndAClosedReaderRefuses() {
        Path file = hourOfSnapshots();
        MonthFileReader reader = SqliteMonthFile.open(file);
        reader.forEach(s -> { });
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
        assertThat(reader.progress().snapshotsEmitted()).isEqualTo(24);
        reader.close();
        reader.close();
        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
    }
}
