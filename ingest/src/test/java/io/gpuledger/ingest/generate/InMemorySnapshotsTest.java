package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SnapshotGenerator#forEachSnapshot}: what tests feed to Kafka without SQLite, and the collector's cadence. */
class InMemorySnapshotsTest {

    @Test
    void hostSnapshotsGroupRowsByMachineWithNormalisedIds() {
        SnapshotGenerator generator = new SnapshotGenerator(GeneratorSettings.small(8, 1, 11));
        List<GeneratedSnapshot> snapshots = new ArrayList<>();
        generator.forEachSnapshot(snapshots::add);

        int legacyIdsSeen = 0;
        for (GeneratedSnapshot snapshot : snapshots) {
            List<HostSnapshot> hosts = snapshot.hostSnapshots();
            assertThat(hosts).extracting(HostSnapshot::machine).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(generator.cluster().machines().stream().map(MachineSpec::host).toList());
            assertThat(hosts).allSatisfy(host -> assertThat(host.timestamp()).isEqualTo(snapshot.timestamp()));
            assertThat(hosts.stream().mapToInt(host -> host.rows().size()).sum()).isEqualTo(snapshot.rows().size());
            for (HostSnapshot host : hosts) {
                for (SlotGpuRow row : host.rows()) {
                    if (row.gpuId() != null && row.gpuId().startsWith("GPU")) {
                        assertThat(row.gpuId()).matches("GPU-[0-9a-f]{8}");
                    }
                }
            }
            legacyIdsSeen += (int) snapshot.rows().stream().filter(row -> row.assignedGpus().startsWith("GPU_")).count();
        }
        assertThat(legacyIdsSeen).as("stored GPU_ ids that the host snapshots normalised").isPositive();
    }

    @Test
    void theCollectorMissesAFewSnapshotsAndOtherwiseKeepsItsCadence() {
        GeneratorSettings settings = GeneratorSettings.small(2, 20, 21);
        List<LocalDateTime> times = new ArrayList<>();
        GenerationSummary summary = new SnapshotGenerator(settings).forEachSnapshot(s -> times.add(s.timestamp()));

        long slots = settings.snapshotSlots();
        assertThat(summary.missedSnapshots()).isEqualTo(slots - times.size()).isBetween(5L, slots / 50);
        int longGaps = 0;
        for (int i = 1; i < times.size(); i++) {
            long seconds = Duration.between(times.get(i - 1), times.get(i)).toSeconds();
            assertThat(seconds).isBetween(5 * 60 - 20L, 65 * 60L);
            if (seconds >= 30 * 60) {
                longGaps++;
            }
        }
        assertThat(longGaps).as("30-60 minute outages").isPositive();
    }

    @Test
    void aFifteenMinuteCadenceKeepsTheRowsPerSnapshot() {
        GenerationSummary everyFive = new SnapshotGenerator(GeneratorSettings.small(20, 3, 4)).forEachSnapshot(s -> {
        });
        GenerationSummary everyFifteen = new SnapshotGenerator(GeneratorSettings.small(20, 3, 4)
                .withIntervalMinutes(15)).forEachSnapshot(s -> {
        });

        assertThat(everyFifteen.snapshots()).isBetween(3 * 96 - 15L, 3 * 96L);
        assertThat(everyFive.snapshots()).isBetween(3 * 288 - 40L, 3 * 288L);
        assertThat(everyFifteen.rowsPerSnapshot()).isBetween(0.85 * everyFive.rowsPerSnapshot(),
                1.15 * everyFive.rowsPerSnapshot());
    }

    @Test
    void aChicagoClockRepeatsTheFallBackHour() {
        GeneratorSettings settings = GeneratorSettings.small(2, 2, 5).withStart(LocalDate.of(2025, 11, 1))
                .withClockZone(ZoneId.of("America/Chicago"));
        List<LocalDateTime> times = new ArrayList<>();
        new SnapshotGenerator(settings).forEachSnapshot(s -> times.add(s.timestamp()));

        int backwards = 0;
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i).isBefore(times.get(i - 1))) {
                backwards++;
                assertThat(times.get(i)).isBetween(LocalDateTime.of(2025, 11, 2, 1, 0),
                        LocalDateTime.of(2025, 11, 2, 1, 1));
            }
        }
        assertThat(backwards).isEqualTo(1);
        assertThat(times).allSatisfy(time -> assertThat(time).isBetween(LocalDateTime.of(2025, 11, 1, 0, 0),
                LocalDateTime.of(2025, 11, 3, 0, 0)));
    }

    @Test
    void theDefaultClockNeverGoesBackAcrossDaylightSavingChanges() {
        GeneratorSettings settings = GeneratorSettings.small(1, 2, 5).withStart(LocalDate.of(2025, 11, 1));
        List<LocalDateTime> times = new ArrayList<>();
        new SnapshotGenerator(settings).forEachSnapshot(s -> times.add(s.timestamp()));

        assertThat(times).isSorted();
    }
}
