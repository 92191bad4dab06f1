package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.Devices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Lays out a pool that looks like the real one (rules §1, 2, 8): researcher machines {@code <pi>gpu4000}, the shipped
 * CHTC-owned hosts, open-capacity {@code gpuNNNN} machines, lab machines with interactive slots, the hosts the shipped
 * exclusions remove, a couple of machines publishing NULL PP, and MIG machines.
 *
 * <p>Small pools keep one of each special machine for as long as the host count allows, so that a test over 8 or 30
 * hosts still sees every feature the reports have rules for.
 */
final class ClusterBuilder {

    private static final String DOMAIN = ".chtc.wisc.edu";
    private static final int USER_COUNT = 60;
    private static final int HEAVY_H200_USERS = 30;
    private static final int BACKFILL_USERS = 34;

    private static final List<String> SURNAMES = List.of(
            "smith", "johnson", "lee", "chen", "wang", "garcia", "martinez", "brown", "davis", "miller", "wilson",
            "moore", "taylor", "anderson", "thomas", "jackson", "white", "harris", "martin", "thompson", "young",
            "king", "wright", "lopez", "hill", "scott", "green", "adams", "baker", "nelson", "carter", "mitchell",
            "perez", "roberts", "turner", "phillips", "campbell", "parker", "evans", "edwards", "collins", "stewart",
            "sanchez", "morris", "rogers", "reed", "cook", "morgan", "bell", "murphy", "bailey", "rivera", "cooper",
            "richardson", "howard", "ward", "torres", "peterson", "gray", "ramirez", "watson", "brooks", "kelly",
            "sanders", "price", "bennett", "wood", "barnes", "ross", "henderson", "coleman", "jenkins", "perry",
            "powell", "patterson", "hughes", "flores", "butler", "simmons", "foster", "bryant", "russell", "griffin",
            "diaz", "hayes", "kim", "nguyen", "patel", "zhang", "liu", "yang", "huang", "zhao", "zhou", "xu", "sun",
            "zhu", "guo", "lin", "gao", "luo", "kumar", "singh", "shah", "novak", "larsen", "schmidt", "weber");
    private static final String INITIALS = "abcdefghjklmnprstwyz";
    private static final List<String> SHARED_PROJECTS = List.of("MedPhysics", "IceCube", "CS_ML", "BioStat_Core",
            "Morgridge", "WID_Compute");
    private static final List<String> SCHEDDS = List.of("ap2001.chtc.wisc.edu", "ap2002.chtc.wisc.edu");

    /** A model and the GPU counts a machine of it comes with, drawn with a weight. */
    private record DeviceOption(DeviceModel device, int[] gpuCounts, int weight) {
    }

    private static final List<DeviceOption> OPEN_CAPACITY_DEVICES = List.of(
            new DeviceOption(DeviceModel.H200, new int[] {8}, 2),
            new DeviceOption(DeviceModel.H200, new int[] {4}, 2),
            new DeviceOption(DeviceModel.H100_80GB, new int[] {4}, 2),
            new DeviceOption(DeviceModel.A100_80GB, new int[] {4}, 2),
            new DeviceOption(DeviceModel.A100_40GB, new int[] {2, 4}, 3),
            new DeviceOption(DeviceModel.L40S, new int[] {2, 4}, 3),
            new DeviceOption(DeviceModel.L40, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.A40, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.A30, new int[] {1, 2}, 1),
            new DeviceOption(DeviceModel.RTX_2080_TI, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.GTX_1080_TI, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.P100, new int[] {1}, 1),
            new DeviceOption(DeviceModel.QUADRO_RTX_6000, new int[] {1}, 1));

    private static final List<DeviceOption> RESEARCHER_DEVICES = List.of(
            new DeviceOption(DeviceModel.H200, new int[] {2, 4}, 2),
            new DeviceOption(DeviceModel.H100_80GB, new int[] {1, 2, 4}, 3),
            new DeviceOption(DeviceModel.A100_80GB, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.A100_40GB, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.L40S, new int[] {1, 2, 4}, 4),
            new DeviceOption(DeviceModel.L40, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.A40, new int[] {1, 2}, 2),
            new DeviceOption(DeviceModel.RTX_2080_TI, new int[] {1, 2, 4}, 2),
            new DeviceOption(DeviceModel.QUADRO_RTX_6000, new int[] {1, 2}, 1),
            new DeviceOption(DeviceModel.GTX_1080_TI, new int[] {1, 2}, 1),
            new DeviceOption(DeviceModel.A30, new int[] {1, 2}, 1));

    /** The shipped CHTC-owned hosts get these, in list order. */
    private static final List<DeviceOption> CHTC_DEVICES = List.of(
            new DeviceOption(DeviceModel.H100_80GB, new int[] {4}, 1),
            new DeviceOption(DeviceModel.H200, new int[] {4}, 1),
            new DeviceOption(DeviceModel.L40S, new int[] {4}, 1),
            new DeviceOption(DeviceModel.A100_80GB, new int[] {2}, 1),
            new DeviceOption(DeviceModel.H100_80GB, new int[] {2}, 1),
            new DeviceOption(DeviceModel.L40S, new int[] {2}, 1),
            new DeviceOption(DeviceModel.H200, new int[] {8}, 1));

    /** Machines {@link GeneratorSettings#cornerMachines()} puts in place of ordinary ones. */
    private static final int CORNER_MACHINES = 4;

    private final int hosts;
    private final boolean cornerMachines;
    private final SplittableRandom random;
    private final Set<String> usedGpuIds = new HashSet<>();
    private final Set<String> usedPrefixes = new HashSet<>();

    ClusterBuilder(int hosts, long seed, boolean cornerMachines) {
        this.hosts = hosts;
        this.cornerMachines = cornerMachines;
        // The pool has its own stream, so the simulation can change without moving a single host or GPU id.
        this.random = new SplittableRandom(seed ^ 0x636c7573746572L);
        for (String host : ChtcOwnedList.SHIPPED_HOSTS) {
            usedPrefixes.add(host.substring(0, host.indexOf("gpu4000")));
        }
    }

    ClusterModel build() {
        List<User> users = makeUsers();
        List<User> heavyH200 = users.subList(0, HEAVY_H200_USERS);
        List<User> backfill = users.subList(USER_COUNT - BACKFILL_USERS, USER_COUNT);

        int chtc = hosts >= 20 ? ChtcOwnedList.SHIPPED_HOSTS.size() : hosts / 4;
        int lab = hosts >= 40 ? 3 : hosts >= 6 ? 1 : 0;
        int excluded = hosts >= 40 ? 3 : hosts >= 10 ? 2 : 0;
        int nullPp = hosts >= 40 ? 2 : hosts >= 6 ? 1 : 0;
        // Corner machines never take the last open-capacity or researcher machine.
        int corner = cornerMachines ? Math.min(CORNER_MACHINES, Math.max(0, hosts - chtc - lab - excluded - nullPp - 2))
                : 0;
        int rest = hosts - chtc - lab - excluded - nullPp - corner;
        int open = Math.max(rest > 0 ? 1 : 0, (int) Math.round(rest * 0.42));
        int researcher = rest - open;

        List<MachineSpec> machines = new ArrayList<>();
        machines.addAll(openCapacityMachines(open, users, heavyH200));
        machines.addAll(researcherMachines(researcher, users));
        machines.addAll(chtcMachines(chtc, users));
        machines.addAll(nullPpMachines(nullPp, users));
        machines.addAll(labMachines(lab, users));
        machines.addAll(excludedMachines(excluded, users));
        if (corner > 0) {
            machines.addAll(cornerMachines(chtc, users).subList(0, corner));
        }
        machines.sort(Comparator.comparing(MachineSpec::host));
        return new ClusterModel(machines, users, heavyH200, backfill);
    }

    private List<User> makeUsers() {
        List<User> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (users.size() < USER_COUNT) {
            String name = INITIALS.charAt(random.nextInt(INITIALS.length()))
                    + SURNAMES.get(random.nextInt(SURNAMES.size()));
            if (random.nextInt(5) == 0) {
                name += random.nextInt(2, 60);
            }
            if (!names.add(name)) {
                continue;
            }
            String domain = random.nextInt(10) == 0 ? "@wisc.edu" : "@chtc.wisc.edu";
            String schedd = SCHEDDS.get(random.nextInt(10) < 7 ? 0 : 1);
            users.add(new User(name + domain, schedd));
        }
        return users;
    }

    private List<MachineSpec> openCapacityMachines(int count, List<User> users, List<User> heavyH200) {
        List<MachineSpec> machines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String host = "gpu" + (2000 + i) + DOMAIN;
            List<Gpu> gpus;
            if (i == 0 && hosts >= 6) {
                gpus = migGpus(DeviceModel.A100_80GB_MIG_3G, 2, 2);
            } else if (i == 1 && hosts >= 60) {
                gpus = migGpus(DeviceModel.A100_80GB_MIG_2G, 1, 3);
            } else if (count >= OPEN_CAPACITY_DEVICES.size() + 2 && i >= 2 && i < OPEN_CAPACITY_DEVICES.size() + 2) {
                // A large pool has every model at least once, so every device row of the reports is exercised.
                DeviceOption option = OPEN_CAPACITY_DEVICES.get(i - 2);
                int[] counts = option.gpuCounts();
                gpus = gpus(option.device(), counts[random.nextInt(counts.length)]);
            } else {
                gpus = pickGpus(OPEN_CAPACITY_DEVICES);
            }
            DeviceModel device = gpus.get(0).device();
            WorkloadProfile workload = openCapacityWorkload(device);
            if (i == 1 || (i == 0 && count == 1)) {
                // A drain in the first hours puts Drained rows into even a one-day run.
                workload = workload.withFirstDrainHour(2 + random.nextInt(8));
            }
            List<User> jobUsers = device.isH200() ? heavyH200 : shuffled(users);
            boolean legacyIds = gpus.get(0).device().mig() || random.nextInt(100) < 35;
            boolean emptyBackfill = i == 1 || random.nextInt(100) < 8;
            machines.add(new MachineSpec(host, MachineKind.OPEN_CAPACITY, gpus, gpus.size(), "", "", true,
                    legacyIds, emptyBackfill, disk(), jobUsers, List.of(), workload));
        }
        return machines;
    }

    private WorkloadProfile openCapacityWorkload(DeviceModel device) {
        String name = device.deviceName();
        if (Devices.isOld(name)) {
            return new WorkloadProfile(between(0.15, 0.45), between(0.2, 0.5), 60, 30, false, 45, 60, 0);
        }
        if (Devices.tier(name) == Devices.Tier.FLAGSHIP) {
            return new WorkloadProfile(between(0.8, 0.93), between(0.5, 0.8), 120, 3, false, 45, 60, 0);
        }
        return new WorkloadProfile(between(0.5, 0.8), between(0.4, 0.7), 96, 6, false, 45, 60, 0);
    }

    private List<MachineSpec> researcherMachines(int count, List<User> users) {
        List<MachineSpec> machines = new ArrayList<>();
        int zeroActive = count >= 2 ? Math.max(1, count / 20) : 0;
        int made = 0;
        while (made < count) {
            String prefix = made == 0 ? "alab" : newPrefix();
            usedPrefixes.add(prefix);
            String projects = projectName(prefix);
            if (made > 0 && random.nextInt(5) == 0) {
                projects += "," + SHARED_PROJECTS.get(random.nextInt(SHARED_PROJECTS.size()));
            }
            List<User> group = groupOf(users);
            int owned = Math.min(count - made, random.nextInt(10) < 7 ? 1 : random.nextInt(2, 4));
            for (int n = 0; n < owned; n++, made++) {
                List<Gpu> gpus = pickGpus(RESEARCHER_DEVICES);
                boolean dormant = made >= count - zeroActive;
                WorkloadProfile workload = dormant
                        // Owners who leave their machine idle for days: the zero-active machines of rules §4.7.
                        ? new WorkloadProfile(0.5, between(0.4, 0.8), 8, 120, true, 45, 60, 0)
                        : new WorkloadProfile(between(0.3, 0.8), between(0.4, 0.8), 36, 10, false, 45, 60,
                                random.nextInt(10) == 0 ? 6 : 0);
                if (made == 0) {
                    workload = workload.withFirstPreventHour(3 + random.nextInt(9));
                }
                if (made == 1 && hosts >= 10) {
                    // A machine with a flaky GPU that keeps failing its health check.
                    workload = workload.withPreventEveryDays(3);
                }
                boolean backfillPp = random.nextInt(10) == 0;
                machines.add(new MachineSpec(prefix + "gpu" + (4000 + n) + DOMAIN, MachineKind.RESEARCHER, gpus,
                        gpus.size(), projects, backfillPp ? projects : "", true,
                        made == 0 || random.nextInt(100) < 35, random.nextInt(100) < 8, disk(), group, List.of(),
                        workload));
            }
        }
        return machines;
    }

    private List<MachineSpec> chtcMachines(int count, List<User> users) {
        List<MachineSpec> machines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String host = ChtcOwnedList.SHIPPED_HOSTS.get(i);
            DeviceOption option = CHTC_DEVICES.get(i);
            List<Gpu> gpus = gpus(option.device(), option.gpuCounts()[0]);
            String projects = projectName(host.substring(0, host.indexOf("gpu4000")));
            WorkloadProfile workload =
                    new WorkloadProfile(between(0.55, 0.85), between(0.4, 0.8), 48, 8, false, 45, 60, 0);
            if (i == 0 && hosts < 10) {
                workload = workload.withFirstPreventHour(4 + random.nextInt(8));
            }
            machines.add(new MachineSpec(host, MachineKind.CHTC_OWNED, gpus, gpus.size(), projects, "", true,
                    random.nextInt(100) < 35, random.nextInt(100) < 8, disk(), groupOf(users), List.of(),
                    workload));
        }
        return machines;
    }

    private List<MachineSpec> nullPpMachines(int count, List<User> users) {
        List<MachineSpec> machines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prefix = newPrefix();
            usedPrefixes.add(prefix);
            List<Gpu> gpus = pickGpus(RESEARCHER_DEVICES);
            WorkloadProfile workload =
                    new WorkloadProfile(between(0.4, 0.7), between(0.4, 0.7), 36, 12, false, 45, 60, 0);
            machines.add(new MachineSpec(prefix + "gpu4000" + DOMAIN, MachineKind.RESEARCHER_NULL_PP, gpus,
                    gpus.size(), null, "", true, random.nextInt(100) < 35, false, disk(), groupOf(users),
                    List.of(), workload));
        }
        return machines;
    }

    /**
     * Machines for the class rule's rare branches (rules §2.4, 2.5): every rank tier of a representative on a
     * CHTC-listed host with PP {@code ""} (Shared there), on a NULL-PP machine (prioritized, yet not a researcher
     * machine) and on open capacity, each on an old and a current model. Incidents start in the first hours so a
     * one-day run sees them: prevented (rank "prevented idle"), then {@code Owner} (rank "other"), then a drain.
     */
    private List<MachineSpec> cornerMachines(int chtcHostsUsed, List<User> users) {
        WorkloadProfile incidents = new WorkloadProfile(0.5, 0.5, 24, 6, false, 2, 2, 2)
                .withFirstPreventHour(1).withFirstOwnerHour(9).withFirstDrainHour(16);
        List<MachineSpec> machines = new ArrayList<>();
        List<Gpu> chtcGpus = mixed(DeviceModel.A40, DeviceModel.L40S);
        machines.add(new MachineSpec(chtcHost(chtcHostsUsed), MachineKind.CHTC_OWNED, chtcGpus, chtcGpus.size(), "",
                "", true, false, false, disk(), groupOf(users), List.of(), incidents));
        String nullPpPrefix = newPrefix();
        usedPrefixes.add(nullPpPrefix);
        List<Gpu> nullPpGpus = mixed(DeviceModel.GTX_1080_TI, DeviceModel.H100_80GB);
        machines.add(new MachineSpec(nullPpPrefix + "gpu4000" + DOMAIN, MachineKind.RESEARCHER_NULL_PP, nullPpGpus,
                nullPpGpus.size(), null, "", true, false, false, disk(), groupOf(users), List.of(), incidents));
        String chtcWithProject = chtcHost(chtcHostsUsed + 1);
        List<Gpu> prioritizedGpus = mixed(DeviceModel.P100, DeviceModel.H200);
        machines.add(new MachineSpec(chtcWithProject, MachineKind.CHTC_OWNED, prioritizedGpus, prioritizedGpus.size(),
                projectName(chtcWithProject.substring(0, chtcWithProject.indexOf("gpu4"))), "", true, false, false,
                disk(), groupOf(users), List.of(), incidents));
        List<Gpu> openGpus = mixed(DeviceModel.A30, DeviceModel.L40);
        machines.add(new MachineSpec("gpu2900" + DOMAIN, MachineKind.OPEN_CAPACITY, openGpus, openGpus.size(), "", "",
                true, false, false, disk(), shuffled(users), List.of(), incidents));
        return machines;
    }

    /** The next free shipped CHTC-owned host; once all are taken, a host the list names only when a test lists it. */
    private String chtcHost(int index) {
        if (index < ChtcOwnedList.SHIPPED_HOSTS.size()) {
            return ChtcOwnedList.SHIPPED_HOSTS.get(index);
        }
        String prefix = newPrefix();
        usedPrefixes.add(prefix);
        return prefix + "gpu4001" + DOMAIN;
    }

    /** Two GPUs of an old model and two of a current one on one machine. */
    private List<Gpu> mixed(DeviceModel old, DeviceModel current) {
        List<Gpu> gpus = new ArrayList<>(gpus(old, 2));
        gpus.addAll(gpus(current, 2));
        return gpus;
    }

    private List<MachineSpec> labMachines(int count, List<User> users) {
        record Lab(DeviceModel device, int gpus, int primarySlotGpus) {
        }
        List<Lab> labs = List.of(new Lab(DeviceModel.RTX_2080_TI, 4, 2), new Lab(DeviceModel.A40, 2, 1),
                new Lab(DeviceModel.L40, 3, 2));
        List<MachineSpec> machines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Lab lab = labs.get(i);
            WorkloadProfile workload =
                    new WorkloadProfile(between(0.3, 0.6), between(0.3, 0.6), 48, 12, false, 45, 60, 3);
            if (i == 0) {
                // The lab's owner takes the machine over on the first working day.
                workload = workload.withFirstOwnerHour(9 + random.nextInt(6));
            }
            machines.add(new MachineSpec("gpulab" + (2000 + i) + DOMAIN, MachineKind.LAB, gpus(lab.device(),
                    lab.gpus()), lab.primarySlotGpus(), "", "", true, false, false, disk(), shuffled(users),
                    labUsers(users), workload));
        }
        return machines;
    }

    private List<MachineSpec> excludedMachines(int count, List<User> users) {
        List<MachineSpec> machines = new ArrayList<>();
        if (count >= 1) {
            // Prioritized through its START expression, so its PP is "": the exclusion keeps it out of Open Capacity.
            List<Gpu> gpus = gpus(DeviceModel.A100_40GB, 4);
            machines.add(new MachineSpec("voyles2000" + DOMAIN, MachineKind.EXCLUDED, gpus, gpus.size(), "", "",
                    true, random.nextInt(100) < 35, false, disk(), groupOf(users), List.of(),
                    new WorkloadProfile(between(0.6, 0.85), 0.5, 48, 8, false, 45, 60, 0)));
        }
        String[] interactiveOnly = {"gpulab2004", "gpulab2003"};
        DeviceModel[] devices = {DeviceModel.RTX_2080_TI, DeviceModel.QUADRO_RTX_6000};
        for (int i = 0; i + 1 < count && i < interactiveOnly.length; i++) {
            machines.add(new MachineSpec(interactiveOnly[i] + DOMAIN, MachineKind.EXCLUDED, gpus(devices[i], 2), 0,
                    "", "", false, false, false, disk(), List.of(), labUsers(users),
                    new WorkloadProfile(0, 0, 48, 0, false, 0, 0, 0)));
        }
        return machines;
    }

    private List<Gpu> pickGpus(List<DeviceOption> options) {
        int total = options.stream().mapToInt(DeviceOption::weight).sum();
        int draw = random.nextInt(total);
        for (DeviceOption option : options) {
            draw -= option.weight();
            if (draw < 0) {
                int[] counts = option.gpuCounts();
                return gpus(option.device(), counts[random.nextInt(counts.length)]);
            }
        }
        throw new IllegalStateException("weights");
    }

    private List<Gpu> gpus(DeviceModel device, int count) {
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id;
            do {
                id = "GPU-" + hex(8);
            } while (!usedGpuIds.add(id));
            gpus.add(Gpu.of(id, device));
        }
        return gpus;
    }

    /** {@code physical} GPUs split into {@code instancesEach} MIG instances, each its own {@code MIG-<uuid>}. */
    private List<Gpu> migGpus(DeviceModel device, int physical, int instancesEach) {
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < physical * instancesEach; i++) {
            String id;
            do {
                id = "MIG-" + hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
            } while (!usedGpuIds.add(id));
            gpus.add(Gpu.of(id, device));
        }
        return gpus;
    }

    private String hex(int digits) {
        StringBuilder out = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private String newPrefix() {
        while (true) {
            String prefix = INITIALS.charAt(random.nextInt(INITIALS.length()))
                    + SURNAMES.get(random.nextInt(SURNAMES.size()));
            if (!usedPrefixes.contains(prefix)) {
                return prefix;
            }
        }
    }

    /**
     * A project name from a host prefix: {@code alab} → {@code ALab}, {@code jzhang} → {@code JZhang}; a prefix joining
     * two groups ({@code btellman-jsullivan}) gives a two-project list.
     */
    static String projectName(String prefix) {
        List<String> parts = new ArrayList<>();
        for (String part : prefix.split("-")) {
            if (part.length() <= 3) {
                parts.add(part.toUpperCase(Locale.ROOT));
            } else {
                parts.add(part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1, 2).toUpperCase(Locale.ROOT)
                        + part.substring(2));
            }
        }
        return String.join(",", parts);
    }

    /** A research group: a few members who run most jobs, then occasional guests. */
    private List<User> groupOf(List<User> users) {
        List<User> order = shuffled(users.subList(10, users.size()));
        int members = random.nextInt(2, 6);
        List<User> group = new ArrayList<>(order.subList(0, members));
        group.addAll(shuffled(users).subList(0, 8));
        return group;
    }

    private List<User> labUsers(List<User> users) {
        return shuffled(users.subList(36, 48));
    }

    private List<User> shuffled(List<User> users) {
        List<User> copy = new ArrayList<>(users);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            User swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }

    private double between(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    private long disk() {
        return 800_000_000L + random.nextLong(2_700_000_000L);
    }
}
