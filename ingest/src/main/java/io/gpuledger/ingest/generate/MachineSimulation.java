package io.gpuledger.ingest.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The life of one machine over time: primary jobs, backfill jobs, interactive sessions, drains, {@code
 * PreventJobsReason} periods, {@code Owner} periods and stretches in which its owners submit nothing.
 *
 * <p>Time advances in ticks of the collector's interval. Rules that shape what the reports see:
 * <ul>
 *   <li>a primary job may start on a GPU that runs a backfill job: the backfill job is evicted and shows
 *       {@code Preempting} in that one snapshot;</li>
 *   <li>a drain stops new jobs, evicts backfill jobs and lets primary jobs run to their end;</li>
 *   <li>a prevented period stops new jobs but lets every running job finish, and every row of the machine carries the
 *       reason;</li>
 *   <li>dormant stretches stop new primary jobs only: backfill keeps using the idle GPUs.</li>
 * </ul>
 */
final class MachineSimulation {

    static final List<String> PREVENT_REASONS = List.of("GPUHealthy == False", "GPUHealthy == False",
            "GPUHealthy == False", "NumHealthyGPUs < TotalGPUs");

    private static final double PRIMARY_MEDIAN_MINUTES = 150;
    private static final double PRIMARY_SIGMA = 1.0;
    private static final double BACKFILL_MEDIAN_MINUTES = 75;
    private static final double BACKFILL_SIGMA = 0.9;

    final MachineSpec spec;
    private final SplittableRandom random;
    private final JobIds jobIds;
    private final int intervalMinutes;
    private final String host;

    final Job[] primaryJobOnGpu;
    final Job[] backfillJobOnGpu;
    final Job[] sessionOnGpu;
    /** Running jobs in slot-number order, which is the order their rows are written in. */
    final List<Job> primaryJobs = new ArrayList<>();
    final List<Job> backfillJobs = new ArrayList<>();
    /** Backfill jobs evicted in the current tick: shown once as {@code Preempting}, gone at the next tick. */
    final List<Job> preemptingJobs = new ArrayList<>();
    private final BitSet primaryNumbersInUse = new BitSet();
    private final BitSet backfillNumbersInUse = new BitSet();

    private final double primaryStartChance;
    private final double backfillStartChance;
    private final UserPicker jobUsers;
    private final UserPicker backfillUsers;
    private final UserPicker interactiveUsers;

    private long tick = -1;
    private long drainUntil = -1;
    private long preventUntil = -1;
    private long ownerUntil = -1;
    private String preventReason;
    private boolean preventShowsOwner;
    private long nextDrain;
    private long nextPrevent;
    private long nextOwner;
    private boolean dormant;
    private long phaseEnd;

    MachineSimulation(MachineSpec spec, List<User> backfillUsers, int intervalMinutes, SplittableRandom random,
            JobIds jobIds) {
        this.spec = spec;
        this.random = random;
        this.jobIds = jobIds;
        this.intervalMinutes = intervalMinutes;
        this.host = spec.host();
        int gpuCount = spec.gpus().size();
        this.primaryJobOnGpu = new Job[gpuCount];
        this.backfillJobOnGpu = new Job[gpuCount];
        this.sessionOnGpu = new Job[gpuCount];
        WorkloadProfile workload = spec.workload();
        this.primaryStartChance = startChance(workload.primaryUtilisation(), PRIMARY_MEDIAN_MINUTES, PRIMARY_SIGMA);
        this.backfillStartChance = startChance(workload.backfillUtilisation(), BACKFILL_MEDIAN_MINUTES, BACKFILL_SIGMA);
        this.jobUsers = new UserPicker(spec.jobUsers(), 1.0);
        this.backfillUsers = new UserPicker(backfillUsers, 0.8);
        this.interactiveUsers = new UserPicker(spec.interactiveUsers(), 0.9);
        this.nextDrain = firstEvent(workload.firstDrainHour(), workload.drainEveryDays());
        this.nextPrevent = firstEvent(workload.firstPreventHour(), workload.preventEveryDays());
        this.nextOwner = firstEvent(workload.firstOwnerHour(), workload.ownerEveryDays());
        this.dormant = workload.startsDormant() && workload.meanDormantHours() > 0;
        this.phaseEnd = workload.meanDormantHours() <= 0 ? Long.MAX_VALUE
                : ticksOfHours(exponential(dormant ? workload.meanDormantHours() : workload.meanActiveHours()));
    }

    /**
     * With jobs lasting {@code mean} ticks, a per-tick start chance of {@code u / ((1 - u) * mean)} on each idle GPU keeps
     * a GPU busy a share {@code u} of the time.
     */
    private double startChance(double utilisation, double medianMinutes, double sigma) {
        double capped = Math.min(utilisation, 0.95);
        double meanTicks = medianMinutes * Math.exp(sigma * sigma / 2) / intervalMinutes;
        return capped <= 0 ? 0 : capped / ((1 - capped) * meanTicks);
    }

    boolean draining() {
        return tick < drainUntil;
    }

    boolean prevented() {
        return tick < preventUntil;
    }

    /** The reason every row carries, or null. */
    String preventReason() {
        return prevented() ? preventReason : null;
    }

    /** The p-slot shows {@code Owner}: an owner period, or a prevented period that the startd reports that way. */
    boolean ownerState() {
        return tick < ownerUntil || (prevented() && preventShowsOwner);
    }

    /** Moves to {@code newTick}: ends what is over, starts incidents and new jobs. */
    void advance(long newTick, int hourOfDay, Instant now) {
        tick = newTick;
        endFinished();
        startIncidents();
        boolean ownerPeriod = tick < ownerUntil;
        boolean accepting = !draining() && !prevented() && !ownerPeriod;
        if (accepting && !dormant) {
            startPrimaryJobs(hourOfDay, now);
        }
        if (accepting && spec.hasBackfill()) {
            startBackfillJobs(now);
        }
        if (!draining()) {
            startSessions(hourOfDay, now);
        }
    }

    private void endFinished() {
        for (Job job : preemptingJobs) {
            backfillNumbersInUse.clear(job.slotNumber());
        }
        preemptingJobs.clear();
        for (int i = primaryJobs.size() - 1; i >= 0; i--) {
            Job job = primaryJobs.get(i);
            if (job.endTick() <= tick) {
                primaryJobs.remove(i);
                primaryNumbersInUse.clear(job.slotNumber());
                for (int gpu : job.gpuIndexes()) {
                    primaryJobOnGpu[gpu] = null;
                }
            }
        }
        for (int i = backfillJobs.size() - 1; i >= 0; i--) {
            Job job = backfillJobs.get(i);
            if (job.endTick() <= tick) {
                backfillJobs.remove(i);
                backfillNumbersInUse.clear(job.slotNumber());
                for (int gpu : job.gpuIndexes()) {
                    backfillJobOnGpu[gpu] = null;
                }
            }
        }
        for (int gpu = 0; gpu < sessionOnGpu.length; gpu++) {
            if (sessionOnGpu[gpu] != null && sessionOnGpu[gpu].endTick() <= tick) {
                sessionOnGpu[gpu] = null;
            }
        }
    }

    private void startIncidents() {
        WorkloadProfile workload = spec.workload();
        if (tick >= phaseEnd) {
            dormant = !dormant;
            phaseEnd = tick + Math.max(1, ticksOfHours(
                    exponential(dormant ? workload.meanDormantHours() : workload.meanActiveHours())));
        }
        if (tick >= nextDrain && !draining()) {
            drainUntil = tick + ticksOfHours(logNormal(4, 0.6, 1, 16));
            nextDrain = nextAfter(drainUntil, workload.drainEveryDays());
            evictAllBackfill();
        }
        if (tick >= nextPrevent && !prevented()) {
            preventUntil = tick + ticksOfHours(logNormal(6, 0.8, 1, 48));
            preventReason = PREVENT_REASONS.get(random.nextInt(PREVENT_REASONS.size()));
            preventShowsOwner = random.nextInt(3) == 0;
            nextPrevent = nextAfter(preventUntil, workload.preventEveryDays());
        }
        if (tick >= nextOwner && tick >= ownerUntil) {
            ownerUntil = tick + ticksOfHours(1 + 2 * random.nextDouble());
            nextOwner = nextAfter(ownerUntil, workload.ownerEveryDays());
            evictAllBackfill();
        }
    }

    private void startPrimaryJobs(int hourOfDay, Instant now) {
        // Users submit more during working hours.
        double chance = primaryStartChance * (hourOfDay >= 8 && hourOfDay < 20 ? 1.25 : 0.75);
        for (int gpu = 0; gpu < spec.primarySlotGpus(); gpu++) {
            if (primaryJobOnGpu[gpu] == null && random.nextDouble() < chance) {
                startPrimaryJob(gpu, now);
            }
        }
    }

    private void startPrimaryJob(int firstGpu, Instant now) {
        int wanted = requestedGpus();
        int[] gpus = claimIdle(firstGpu, wanted, primaryJobOnGpu, null);
        // HTCondor lists a slot's GPUs in device order.
        Arrays.sort(gpus);
        for (int gpu : gpus) {
            if (backfillJobOnGpu[gpu] != null) {
                evict(backfillJobOnGpu[gpu]);
            }
        }
        int number = primaryNumbersInUse.nextClearBit(1);
        primaryNumbersInUse.set(number);
        User user = jobUsers.pick(random);
        Job job = new Job(number, "slot1_" + number + "@" + host, user.owner(), jobIds.next(user, now, random), gpus,
                tick + ticksOfMinutes(logNormal(PRIMARY_MEDIAN_MINUTES, PRIMARY_SIGMA, 10, 72 * 60)), jobUsage(),
                jobDisk(), random.nextLong());
        for (int gpu : gpus) {
            primaryJobOnGpu[gpu] = job;
        }
        insertInSlotOrder(primaryJobs, job);
    }

    private int requestedGpus() {
        int draw = random.nextInt(100);
        return draw < 68 ? 1 : draw < 85 ? 2 : draw < 96 ? 4 : 8;
    }

    /** {@code firstGpu} and up to {@code wanted - 1} further GPUs free in {@code taken} (and in {@code alsoTaken}). */
    private int[] claimIdle(int firstGpu, int wanted, Job[] taken, Job[] alsoTaken) {
        int slotGpus = spec.primarySlotGpus();
        int[] chosen = new int[Math.min(wanted, slotGpus)];
        int count = 0;
        for (int step = 0; step < slotGpus && count < chosen.length; step++) {
            int gpu = (firstGpu + step) % slotGpus;
            if (taken[gpu] == null && (alsoTaken == null || alsoTaken[gpu] == null)) {
                chosen[count++] = gpu;
            }
        }
        return count == chosen.length ? chosen : Arrays.copyOf(chosen, count);
    }

    private void startBackfillJobs(Instant now) {
        for (int gpu = 0; gpu < spec.primarySlotGpus(); gpu++) {
            if (primaryJobOnGpu[gpu] == null && backfillJobOnGpu[gpu] == null && !preemptingOn(gpu)
                    && random.nextDouble() < backfillStartChance) {
                int[] gpus = claimIdle(gpu, random.nextInt(10) == 0 ? 2 : 1, backfillJobOnGpu, primaryJobOnGpu);
                Arrays.sort(gpus);
                int number = backfillNumbersInUse.nextClearBit(1);
                backfillNumbersInUse.set(number);
                User user = backfillUsers.pick(random);
                Job job = new Job(number, "backfill2_" + number + "@" + host, user.owner(),
                        jobIds.next(user, now, random), gpus,
                        tick + ticksOfMinutes(logNormal(BACKFILL_MEDIAN_MINUTES, BACKFILL_SIGMA, 10, 24 * 60)),
                        jobUsage(), jobDisk(), random.nextLong());
                for (int taken : gpus) {
                    backfillJobOnGpu[taken] = job;
                }
                insertInSlotOrder(backfillJobs, job);
            }
        }
    }

    private boolean preemptingOn(int gpu) {
        for (Job job : preemptingJobs) {
            for (int held : job.gpuIndexes()) {
                if (held == gpu) {
                    return true;
                }
            }
        }
        return false;
    }

    private void startSessions(int hourOfDay, Instant now) {
        // Interactive sessions are a daytime habit.
        double perHour = hourOfDay >= 9 && hourOfDay < 18 ? 0.5 : 0.05;
        double chance = perHour * intervalMinutes / 60.0;
        for (int gpu = spec.primarySlotGpus(); gpu < sessionOnGpu.length; gpu++) {
            if (sessionOnGpu[gpu] == null && random.nextDouble() < chance) {
                User user = interactiveUsers.pick(random);
                int slot = gpu - spec.primarySlotGpus() + 1;
                sessionOnGpu[gpu] = new Job(0, "interactive" + slot + "@" + host, user.owner(),
                        jobIds.next(user, now, random), new int[] {gpu},
                        tick + ticksOfMinutes(30 + random.nextInt(211)), 0.05 + 0.35 * random.nextDouble(),
                        20_000_000L, random.nextLong());
            }
        }
    }

    private void evictAllBackfill() {
        for (int i = backfillJobs.size() - 1; i >= 0; i--) {
            evict(backfillJobs.get(i));
        }
    }

    private void evict(Job job) {
        backfillJobs.remove(job);
        for (int gpu : job.gpuIndexes()) {
            backfillJobOnGpu[gpu] = null;
        }
        preemptingJobs.add(job);
    }

    private static void insertInSlotOrder(List<Job> jobs, Job job) {
        int at = jobs.size();
        while (at > 0 && jobs.get(at - 1).slotNumber() > job.slotNumber()) {
            at--;
        }
        jobs.add(at, job);
    }

    /** Most jobs keep their GPU busy; about one in ten barely touches it. */
    private double jobUsage() {
        return random.nextInt(10) == 0 ? 0.1 * random.nextDouble() : 0.45 + 0.55 * Math.sqrt(random.nextDouble());
    }

    private long jobDisk() {
        return 1_000_000L * (1 + random.nextInt(200));
    }

    private long firstEvent(int hour, double everyDays) {
        if (hour >= 0) {
            return ticksOfHours(hour);
        }
        return everyDays <= 0 ? Long.MAX_VALUE : ticksOfHours(exponential(everyDays * 24));
    }

    private long nextAfter(long end, double everyDays) {
        return everyDays <= 0 ? Long.MAX_VALUE : end + ticksOfHours(exponential(everyDays * 24));
    }

    private double exponential(double mean) {
        return mean <= 0 ? 0 : -mean * Math.log(1 - random.nextDouble());
    }

    private double logNormal(double median, double sigma, double min, double max) {
        double value = median * Math.exp(sigma * random.nextGaussian());
        return Math.max(min, Math.min(max, value));
    }

    private long ticksOfHours(double hours) {
        return ticksOfMinutes(hours * 60);
    }

    private long ticksOfMinutes(double minutes) {
        return Math.max(1, Math.round(minutes / intervalMinutes));
    }
}
