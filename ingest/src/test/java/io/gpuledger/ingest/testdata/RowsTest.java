package io.gpuledger.ingest.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-data builder: what each fluent call puts into the rows. */
class RowsTest {

    private static final String T1 = "2025-11-03 10:00:05.123456";
    private static final String T2 = "2025-11-03 10:15:04.987654";
    private static final String R = "alabgpu4000.chtc.wisc.edu";

    @Test
    void oneRowPerIdWithTheContextOfTheChain() {
        Rows rows = Rows.at(T1)
                .on(R).device("NVIDIA L40S", 46068).pp("ALab")
                .slot("slot1").unclaimed("GPU-r1", "GPU-r2")
                .slot("slot1_1").claimed("alice@chtc.wisc.edu", "GPU-r1")
                .rows();

        assertThat(rows.all()).containsExactly(
                new Rows.Row(T1, R, "slot1@" + R, "GPU-r1", "Unclaimed", "NVIDIA L40S", 46068L, "ALab", null, null,
                        null, null, null),
                new Rows.Row(T1, R, "slot1@" + R, "GPU-r2", "Unclaimed", "NVIDIA L40S", 46068L, "ALab", null, null,
                        null, null, null),
                new Rows.Row(T1, R, "slot1_1@" + R, "GPU-r1", "Claimed", "NVIDIA L40S", 46068L, "ALab", null,
                        "alice@chtc.wisc.edu", null, null, null));
    }

    @Test
    void backfillSlotsTakeTheBackfillPpWhichIsEmptyUnlessSet() {
        Rows rows = Rows.at(T1)
                .on(R).device("NVIDIA L40S", 46068).pp("ALab")
                .slot("backfill2").unclaimed("GPU-r2")
                .backfillPp("ALab").slot("slot1_backfill").unclaimed("GPU-r3")
                .backfillPp(null).slot("backfill3").unclaimed("GPU-r4")
                .slot("slot1").unclaimed("GPU-r1")
                .rows();

        assertThat(rows.all()).extracting(Rows.Row::prioritizedProjects).containsExactly("", "ALab", null, "ALab");
    }

    @Test
    void slotSettingsLastUntilTheNextSlotAndSurviveAChangeOfTime() {
        Rows rows = Rows.at(T1)
                .on(R).device("NVIDIA L40S", 46068).pp("")
                .slot("slot1").prevented("GPUHealthy == False").remoteOwner("").job("s#1.0#1").usage(0.5).disk(99)
                .unclaimed("GPU-1")
                .at(T2).unclaimed("GPU-1")
                .slot("slot2").unclaimed("GPU-2")
                .rows();

        List<Rows.Row> all = rows.all();
        assertThat(all.get(0)).isEqualTo(new Rows.Row(T1, R, "slot1@" + R, "GPU-1", "Unclaimed", "NVIDIA L40S",
                46068L, "", 0.5, "", "s#1.0#1", "GPUHealthy == False", 99L));
        assertThat(all.get(1)).isEqualTo(new Rows.Row(T2, R, "slot1@" + R, "GPU-1", "Unclaimed", "NVIDIA L40S",
                46068L, "", 0.5, "", "s#1.0#1", "GPUHealthy == False", 99L));
        assertThat(all.get(2)).isEqualTo(new Rows.Row(T2, R, "slot2@" + R, "GPU-2", "Unclaimed", "NVIDIA L40S",
                46068L, "", null, null, null, null, null));
    }

    @Test
    void claimedRowsTakeTheOwnerGivenOthersTheSlotOwner() {
        Rows rows = Rows.at(T1)
                .on(R).device("NVIDIA L40S", 46068).pp("")
                .slot("slot1").remoteOwner("").unclaimed("GPU-1").claimed("bob@x", "GPU-2").claimed(null, "GPU-3")
                .rows();

        assertThat(rows.all()).extracting(Rows.Row::remoteOwner).containsExactly("", "bob@x", null);
    }

    @Test
    void machineRemembersItsSettingsWhenTheChainComesBackToIt() {
        Rows rows = Rows.at(T1)
                .on("a").device("NVIDIA L40S", 46068).pp("ALab").backfillPp("B")
                .slot("slot1").unclaimed("GPU-1")
                .on("b").device("NVIDIA H200", 143771).pp("")
                .slot("slot1").unclaimed("GPU-2")
                .at(T2)
                .on("a").slot("backfill2").unclaimed("GPU-1")
                .on("a").slot("slot1").unclaimed("GPU-1")
                .rows();

        assertThat(rows.all().get(2)).extracting(Rows.Row::deviceName, Rows.Row::memoryMb,
                Rows.Row::prioritizedProjects).containsExactly("NVIDIA L40S", 46068L, "B");
        assertThat(rows.all().get(3)).extracting(Rows.Row::deviceName, Rows.Row::prioritizedProjects)
                .containsExactly("NVIDIA L40S", "ALab");
    }

    @Test
    void aNewMachineNeedsItsDeviceAndPpSoNullAndEmptyAreNeverGuessed() {
        Rows.Cursor onA = Rows.at(T1).on("a").device("NVIDIA L40S", 46068).pp("ALab").slot("slot1");
        onA.unclaimed("GPU-1");

        assertThatThrownBy(() -> onA.on("b").slot("slot1").unclaimed("GPU-2"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("device");
        assertThatThrownBy(() -> onA.on("b").device("NVIDIA L40S").slot("slot1").unclaimed("GPU-2"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PrioritizedProjects");
        assertThatThrownBy(() -> Rows.at(T1).on("c").device(null).pp(null).unclaimed("GPU-3"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("slot");
        assertThatThrownBy(() -> Rows.at(T1).slot("slot1").unclaimed("GPU-3"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("machine");
        assertThat(onA.rows().size()).isEqualTo(1);
    }

    @Test
    void nullDeviceNullMemoryAndNullPpAreExplicit() {
        Rows rows = Rows.at(T1)
                .on("a").device(null).pp(null).slot("slot1").unclaimed("GPU-1")
                .on("b").device("NVIDIA L40S", (Long) null).pp("").slot("slot1").unclaimed("GPU-2")
                .rows();

        assertThat(rows.all()).extracting(Rows.Row::deviceName, Rows.Row::memoryMb, Rows.Row::prioritizedProjects)
                .containsExactly(tuple(null, null, null),
                        tuple("NVIDIA L40S", null, ""));
    }

    @Test
    void rowsWithoutAGpuAreAskedForByName() {
        Rows rows = Rows.at(T1)
                .on(R).device("NVIDIA L40S", 46068).pp("")
                .slot("backfill2").unclaimed(Rows.NO_GPU).unclaimed(Rows.NULL_GPU)
                .rows();

        assertThat(rows.all()).extracting(Rows.Row::assignedGpus).containsExactly("", null);
        assertThat(rows.snapshots().get(0).rows()).noneMatch(SlotGpuRow::hasGpu);
        assertThatThrownBy(() -> Rows.at(T1).on(R).device(null).pp("").slot("slot1").unclaimed())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NO_GPU");
    }

    @Test
    void aSlotNameWithAtIsUsedAsIs() {
        Rows rows = Rows.at(T1).on(R).device(null).pp("").slot("slot1@elsewhere").unclaimed("GPU-1").rows();

        assertThat(rows.all().get(0).name()).isEqualTo("slot1@elsewhere");
        assertThat(rows.all().get(0).machine()).isEqualTo(R);
    }

    @Test
    void recordsAreTheStoredForm() {
        Rows rows = Rows.at("2025-01-01 10:00:00")
                .on("h").device("NVIDIA L40S", 46068).pp("p")
                .slot("backfill2_1").claimed("u@x", "GPU_1a2b")
                .rows();

        assertThat(rows.records()).containsExactly(new GpuStateRecord("backfill2_1@h", "GPU_1a2b", "", "Claimed",
                "NVIDIA L40S", 46068L, "", null, "h", "u@x", null, "2025-01-01 10:00:00", null, null));
    }

    @Test
    void timestampTextIsStoredAsGivenEvenWhenInvalid() {
        Rows rows = Rows.at("2025-11-03T10:00:00").on("h").device(null).pp("").slot("slot1").unclaimed("GPU-1")
                .rows();

        assertThat(rows.records().get(0).timestamp()).isEqualTo("2025-11-03T10:00:00");
        assertThatThrownBy(rows::snapshots).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsGroupByMachineAndTimestampValueWithNormalisedIds() {
        Rows rows = Rows.at("2025-01-01 10:15:00")
                .on("b").device("NVIDIA L40S", 46068).pp("")
                .slot("slot1").unclaimed("GPU-2")
                .at("2025-01-01 10:00:00")
                .on("a").device("NVIDIA L40S", 46068).pp("")
                .slot("slot1").unclaimed("GPU_1")
                .on("b").slot("slot1").unclaimed("GPU-2")
                .on("a").at("2025-01-01 10:00:00.000000").slot("backfill2").unclaimed("GPU_1")
                .rows();

        List<HostSnapshot> snapshots = rows.snapshots();

        assertThat(snapshots).extracting(HostSnapshot::machine, HostSnapshot::timestamp).containsExactly(
                tuple("a", LocalDateTime.of(2025, 1, 1, 10, 0)),
                tuple("b", LocalDateTime.of(2025, 1, 1, 10, 0)),
                tuple("b", LocalDateTime.of(2025, 1, 1, 10, 15)));
        assertThat(snapshots.get(0).rows()).extracting(SlotGpuRow::name, SlotGpuRow::gpuId).containsExactly(
                tuple("slot1@a", "GPU_1"),
                tuple("backfill2@a", "GPU-1"));
    }

    @Test
    void inTimeOrderIsAStableSortByValue() {
        Rows rows = Rows.at("2025-01-01 10:15:00")
                .on("h").device(null).pp("")
                .slot("slot1").unclaimed("GPU-1")
                .at("2025-01-01 10:00:00").unclaimed("GPU-2")
                .at("2025-01-01 10:15:00.000000").unclaimed("GPU-3")
                .at("2025-01-01 10:00:00.5").unclaimed("GPU-4")
                .rows();

        assertThat(rows.inTimeOrder().all()).extracting(Rows.Row::assignedGpus)
                .containsExactly("GPU-2", "GPU-4", "GPU-1", "GPU-3");
        assertThat(rows.latestTime()).isEqualTo(SnapshotTime.parse("2025-01-01 10:15:00"));
    }

    @Test
    void plusAndFilterMakeNewRowSets() {
        Rows first = Rows.at(T1).on("h").device(null).pp("").slot("slot1").unclaimed("GPU-1").rows();
        Rows second = Rows.at(T2).on("h").device(null).pp("").slot("slot1").drained("GPU-1").rows();

        Rows both = first.plus(second);
        Rows drained = both.filter(row -> row.state().equals("Drained"));

        assertThat(both.size()).isEqualTo(2);
        assertThat(first.size()).isEqualTo(1);
        assertThat(drained.all()).extracting(Rows.Row::timestamp).containsExactly(T2);
    }

    @Test
    void emptyRowSetCanBeContinued() {
        Rows rows = Rows.empty();
        rows.thenAt(T1).on("h").device(null).pp("").slot("slot1").unclaimed("GPU-1");

        assertThat(rows.size()).isEqualTo(1);
        assertThatThrownBy(Rows.empty()::latestTime).isInstanceOf(IllegalStateException.class);
    }
}
