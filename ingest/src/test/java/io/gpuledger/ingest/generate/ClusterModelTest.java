package io.gpuledger.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.HostExclusions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated pool: names, ownership, devices and users as in the real one. */
class ClusterModelTest {

    private static final ClusterModel DEFAULT_POOL = ClusterModel.build(GeneratorSettings.defaults());

    @Test
    void theDefaultPoolHasEveryKindOfMachine() {
        Map<MachineKind, List<MachineSpec>> byKind = DEFAULT_POOL.machines().stream()
                .collect(Collectors.groupingBy(MachineSpec::kind));

        assertThat(DEFAULT_POOL.machines()).hasSize(120);
        assertThat(byKind.get(MachineKind.CHTC_OWNED)).extracting(MachineSpec::host)
                .containsExactlyInAnyOrderElementsOf(ChtcOwnedList.SHIPPED_HOSTS);
        assertThat(byKind.get(MachineKind.EXCLUDED)).extracting(MachineSpec::host).containsExactlyInAnyOrder(
                "voyles2000.chtc.wisc.edu", "gpulab2003.chtc.wisc.edu", "gpulab2004.chtc.wisc.edu");
        assertThat(byKind.get(MachineKind.LAB)).extracting(MachineSpec::host).containsExactlyInAnyOrder(
                "gpulab2000.chtc.wisc.edu", "gpulab2001.chtc.wisc.edu", "gpulab2002.chtc.wisc.edu");
        assertThat(byKind.get(MachineKind.RESEARCHER_NULL_PP)).hasSize(2)
                .allSatisfy(machine -> assertThat(machine.prioritizedProjects()).isNull());
        assertThat(byKind.get(MachineKind.RESEARCHER)).hasSizeBetween(50, 70).allSatisfy(machine -> {
            assertThat(machine.host()).matches("[a-z]+gpu40\\d\\d\\.chtc\\.wisc\\.edu");
            assertThat(machine.prioritizedProjects()).matches("[A-Za-z_]+(,[A-Za-z_]+)*");
        });
        assertThat(byKind.get(MachineKind.RESEARCHER)).anySatisfy(machine -> assertThat(
                machine.prioritizedProjects()).contains(","));
        assertThat(byKind.get(MachineKind.OPEN_CAPACITY)).hasSizeBetween(35, 55).allSatisfy(machine -> {
            assertThat(machine.host()).matches("gpu2\\d{3}\\.chtc\\.wisc\\.edu");
            assertThat(machine.prioritizedProjects()).isEmpty();
        });
    }

    @Test
    void theShippedExclusionsRemoveExactlyTheExcludedMachines() {
        HostExclusions exclusions = HostExclusions.shippedDefault();

        assertThat(DEFAULT_POOL.machines()).allSatisfy(machine -> assertThat(exclusions.excludes(machine.host()))
                .as(machine.host()).isEqualTo(machine.kind() == MachineKind.EXCLUDED));
    }

    @Test
    void labMachinesHaveInteractiveSlotsAndTheExcludedLabsOnlyThose() {
        for (MachineSpec machine : DEFAULT_POOL.machines()) {
            if (machine.host().startsWith("gpulab2003") || machine.host().startsWith("gpulab2004")) {
                assertThat(machine.primarySlotGpus()).isZero();
                assertThat(machine.interactiveSlots()).isPositive();
            } else if (machine.kind() == MachineKind.LAB) {
                assertThat(machine.primarySlotGpus()).isPositive();
                assertThat(machine.interactiveSlots()).isPositive();
            } else {
                assertThat(machine.interactiveSlots()).as(machine.host()).isZero();
            }
        }
    }

    @Test
    void gpusAreUniqueRealisticAndOneToEightPerMachine() {
        List<Gpu> gpus = DEFAULT_POOL.machines().stream().flatMap(machine -> machine.gpus().stream()).toList();

        assertThat(gpus).extracting(Gpu::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("GPU-[0-9a-f]{8}")
                        || id.matches("MIG-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(gpus).allSatisfy(gpu -> assertThat(gpu.legacyBackfillId()).isEqualTo(gpu.id().replace('-', '_')));
        assertThat(DEFAULT_POOL.machines()).allSatisfy(machine -> assertThat(machine.gpus()).hasSizeBetween(1, 8));
        assertThat(DEFAULT_POOL.gpuCount()).isBetween(260, 380);
        assertThat(gpus).extracting(gpu -> gpu.device().deviceName()).contains("NVIDIA H200",
                "NVIDIA H100 80GB HBM3", "NVIDIA A100-SXM4-80GB", "NVIDIA A100-SXM4-40GB", "NVIDIA L40S",
                "NVIDIA L40", "NVIDIA A40", "NVIDIA A30", "NVIDIA GeForce RTX 2080 Ti", "NVIDIA GeForce GTX 1080 Ti",
                "Tesla P100-PCIE-16GB", "Quadro RTX 6000", "NVIDIA A100-SXM4-80GB MIG 3g.40gb");
        assertThat(gpus).filteredOn(gpu -> gpu.device().mig()).isNotEmpty()
                .allSatisfy(gpu -> assertThat(gpu.id()).startsWith("MIG-"));
    }

    @Test
    void usersAreSixtyWithThirtyHeavyH200Users() {
        assertThat(DEFAULT_POOL.users()).hasSize(60).extracting(User::owner).doesNotHaveDuplicates()
                .allMatch(owner -> owner.matches("[a-z]+\\d*@(chtc\\.)?wisc\\.edu"));
        assertThat(DEFAULT_POOL.heavyH200Users()).hasSize(30);
        assertThat(DEFAULT_POOL.backfillUsers()).hasSizeBetween(17, 40);
        DEFAULT_POOL.machines().stream()
                .filter(machine -> machine.kind() == MachineKind.OPEN_CAPACITY && machine.mainDevice().isH200())
                .forEach(machine -> assertThat(machine.jobUsers()).isEqualTo(DEFAULT_POOL.heavyH200Users()));
    }

    @Test
    void someResearcherMachinesStayIdleForDays() {
        assertThat(DEFAULT_POOL.machines()).filteredOn(machine -> machine.workload().startsDormant()
                && machine.workload().meanDormantHours() >= 72).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 120})
    void cornerMachinesReplaceOrdinaryOnesWithTheRareBranchesOfTheClassRule(int hosts) {
        ClusterModel pool = ClusterModel.build(GeneratorSettings.defaults().withHosts(hosts).withCornerMachines(true));

        assertThat(pool.machines()).hasSize(hosts).extracting(MachineSpec::host).doesNotHaveDuplicates();
        ChtcOwnedList shipped = ChtcOwnedList.shippedDefault();
        // a CHTC-listed host publishing PP "" (Shared there), and one with a project on an old and a current model
        assertThat(pool.machines()).anySatisfy(machine -> {
            assertThat(shipped.contains(machine.host()) || hosts >= 20).isTrue();
            assertThat(machine.kind()).isEqualTo(MachineKind.CHTC_OWNED);
            assertThat(machine.prioritizedProjects()).isEmpty();
        });
        // NULL PP on a machine with two device models, one of them old
        assertThat(pool.machines()).anySatisfy(machine -> {
            assertThat(machine.prioritizedProjects()).isNull();
            assertThat(machine.gpus().stream().map(gpu -> gpu.device()).distinct().count()).isEqualTo(2);
            assertThat(machine.gpus()).anyMatch(gpu -> Devices.isOld(gpu.device().deviceName()));
            assertThat(machine.workload().firstPreventHour()).isNotNegative();
            assertThat(machine.workload().firstOwnerHour()).isNotNegative();
        });
        assertThat(pool.machines()).filteredOn(machine -> machine.kind() == MachineKind.RESEARCHER).isNotEmpty();
        assertThat(pool.machines()).filteredOn(machine -> machine.kind() == MachineKind.OPEN_CAPACITY).isNotEmpty();
    }

    @Test
    void withoutCornerMachinesThePoolIsTheDefaultOne() {
        assertThat(ClusterModel.build(GeneratorSettings.defaults().withCornerMachines(false)).machines())
                .isEqualTo(DEFAULT_POOL.machines());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8, 19, 20, 30, 41, 250})
    void anyHostCountGivesThatManyMachinesWithDistinctNames(int hosts) {
        ClusterModel pool = ClusterModel.build(GeneratorSettings.defaults().withHosts(hosts));

        assertThat(pool.machines()).hasSize(hosts).extracting(MachineSpec::host).doesNotHaveDuplicates().isSorted();
        assertThat(pool.machines()).anyMatch(machine -> machine.kind() == MachineKind.OPEN_CAPACITY);
        if (hosts >= 8) {
            assertThat(pool.machines()).extracting(MachineSpec::kind).contains(MachineKind.RESEARCHER,
                    MachineKind.RESEARCHER_NULL_PP, MachineKind.CHTC_OWNED, MachineKind.LAB);
            assertThat(pool.machines()).anyMatch(machine -> machine.mainDevice().mig());
        }
        if (hosts >= 20) {
            assertThat(pool.machines()).filteredOn(machine -> machine.kind() == MachineKind.CHTC_OWNED).hasSize(7);
        }
    }

    @Test
    void projectNamesComeFromTheHostPrefix() {
        assertThat(ClusterBuilder.projectName("alab")).isEqualTo("ALab");
        assertThat(ClusterBuilder.projectName("jzhang")).isEqualTo("JZhang");
        assertThat(ClusterBuilder.projectName("btellman-jsullivan")).isEqualTo("BTellman,JSullivan");
        assertThat(ClusterBuilder.projectName("txie-dsi")).isEqualTo("TXie,DSI");
    }
}
