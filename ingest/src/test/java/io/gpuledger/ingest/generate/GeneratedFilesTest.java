package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One 2-day, 30-host run written to SQLite and read back with plain JDBC: schema, structure and realism. */
class GeneratedFilesTest {

    private static final GeneratorSettings SETTINGS = GeneratorSettings.small(30, 2, 42);

    @TempDir
    static Path dir;

    private static SnapshotGenerator generator;
    private static GenerationSummary summary;
    private static Path file;
    private static List<StoredRows.Row> rows;
    private static Map<String, MachineSpec> machineByHost;

    @BeforeAll
    static void generate() throws Exception {
        generator = new SnapshotGenerator(SETTINGS);
        summary = generator.generate(dir);
        file = SnapshotGenerator.fileFor(dir, YearMonth.of(2025, 10));
        rows = StoredRows.read(file);
        machineByHost = generator.cluster().machines().stream()
                .collect(Collectors.toMap(MachineSpec::host, machine -> machine));
    }

    @Test
    void writesOneFileWithTheOriginalSchema() throws Exception {
        assertThat(summary.files()).extracting(GenerationSummary.FileSummary::file).containsExactly(file);
        Map<String, String> expected = new LinkedHashMap<>();
        GpuStateColumns.ALL.forEach(column -> expected.put(column.name(), column.declaredType()));
        assertThat(StoredRows.declaredColumns(file)).containsExactlyEntriesOf(expected);
        assertThat(dir.toFile().list()).containsExactly("gpu_state_2025-10.db");
    }

    @Test
    void summaryCountsWhatTheFileHolds() {
        assertThat(summary.rows()).isEqualTo(rows.size());
        assertThat(summary.files().get(0).rows()).isEqualTo(rows.size());
        long timestamps = rows.stream().map(StoredRows.Row::timestamp).distinct().count();
        assertThat(summary.snapshots()).isEqualTo(timestamps);
        assertThat(summary.files().get(0).snapshots()).isEqualTo(timestamps);
        assertThat(summary.rowsByState().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(rows.size());
    }

    @Test
    void valuesHaveTheDeclaredStorageClasses() {
        for (StoredRows.Row row : rows) {
            assertThat(row.memoryType()).as("GPUs_GlobalMemoryMb of rowid %d", row.rowid()).isEqualTo("integer");
            assertThat(row.usageType()).as("GPUsAverageUsage of rowid %d", row.rowid()).isIn("real", "null");
            assertThat(row.timestampType()).as("timestamp of rowid %d", row.rowid()).isEqualTo("text");
            assertThat(row.name()).isNotEmpty();
            assertThat(row.machine()).isNotEmpty();
        }
    }

    @Test
    void timestampsHaveSixFractionDigitsAndNeverGoBackInRowidOrder() {
        LocalDateTime previous = LocalDateTime.MIN;
        for (StoredRows.Row row : rows) {
            assertThat(row.timestamp()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
            LocalDateTime parsed = SnapshotTime.parse(row.timestamp());
            assertThat(parsed).as("rowid %d", row.rowid()).isAfterOrEqualTo(previous);
            previous = parsed;
        }
        assertThat(SnapshotTime.parse(rows.get(0).timestamp())).isAfterOrEqualTo(SETTINGS.start().atStartOfDay());
        assertThat(previous).isBefore(SETTINGS.start().plusDays(SETTINGS.days()).atStartOfDay());
    }

    @Test
    void snapshotsComeEveryIntervalWithSecondsOfJitter() {
        List<LocalDateTime> times = rows.stream().map(StoredRows.Row::timestamp).distinct().map(SnapshotTime::parse)
                .toList();
        Set<Integer> seconds = new HashSet<>();
        for (int i = 1; i < times.size(); i++) {
            Duration gap = Duration.between(times.get(i - 1), times.get(i));
            long slots = Math.round(gap.toSeconds() / 300.0);
            assertThat(slots).as("gap before %s", times.get(i)).isBetween(1L, 13L);
            assertThat(Math.abs(gap.toSeconds() - slots * 300)).isLessThan(30);
            seconds.add(times.get(i).getSecond());
        }
        assertThat(seconds).hasSizeGreaterThan(5).allSatisfy(second -> assertThat(second).isBetween(1, 29));
    }

    @Test
    void aSnapshotHoldsAboutFiveRowsPerHost() {
        Map<String, Integer> rowsPerSnapshot = new HashMap<>();
        rows.forEach(row -> rowsPerSnapshot.merge(row.timestamp(), 1, Integer::sum));
        double mean = rowsPerSnapshot.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(mean).isBetween(4.0 * SETTINGS.hosts(), 6.5 * SETTINGS.hosts());
        Set<String> machinesPerSnapshot = new HashSet<>();
        String firstTimestamp = rows.get(0).timestamp();
        rows.stream().filter(row -> row.timestamp().equals(firstTimestamp)).forEach(row -> machinesPerSnapshot.add(
                row.machine()));
        assertThat(machinesPerSnapshot).hasSize(SETTINGS.hosts());
    }

    @Test
    void everyStateIsAnAcceptedOne() {
        Set<String> states = rows.stream().map(StoredRows.Row::state).collect(Collectors.toSet());
        assertThat(states).allMatch(SlotState::isAccepted)
                .contains(SlotState.CLAIMED, SlotState.UNCLAIMED, SlotState.DRAINED, SlotState.OWNER);
    }

    @Test
    void thePrimarySlotListsAllItsGpusInEverySnapshot() {
        Map<String, Set<String>> listed = new HashMap<>();
        for (StoredRows.Row row : rows) {
            if (row.name().startsWith("slot1@")) {
                listed.computeIfAbsent(row.timestamp() + "|" + row.machine(), key -> new HashSet<>())
                        .add(row.assignedGpus());
            }
        }
        assertThat(listed).isNotEmpty();
        listed.forEach((key, ids) -> {
            MachineSpec machine = machineByHost.get(key.substring(key.indexOf('|') + 1));
            Set<String> expected = machine.gpus().subList(0, machine.primarySlotGpus()).stream().map(Gpu::id)
                    .collect(Collectors.toSet());
            assertThat(ids).as(key).isEqualTo(expected);
        });
        long snapshots = summary.snapshots();
        long machinesWithPrimarySlot =
                generator.cluster().machines().stream().filter(machine -> machine.primarySlotGpus() > 0).count();
        assertThat(listed).hasSize((int) (snapshots * machinesWithPrimarySlot));
    }

    @Test
    void everyClaimedDynamicSlotGpuIsListedByItsPrimarySlotAtTheSameTime() {
        Map<String, Set<String>> primaryIds = new HashMap<>();
        for (StoredRows.Row row : rows) {
            if (row.name().startsWith("slot1@")) {
                primaryIds.computeIfAbsent(row.timestamp() + "|" + row.machine(), key -> new HashSet<>())
                        .add(row.assignedGpus());
            }
        }
        int claimedDynamic = 0;
        for (StoredRows.Row row : rows) {
            boolean dynamicSlot = row.name().matches("^(slot1|backfill2)_\\d+@.*");
            if (dynamicSlot && row.state().equals(SlotState.CLAIMED)) {
                claimedDynamic++;
                assertThat(primaryIds.get(row.timestamp() + "|" + row.machine())).as("rowid %d", row.rowid())
                        .contains(GpuIds.normalise(row.name(), row.assignedGpus()));
            }
        }
        assertThat(claimedDynamic).isGreaterThan(1000);
    }

    @Test
    void aGpuRunsAtMostOnePrimaryAndOneBackfillJobAndBackfillOnlyOffersIdleGpus() {
        Map<String, List<StoredRows.Row>> bySnapshotAndGpu = new HashMap<>();
        for (StoredRows.Row row : rows) {
            if (!row.assignedGpus().isEmpty()) {
                bySnapshotAndGpu.computeIfAbsent(row.timestamp() + "|" + row.machine() + "|"
                        + GpuIds.normalise(row.name(), row.assignedGpus()), key -> new ArrayList<>()).add(row);
            }
        }
        for (Map.Entry<String, List<StoredRows.Row>> entry : bySnapshotAndGpu.entrySet()) {
            List<StoredRows.Row> gpuRows = entry.getValue();
            long primaryJobs = gpuRows.stream().filter(row -> row.name().startsWith("slot1_")).count();
            long backfillJobs = gpuRows.stream().filter(row -> row.name().startsWith("backfill2_")
                    && row.state().equals(SlotState.CLAIMED)).count();
            long backfillOffers = gpuRows.stream().filter(row -> row.name().startsWith("backfill2@")).count();
            assertThat(primaryJobs).as(entry.getKey()).isLessThanOrEqualTo(1);
            assertThat(backfillJobs).as(entry.getKey()).isLessThanOrEqualTo(1);
            assertThat(primaryJobs + backfillJobs + backfillOffers).as(entry.getKey()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void backfillIdsNormaliseToTheirPrimaryIds() {
        int oldStyle = 0;
        for (StoredRows.Row row : rows) {
            if (row.backfill() && !row.assignedGpus().isEmpty()) {
                MachineSpec machine = machineByHost.get(row.machine());
                Set<String> primary = machine.gpus().stream().map(Gpu::id).collect(Collectors.toSet());
                assertThat(primary).as("rowid %d", row.rowid())
                        .contains(GpuIds.normalise(row.name(), row.assignedGpus()));
                if (row.assignedGpus().contains("_")) {
                    oldStyle++;
                }
            }
            if (!row.backfill() && !row.assignedGpus().isEmpty()) {
                assertThat(row.assignedGpus()).doesNotContain("_");
            }
        }
        assertThat(oldStyle).as("backfill rows with GPU_/MIG_ ids").isPositive();
        assertThat(rows).anySatisfy(row -> assertThat(row.assignedGpus()).startsWith("MIG_"));
        assertThat(rows).anySatisfy(row -> assertThat(row.assignedGpus()).matches("GPU_[0-9a-f]{8}"));
    }

    @Test
    void theDataExercisesEverySpecialCase() {
        assertThat(rows).as("drained").anyMatch(row -> row.state().equals(SlotState.DRAINED)
                && !row.assignedGpus().isEmpty());
        assertThat(rows).as("prevented").anyMatch(row -> "GPUHealthy == False".equals(row.preventJobsReason()));
        assertThat(rows).as("prevented and claimed").anyMatch(row -> row.preventJobsReason() != null
                && row.state().equals(SlotState.CLAIMED));
        assertThat(rows).as("interactive").anyMatch(row -> row.name().startsWith("interactive1@gpulab2004"));
        assertThat(rows).as("claimed interactive").anyMatch(row -> row.name().startsWith("interactive")
                && row.state().equals(SlotState.CLAIMED));
        assertThat(rows).as("NULL PP").anyMatch(row -> row.prioritizedProjects() == null && !row.backfill());
        assertThat(rows).as("empty id").anyMatch(row -> row.assignedGpus().isEmpty() && row.backfill());
        assertThat(rows).as("MIG").anyMatch(row -> row.assignedGpus().startsWith("MIG-")
                && row.deviceName().equals("NVIDIA A100-SXM4-80GB MIG 3g.40gb"));
        assertThat(rows).as("preempted backfill").anyMatch(row -> row.state().equals(SlotState.PREEMPTING)
                && row.name().startsWith("backfill2_"));
        assertThat(rows).as("backfill job").anyMatch(row -> row.name().startsWith("backfill2_")
                && row.state().equals(SlotState.CLAIMED));
    }

    @Test
    void prioritizedProjectsFollowTheKindOfMachine() {
        for (StoredRows.Row row : rows) {
            MachineSpec machine = machineByHost.get(row.machine());
            if (row.backfill()) {
                assertThat(row.prioritizedProjects()).isEqualTo(machine.backfillProjects());
                continue;
            }
            switch (machine.kind()) {
                case RESEARCHER, CHTC_OWNED -> assertThat(row.prioritizedProjects()).isNotBlank();
                case RESEARCHER_NULL_PP -> assertThat(row.prioritizedProjects()).isNull();
                case OPEN_CAPACITY, LAB, EXCLUDED -> assertThat(row.prioritizedProjects()).isEmpty();
                default -> throw new AssertionError(machine.kind());
            }
        }
        assertThat(rows).anyMatch(row -> "ALab".equals(row.prioritizedProjects()));
        long backfillWithEmptyPp = rows.stream().filter(StoredRows.Row::backfill)
                .filter(row -> "".equals(row.prioritizedProjects())).count();
        long backfillRows = rows.stream().filter(StoredRows.Row::backfill).count();
        assertThat((double) backfillWithEmptyPp / backfillRows).as("backfill rows usually carry \"\"")
                .isGreaterThan(0.7);
    }

    @Test
    void hostsFollowThePoolsNamePatternsAndShippedLists() {
        Set<String> hosts = rows.stream().map(StoredRows.Row::machine).collect(Collectors.toSet());
        assertThat(hosts).hasSize(30).containsAll(ChtcOwnedList.SHIPPED_HOSTS)
                .contains("alabgpu4000.chtc.wisc.edu", "voyles2000.chtc.wisc.edu", "gpulab2004.chtc.wisc.edu",
                        "gpulab2000.chtc.wisc.edu", "gpu2003.chtc.wisc.edu")
                .allMatch(host -> host.matches("[a-z0-9-]+\\.chtc\\.wisc\\.edu"));
        HostExclusions exclusions = HostExclusions.shippedDefault();
        for (String host : hosts) {
            MachineKind kind = machineByHost.get(host).kind();
            assertThat(exclusions.excludes(host)).as(host).isEqualTo(kind == MachineKind.EXCLUDED);
            assertThat(ChtcOwnedList.shippedDefault().contains(host)).as(host)
                    .isEqualTo(kind == MachineKind.CHTC_OWNED);
            if (kind == MachineKind.RESEARCHER || kind == MachineKind.RESEARCHER_NULL_PP) {
                assertThat(host).matches("[a-z]+gpu40\\d\\d\\.chtc\\.wisc\\.edu");
            }
            if (kind == MachineKind.OPEN_CAPACITY) {
                assertThat(host).matches("gpu\\d{4}\\.chtc\\.wisc\\.edu");
            }
        }
    }

    @Test
    void memoryMatchesTheDevice() {
        Map<String, Long> memoryByDevice = new HashMap<>();
        DeviceModel.ALL.forEach(device -> memoryByDevice.put(device.deviceName(), device.memoryMb()));
        for (StoredRows.Row row : rows) {
            assertThat(row.memoryMb()).as(row.deviceName()).isEqualTo(memoryByDevice.get(row.deviceName()));
        }
        assertThat(memoryByDevice).containsEntry("NVIDIA H200", 143_771L).containsEntry("NVIDIA L40S", 46_068L)
                .containsEntry("NVIDIA H100 80GB HBM3", 81_559L).containsEntry("Tesla P100-PCIE-16GB", 16_384L);
    }

    @Test
    void claimedRowsNameTheirOwnerAndJobAndOthersDoNot() {
        for (StoredRows.Row row : rows) {
            boolean claimedOrLeaving = row.state().equals(SlotState.CLAIMED) || row.state().equals(SlotState.PREEMPTING);
            if (claimedOrLeaving) {
                assertThat(row.remoteOwner()).as("rowid %d", row.rowid()).matches("[a-z]+\\d*@[a-z.]+");
                assertThat(row.globalJobId()).as("rowid %d", row.rowid())
                        .matches("[a-z0-9.-]+#\\d+\\.\\d+#\\d{10}");
                assertThat(row.usage()).isBetween(0.0, 1.0);
            } else {
                assertThat(row.remoteOwner()).as("rowid %d", row.rowid()).isNull();
                assertThat(row.globalJobId()).isNull();
            }
        }
        Set<String> owners = rows.stream().map(StoredRows.Row::remoteOwner).filter(owner -> owner != null)
                .collect(Collectors.toSet());
        assertThat(owners).hasSizeBetween(30, 60);
        assertThat(summary.usersSeen()).isEqualTo(owners.size());
    }

    @Test
    void jobsLastHours() {
        Map<String, LocalDateTime[]> spans = new HashMap<>();
        for (StoredRows.Row row : rows) {
            if (row.name().startsWith("slot1_")) {
                LocalDateTime at = SnapshotTime.parse(row.timestamp());
                spans.merge(row.globalJobId(), new LocalDateTime[] {at, at},
                        (a, b) -> new LocalDateTime[] {a[0], b[1].isAfter(a[1]) ? b[1] : a[1]});
            }
        }
        List<Long> minutes = new ArrayList<>();
        spans.values().forEach(span -> minutes.add(Duration.between(span[0], span[1]).toMinutes()));
        Collections.sort(minutes);
        assertThat(minutes.size()).isGreaterThan(100);
        assertThat(minutes.get(minutes.size() / 2)).as("median job minutes").isBetween(60L, 400L);
        assertThat(minutes.get(minutes.size() - 1)).as("longest job minutes").isGreaterThan(8 * 60L);
    }

    @Test
    void dynamicSlotsAreNumberedPerMachineAndKeepTheirJob() {
        Map<String, Set<String>> jobsBySlotAndTime = new TreeMap<>();
        for (StoredRows.Row row : rows) {
            if (row.name().matches("^(slot1|backfill2)_\\d+@.*") && row.state().equals(SlotState.CLAIMED)) {
                jobsBySlotAndTime.computeIfAbsent(row.timestamp() + "|" + row.name(), key -> new HashSet<>())
                        .add(row.globalJobId());
                assertThat(row.name()).endsWith("@" + row.machine());
            }
        }
        assertThat(jobsBySlotAndTime.values()).allSatisfy(jobs -> assertThat(jobs).hasSize(1));
    }
}
