package io.gpuledger.streams.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.ClassRules;
import io.gpuledger.ingest.classify.DedupRank;
import io.gpuledger.ingest.classify.Devices;
import io.gpuledger.ingest.classify.GpuClass;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.streams.reference.DifferentialTest.Dataset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The differential data reaches every branch of the class rule that a pool can produce: for each rank tier of the
 * counted row, class, machine ownership and device filter, at least one (snapshot, GPU) pair. An empty branch would
 * mean the engine and the reference agree only because neither was asked. Also every pair of rank tiers, and every
 * tier with itself (a tie broken by {@code Name}), meets on one (snapshot, GPU). Prints both tables.
 */
class ClassCoverageTest {

    enum Ownership { CHTC_LISTED, RESEARCHER, OPEN }

    enum DeviceFilter { OLD, NON_OLD }

    record Branch(int rank, GpuClass gpuClass, Ownership ownership, DeviceFilter devices) {
    }

    private static final int[] PRIMARY_RANKS = {DedupRank.PRIMARY_CLAIMED, DedupRank.PRIMARY_UNCLAIMED,
            DedupRank.PRIMARY_OTHER, DedupRank.PRIMARY_PREVENTED_IDLE};
    private static final int[] BACKFILL_RANKS = {DedupRank.BACKFILL_CLAIMED, DedupRank.BACKFILL_UNCLAIMED,
            DedupRank.BACKFILL_OTHER};

    @Test
    void everyBranchAPoolCanProduceHoldsPairsInTheDifferentialData() {
        Map<Branch, Long> pairs = new TreeMap<>(ClassCoverageTest::compare);
        for (Dataset dataset : DifferentialTest.DATASETS) {
            List<HostSnapshot> snapshots = delivered(dataset);
            count(snapshots, ChtcOwnedList.shippedDefault(), pairs);
            // The differential queries also list one researcher machine as CHTC-owned; count that view too.
            count(snapshots, withFirstResearcher(snapshots), pairs);
        }

        List<Branch> possible = possibleBranches();
        System.out.println(table(possible, pairs));
        List<Branch> empty = possible.stream().filter(branch -> pairs.getOrDefault(branch, 0L) == 0).toList();
        assertThat(empty).as("branches of the class rule no differential dataset reaches").isEmpty();
    }

    @Test
    void everyPairOfRankTiersMeetsOnOneGpuAndEveryTierTiesWithItself() {
        Map<List<Integer>, Long> pairs = new TreeMap<>(HIGHER_PAIR_FIRST);
        for (Dataset dataset : DifferentialTest.DATASETS) {
            rankPairs(delivered(dataset)).forEach((pair, count) -> pairs.merge(pair, count, Long::sum));
        }
        System.out.println("rank pairs on one (snapshot, GPU), winner's tier first: " + pairs);

        List<List<Integer>> missing = new ArrayList<>();
        for (int high = DedupRank.PRIMARY_CLAIMED; high >= DedupRank.BACKFILL_OTHER; high--) {
            for (int low = high; low >= DedupRank.BACKFILL_OTHER; low--) {
                if (!pairs.containsKey(List.of(high, low))) {
                    missing.add(List.of(high, low));
                }
            }
        }
        assertThat(missing).as("rank tier pairs (and equal-rank ties) never seen on one GPU").isEmpty();
    }

    /** Rank tier × class × ownership × device filter, for every combination the rules let a pool produce. */
    static List<Branch> possibleBranches() {
        List<Branch> branches = new ArrayList<>();
        for (DeviceFilter devices : DeviceFilter.values()) {
            for (int rank : PRIMARY_RANKS) {
                // PRO: researcher machines, and open ones whose prioritized rows carry only NULL PP
                branches.add(new Branch(rank, GpuClass.PRO, Ownership.RESEARCHER, devices));
                branches.add(new Branch(rank, GpuClass.PRO, Ownership.OPEN, devices));
                branches.add(new Branch(rank, GpuClass.PCO, Ownership.CHTC_LISTED, devices));
                for (Ownership ownership : Ownership.values()) {
                    branches.add(new Branch(rank, GpuClass.SHARED, ownership, devices));
                }
            }
            for (int rank : BACKFILL_RANKS) {
                branches.add(new Branch(rank, GpuClass.BCO, Ownership.CHTC_LISTED, devices));
                branches.add(new Branch(rank, GpuClass.BRO, Ownership.RESEARCHER, devices));
                branches.add(new Branch(rank, GpuClass.BOC, Ownership.OPEN, devices));
            }
        }
        return branches;
    }

    private static List<HostSnapshot> delivered(Dataset dataset) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(dataset.settings()).forEachSnapshot(s -> snapshots.addAll(s.hostSnapshots()));
        return dataset.scrambled() ? DifferentialTest.scramble(snapshots, dataset.settings().seed()) : snapshots;
    }

    private static final Comparator<List<Integer>> HIGHER_PAIR_FIRST = (a, b) -> a.get(0).equals(b.get(0))
            ? Integer.compare(b.get(1), a.get(1)) : Integer.compare(b.get(0), a.get(0));

    /** Which rank tiers meet on one (snapshot, GPU): the dedup's cases, winner first; equal ranks are name ties. */
    static Map<List<Integer>, Long> rankPairs(List<HostSnapshot> snapshots) {
        Map<List<Integer>, Long> pairs = new TreeMap<>(HIGHER_PAIR_FIRST);
        Map<String, Map<LocalDateTime, Map<String, List<Integer>>>> ranks = new HashMap<>();
        for (HostSnapshot snapshot : snapshots) {
            for (SlotGpuRow row : snapshot.rows()) {
                if (row.hasGpu()) {
                    ranks.computeIfAbsent(snapshot.machine(), m -> new HashMap<>())
                            .computeIfAbsent(snapshot.timestamp(), t -> new HashMap<>())
                            .computeIfAbsent(row.gpuId(), g -> new ArrayList<>()).add(DedupRank.rank(row));
                }
            }
        }
        ranks.values().forEach(byTime -> byTime.values().forEach(byGpu -> byGpu.values().forEach(onGpu -> {
            for (int i = 0; i < onGpu.size(); i++) {
                for (int j = i + 1; j < onGpu.size(); j++) {
                    int high = Math.max(onGpu.get(i), onGpu.get(j));
                    int low = Math.min(onGpu.get(i), onGpu.get(j));
                    pairs.merge(List.of(high, low), 1L, Long::sum);
                }
            }
        })));
        return pairs;
    }

    private static void count(List<HostSnapshot> snapshots, ChtcOwnedList chtc, Map<Branch, Long> pairs) {
        // Pieces of one snapshot are one snapshot (rules §1.5).
        Map<String, Map<LocalDateTime, List<SlotGpuRow>>> rowsByMachine = new HashMap<>();
        Set<String> qualifying = new HashSet<>();
        for (HostSnapshot snapshot : snapshots) {
            rowsByMachine.computeIfAbsent(snapshot.machine(), m -> new HashMap<>())
                    .computeIfAbsent(snapshot.timestamp(), t -> new ArrayList<>()).addAll(snapshot.rows());
            for (SlotGpuRow row : snapshot.rows()) {
                if (ClassRules.qualifiesResearcherMachine(row)) {
                    qualifying.add(snapshot.machine());
                }
            }
        }
        rowsByMachine.forEach((machine, byTime) -> {
            boolean listed = chtc.contains(machine);
            boolean researcher = ClassRules.isResearcherMachine(qualifying.contains(machine), listed);
            Ownership ownership = listed ? Ownership.CHTC_LISTED
                    : researcher ? Ownership.RESEARCHER : Ownership.OPEN;
            byTime.values().forEach(rows -> {
                Map<String, SlotGpuRow> representatives = new HashMap<>();
                for (SlotGpuRow row : rows) {
                    if (!row.hasGpu()) {
                        continue;
                    }
                    representatives.merge(row.gpuId(), row, (a, b) -> DedupRank.beats(b, a) ? b : a);
                    if (ClassRules.isBackfillRow(row)) {
                        add(pairs, row, ClassRules.backfillClass(listed, researcher), ownership);
                    }
                }
                for (SlotGpuRow representative : representatives.values()) {
                    GpuClass real = ClassRules.realClass(representative, listed);
                    if (real != null) {
                        add(pairs, representative, real, ownership);
                    }
                }
            });
        });
    }

    private static void add(Map<Branch, Long> pairs, SlotGpuRow row, GpuClass gpuClass, Ownership ownership) {
        DeviceFilter devices = Devices.isOld(Devices.deviceName(row.deviceName())) ? DeviceFilter.OLD
                : DeviceFilter.NON_OLD;
        pairs.merge(new Branch(DedupRank.rank(row), gpuClass, ownership, devices), 1L, Long::sum);
    }

    private static ChtcOwnedList withFirstResearcher(List<HostSnapshot> snapshots) {
        Set<String> hosts = new LinkedHashSet<>(ChtcOwnedList.SHIPPED_HOSTS);
        snapshots.stream().filter(s -> s.rows().stream().anyMatch(ClassRules::qualifiesResearcherMachine))
                .map(HostSnapshot::machine).filter(m -> !ChtcOwnedList.SHIPPED_HOSTS.contains(m)).sorted()
                .findFirst().ifPresent(hosts::add);
        return new ChtcOwnedList(hosts, "test: shipped + a researcher machine");
    }

    private static String table(List<Branch> possible, Map<Branch, Long> pairs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s %-26s %-12s %-8s %12s%n",
                "rank", "class", "ownership", "devices", "pairs"));
        for (Branch branch : possible) {
            long count = pairs.getOrDefault(branch, 0L);
            out.append(String.format(Locale.ROOT, "%-6d %-26s %-12s %-8s %,12d%s%n", branch.rank(),
                    branch.gpuClass().id(), branch.ownership(), branch.devices(), count, count == 0 ? "  EMPTY" : ""));
        }
        return out.toString();
    }

    private static int compare(Branch a, Branch b) {
        int byClass = a.gpuClass().compareTo(b.gpuClass());
        if (byClass != 0) {
            return byClass;
        }
        int byOwnership = a.ownership().compareTo(b.ownership());
        if (byOwnership != 0) {
            return byOwnership;
        }
        int byDevices = a.devices().compareTo(b.devices());
        return byDevices != 0 ? byDevices : Integer.compare(b.rank(), a.rank());
    }
}
