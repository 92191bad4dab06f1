package io.gpuledger.streams.query;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.window.QueryWindow;
import io.gpuledger.streams.window.SummarySource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The cluster's data as one view (docs/architecture.md): the single-partition rollups from this instance (the caller makes sure
 * it is their owner), and everything partitioned by machine — edge-bucket digests, raw snapshots — gathered from
 * every instance that holds {@code host-buckets} partitions: computed locally here, fetched from the others over
 * their internal endpoints. Any gap (an instance unreachable or answering 503, partitions changing hands while the
 * answers came in, a machine answered twice) is a {@link StoreUnavailableException}, never a partial answer.
 */
public final class ClusterStores {

    public static final String EDGE_DIGESTS_PATH = "/internal/v1/edge-digests";
    public static final String RAW_SNAPSHOTS_PATH = "/internal/v1/raw-snapshots";

    private final LocalStores local;
    private final RollupSummaries summaries;
    private final InstanceDirectory directory;
    private final PeerClient peers;

    /** @param summaries this instance's in-memory summaries of the rollups (used while it owns them) */
    public ClusterStores(LocalStores local, RollupSummaries summaries, InstanceDirectory directory, PeerClient peers) {
        this.local = local;
        this.summaries = summaries;
        this.directory = directory;
        this.peers = peers;
    }

    public InstanceDirectory directory() {
        return directory;
    }

    /**
     * A window's bucket summaries: edge buckets from every instance's digests, inner buckets from this instance's
     * rollups (or their in-memory summaries for the default configuration).
     */
    public SummarySource source(QueryWindow window) {
        return summaries.source(local.rollups(), new EdgeDigestsOnce(window));
    }

    /** The window's edge digests, gathered from every instance the first time a report needs them. */
    private final class EdgeDigestsOnce implements Supplier<Map<Long, List<MachineDigest>>> {
        private final QueryWindow window;
        private Map<Long, List<MachineDigest>> byBucket;

        EdgeDigestsOnce(QueryWindow window) {
            this.window = window;
        }

        @Override
        public synchronized Map<Long, List<MachineDigest>> get() {
            if (byBucket == null) {
                List<MachineDigest> edges = gather(
                        partitions -> localEdgeDigests(window, partitions),
                        (peer, partitions) -> EDGE_DIGESTS_PATH + "?start=" + window.startMicros() + "&end="
                                + window.endMicros() + "&partitions=" + join(partitions),
                        EdgeDigestWire::decode,
                        digest -> digest.machine() + "@" + digest.bucketStartMicros());
                Map<Long, List<MachineDigest>> grouped = new HashMap<>();
                for (MachineDigest digest : edges) {
                    grouped.computeIfAbsent(digest.bucketStartMicros(), bucket -> new ArrayList<>()).add(digest);
                }
                byBucket = grouped;
            }
            return byBucket;
        }
    }

    /** Every snapshot with {@code fromMicros <= timestamp <= toMicros}, from all instances. */
    public List<HostSnapshot> rawSnapshots(long fromMicros, long toMicros) {
        return gather(
                partitions -> localRawSnapshots(fromMicros, toMicros, partitions),
                (peer, partitions) -> RAW_SNAPSHOTS_PATH + "?from=" + fromMicros + "&to=" + toMicros
                        + "&partitions=" + join(partitions),
                RawSnapshotWire::decode,
                // Pieces of one snapshot share a key; they come from one partition, so from one instance.
                snapshot -> snapshot.machine());
    }

    /** The latest snapshot timestamp in this instance's rollups (the default window end), or -1 when empty. */
    /** See {@link RollupSummaries#version()}. */
    public long dataVersion() {
        return summaries.version();
    }

    /** The earliest snapshot timestamp in this instance's rollups, or -1 when empty. */
    public long earliestSnapshotMicros() {
        return StoreDigestSource.earliestSnapshotMicros(local.rollups());
    }

    public long latestSnapshotMicros() {
        return StoreDigestSource.latestSnapshotMicros(local.rollups());
    }

    /** The edge-bucket digests of {@code window} from this instance's partitions, which must include those given. */
    public List<MachineDigest> localEdgeDigests(QueryWindow window, Set<Integer> expectedPartitions) {
        directory.requireLocalPartitions(expectedPartitions);
        try {
            List<MachineDigest> digests = new ArrayList<>();
            for (long edge : StoreDigestSource.edgeBuckets(window)) {
                digests.addAll(EdgeDigests.local(local.machines(), local.hostBuckets(), edge, window));
            }
            directory.requireLocalPartitions(expectedPartitions);
            return digests;
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("host buckets became unavailable: " + e.getMessage(), e);
        }
    }

    /** Raw snapshots from this instance's partitions, which must include those given. */
    public List<HostSnapshot> localRawSnapshots(long fromMicros, long toMicros, Set<Integer> expectedPartitions) {
        directory.requireLocalPartitions(expectedPartitions);
        try {
            List<HostSnapshot> snapshots = RawSnapshots.local(local.machines(), local.hostBuckets(), fromMicros,
                    toMicros);
            directory.requireLocalPartitions(expectedPartitions);
            return snapshots;
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("host buckets became unavailable: " + e.getMessage(), e);
        }
    }

    /** Parses {@code 0,2,5} (the {@code partitions} parameter of the internal endpoints). */
    public static Set<Integer> parsePartitions(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<Integer> partitions = new java.util.TreeSet<>();
        for (String part : text.split(",")) {
            int partition = Integer.parseInt(part.strip());
            if (partition < 0) {
                throw new NumberFormatException("negative partition " + partition);
            }
            partitions.add(partition);
        }
        return partitions;
    }

    private static String join(Set<Integer> partitions) {
        return partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** A remote request: the path and query asking {@code peer} for its share. */
    private interface RemoteRequest {
        String pathAndQuery(HostInfo peer, Set<Integer> partitions);
    }

    /**
     * Asks every holder of host-bucket partitions for its share (remote ones in parallel, this one directly) and
     * concatenates the answers, after checking that the holders did not change meanwhile and that no item (by
     * {@code identity}) came from two instances.
     */
    private <T> List<T> gather(Function<Set<Integer>, List<T>> localShare, RemoteRequest remoteRequest,
                               Function<byte[], List<T>> decode, Function<T, String> identity) {
        Map<HostInfo, Set<Integer>> holders = directory.hostBucketHolders();
        Map<HostInfo, CompletableFuture<PeerClient.PeerResponse>> pending = new LinkedHashMap<>();
        for (Map.Entry<HostInfo, Set<Integer>> holder : holders.entrySet()) {
            if (!directory.isSelf(holder.getKey())) {
                pending.put(holder.getKey(), peers.getAsync(holder.getKey(),
                        remoteRequest.pathAndQuery(holder.getKey(), holder.getValue()),
                        Map.of(PeerClient.FORWARDED_BY_HEADER, directory.self().toString())));
            }
        }
        Map<HostInfo, List<T>> shares = new LinkedHashMap<>();
        try {
            Set<Integer> mine = holders.get(directory.self());
            if (mine != null) {
                shares.put(directory.self(), localShare.apply(mine));
            }
            for (Map.Entry<HostInfo, CompletableFuture<PeerClient.PeerResponse>> answer : pending.entrySet()) {
                PeerClient.PeerResponse response = peers.await(answer.getValue(), answer.getKey());
                if (response.status() != 200) {
                    throw new StoreUnavailableException("instance " + answer.getKey() + " answered HTTP "
                            + response.status() + " for its share of the data");
                }
                try {
                    shares.put(answer.getKey(), decode.apply(response.body()));
                } catch (IllegalArgumentException e) {
                    throw new StoreUnavailableException("instance " + answer.getKey() + " sent an unreadable answer: "
                            + e.getMessage());
                }
            }
        } finally {
            pending.values().forEach(future -> future.cancel(true));
        }
        if (!holders.equals(directory.hostBucketHolders())) {
            throw new StoreUnavailableException("partitions changed hands while the query ran");
        }
        Map<String, HostInfo> seen = new HashMap<>();
        List<T> all = new ArrayList<>();
        for (Map.Entry<HostInfo, List<T>> share : shares.entrySet()) {
            Set<String> fromThisInstance = new java.util.HashSet<>();
            for (T item : share.getValue()) {
                String key = identity.apply(item);
                fromThisInstance.add(key);
                HostInfo other = seen.get(key);
                if (other != null && !other.equals(share.getKey())) {
                    throw new StoreUnavailableException(key + " was answered by two instances (" + other + ", "
                            + share.getKey() + "): rebalance in progress");
                }
            }
            fromThisInstance.forEach(key -> seen.put(key, share.getKey()));
            all.addAll(share.getValue());
        }
        return all;
    }
}
