package io.gpuledger.ingest.bench;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.FileSummary;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.sqlite.GpuStateWriter;
import io.gpuledger.ingest.sqlite.SqliteMonthFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Random;

/**
 * Throughput of the monthly-file reader on one realistic month (not a test: surefire does not run {@code *Benchmark}).
 * Given a file (e.g. one written by {@code ingest generate --days 31 --hosts 120}), times it; given a directory,
 * writes {@code gpu_state_2025-10.db} there first unless it exists (~4.8 M rows: 120 machines, ~4.5 rows each per
 * snapshot, 5-minute cadence with seconds jitter). Times a plain sqlite-jdbc read of the same columns (the
 * yardstick), the validation scan and the streaming read. Wall time depends on what else runs on the machine, so
 * thread CPU time is printed too (SQLite runs in the calling thread).
 *
 * <pre>
 * mvn -B -q -pl ingest test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$PWD/cp.txt
 * java -cp "ingest/target/test-classes:ingest/target/classes:$(cat cp.txt)" \
 *     io.gpuledger.ingest.bench.ReaderBenchmark FILE-OR-DIR [ROUNDS]
 * </pre>
 */
public final class ReaderBenchmark {

    private ReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "target/bench");
        Path file = Files.isRegularFile(target) ? target : target.resolve("gpu_state_2025-10.db");
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            long rows = writeMonth(file, 120, 5, 42);
            System.out.printf("generated %s: %,d rows in %.1f s%n", file, rows, (System.nanoTime() - start) / 1e9);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d%n", round);
            plainScan(file);
            readFile(file);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The yardstick: a plain sqlite-jdbc read of every column the reader needs, one getter per column. */
    private static void plainScan(Path file) throws Exception {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long rows = 0;
        long checksum = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT Name, AssignedGPUs, State, GPUs_DeviceName,"
                     + " GPUs_GlobalMemoryMb, PrioritizedProjects, GPUsAverageUsage, Machine, RemoteOwner, GlobalJobId,"
                     + " timestamp, PreventJobsReason, Disk FROM gpu_state")) {
            while (rs.next()) {
                for (int column : new int[] {1, 2, 3, 4, 6, 8, 9, 10, 11, 12}) {
                    String value = rs.getString(column);
                    checksum += value == null ? 0 : value.length();
                }
                checksum += rs.getLong(5) + rs.getLong(13) + (long) rs.getDouble(7);
                rows++;
            }
        }
        report("plain jdbc scan", rows, wall, cpu);
        if (checksum == 42) {
            System.out.println();
        }
    }

    private static void readFile(Path file) {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (MonthFileReader reader = SqliteMonthFile.open(file)) {
            FileCheck check = reader.check();
            report("validation scan", check.rows(), wall, cpu);
            long readWall = System.nanoTime();
            long readCpu = THREADS.getCurrentThreadCpuTime();
            long rows = 0;
            for (HostSnapshot snapshot = reader.next(); snapshot != null; snapshot = reader.next()) {
                rows += snapshot.rows().size();
            }
            report("streaming read", rows, readWall, readCpu);
            report("validation + read", rows, wall, cpu);
            FileSummary summary = reader.summary();
            System.out.printf("  %,d snapshots, %d machines, %d GPUs, %s .. %s, ordered %s%n", summary.snapshots(),
                    summary.machines(), summary.gpus(), summary.first(), summary.last(), check.timestampOrdered());
        }
    }

    private static void report(String what, long rows, long wallStart, long cpuStart) {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("  %-18s %,10d rows  wall %6.2f s (%,9.0f rows/s)  cpu %6.2f s (%,9.0f rows/s)%n", what, rows,
                wall, rows / wall, cpu, rows / cpu);
    }

    /** One month (October 2025) of snapshots; each machine has 2 GPUs, a p-slot, sometimes a job, a backfill slot. */
    static long writeMonth(Path file, int machines, int intervalMinutes, long seed) throws Exception {
        Random random = new Random(seed);
        String[] hosts = new String[machines];
        String[][] gpus = new String[machines][2];
        String[] devices = {"NVIDIA H200", "NVIDIA A100-SXM4-80GB", "NVIDIA L40S", "Tesla V100-SXM2-32GB"};
        long[] memory = {143771, 81920, 46068, 32768};
        String[] projects = {"", "ProjA", "ProjB,ProjC", null};
        for (int m = 0; m < machines; m++) {
            hosts[m] = String.format("gpu%04d.chtc.wisc.edu", 2000 + m);
            for (int g = 0; g < 2; g++) {
                gpus[m][g] = String.format("GPU-%08x", random.nextInt());
            }
        }
        long rows = 0;
        LocalDateTime first = LocalDateTime.of(2025, 10, 1, 0, 0);
        LocalDateTime end = first.plusMonths(1);
        try (GpuStateWriter writer = GpuStateWriter.create(file)) {
            for (LocalDateTime slot = first; slot.isBefore(end); slot = slot.plusMinutes(intervalMinutes)) {
                LocalDateTime jittered = slot.plusSeconds(random.nextInt(20))
                        .plusNanos(random.nextInt(1_000_000) * 1000L);
                String timestamp = SnapshotTime.format(jittered);
                for (int m = 0; m < machines; m++) {
                    String host = hosts[m];
                    String device = devices[m % devices.length];
                    long mem = memory[m % memory.length];
                    String pp = projects[m % projects.length];
                    boolean busy = random.nextInt(3) > 0;
                    for (int g = 0; g < 2; g++) {
                        writer.append(new GpuStateRecord("slot1@" + host, gpus[m][g], "", "Unclaimed", device, mem, pp,
                                0.0, host, null, null, timestamp, null, 1_000_000L));
                        rows++;
                    }
                    if (busy) {
                        writer.append(new GpuStateRecord("slot1_1@" + host, gpus[m][0], "", "Claimed", device, mem, pp,
                                random.nextDouble(), host, "user" + (m % 17) + "@wisc.edu",
                                "ap2001.chtc.wisc.edu#" + (1000 + m) + ".0#1759300000", timestamp, null, 1_000_000L));
                        rows++;
                    }
                    if (random.nextBoolean()) {
                        writer.append(new GpuStateRecord("slot1_2@" + host, gpus[m][1], "", "Claimed", device, mem, pp,
                                random.nextDouble(), host, "user" + (m % 23) + "@wisc.edu",
                                "ap2002.chtc.wisc.edu#" + (5000 + m) + ".0#1759300000", timestamp, null, 1_000_000L));
                        rows++;
                    }
                    writer.append(new GpuStateRecord("backfill2@" + host, gpus[m][1].replace('-', '_'), gpus[m][1],
                            "Unclaimed", device, mem, "", 0.0, host, null, null, timestamp, null, 1_000_000L));
                    rows++;
                    if (m % 3 == 0) {
                        writer.append(new GpuStateRecord("backfill2_1@" + host, gpus[m][1], "", "Claimed", device,
                                mem, "", 0.5, host, "bf" + (m % 7) + "@wisc.edu", "ap40#77.0#1759300000", timestamp,
                                null, 1_000_000L));
                        rows++;
                    }
                }
            }
        }
        return rows;
    }
}
