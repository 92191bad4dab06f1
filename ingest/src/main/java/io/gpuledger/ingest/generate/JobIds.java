package io.gpuledger.ingest.generate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hands out {@code GlobalJobId}s ({@code schedd#cluster.proc#qdate}): cluster ids grow per access point as on a real
 * schedd, and the queue date lies a while before the job starts.
 */
final class JobIds {

    private static final long FIRST_CLUSTER = 1_200_000;

    private final Map<String, Long> lastClusterBySchedd = new HashMap<>();

    String next(User user, Instant start, SplittableRandom random) {
        Long previous = lastClusterBySchedd.get(user.schedd());
        long cluster = previous == null ? FIRST_CLUSTER + random.nextInt(2_000_000) : previous + 1 + random.nextInt(4);
        lastClusterBySchedd.put(user.schedd(), cluster);
        int proc = random.nextInt(4) == 0 ? random.nextInt(1, 40) : 0;
        long queuedSecondsBefore = 30 + (long) (random.nextDouble() * random.nextDouble() * 6 * 3600);
        long qdate = start.getEpochSecond() - queuedSecondsBefore;
        return user.schedd() + "#" + cluster + "." + proc + "#" + qdate;
    }
}
