package io.gpuledger.streams.query;

import io.gpuledger.streams.topology.GpuLedgerTopology;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers "which instance holds this?" from the Kafka Streams metadata (docs/architecture.md), kept apart from the HTTP
 * layer. Every answer is taken while Kafka Streams is RUNNING and is complete, or it is a
 * {@link StoreUnavailableException}: a query never runs on a partial view of the cluster.
 */
public final class InstanceDirectory {

    /** Any key will do: the rollup store has a single partition, so every key has the same owner. */
    private static final Long ROLLUP_KEY = 0L;
    private static final Serializer<Long> LONG_SERIALIZER = Serdes.Long().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String inputTopic;
    private final IntSupplier inputPartitionCount;

    /**
     * @param self                this instance's {@code application.server}
     * @param inputTopic          the snapshots topic, partitioned like {@code host-buckets}
     * @param inputPartitionCount how many partitions the snapshots topic has
     */
    public InstanceDirectory(KafkaStreams streams, HostInfo self, String inputTopic, IntSupplier inputPartitionCount) {
        this.streams = streams;
        this.self = self;
        this.inputTopic = inputTopic;
        this.inputPartitionCount = inputPartitionCount;
    }

    public HostInfo self() {
        return self;
    }

    public boolean isSelf(HostInfo instance) {
        return self.equals(instance);
    }

    /** The instance whose active task holds the {@code bucket-rollups} store: it computes every report. */
    public HostInfo rollupOwner() {
        requireRunning();
        KeyQueryMetadata metadata = streams.queryMetadataForKey(GpuLedgerTopology.BUCKET_ROLLUPS, ROLLUP_KEY,
                LONG_SERIALIZER);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw new StoreUnavailableException("no instance holds the bucket rollups right now");
        }
        return metadata.activeHost();
    }

    /**
     * Each instance holding {@code host-buckets} partitions as active tasks, with those partitions. Together they
     * cover every partition of the input topic exactly once, or this throws.
     */
    public Map<HostInfo, Set<Integer>> hostBucketHolders() {
        requireRunning();
        Collection<StreamsMetadata> all = streams.streamsMetadataForStore(GpuLedgerTopology.HOST_BUCKETS);
        Map<HostInfo, Set<Integer>> holders = new LinkedHashMap<>();
        Set<Integer> covered = new TreeSet<>();
        for (StreamsMetadata instance : all) {
            Set<Integer> partitions = inputPartitions(instance.topicPartitions());
            if (partitions.isEmpty()) {
                continue;
            }
            if (instance.hostInfo() == null || instance.hostInfo().port() < 0) {
                throw new StoreUnavailableException("an instance without an application.server holds host buckets");
            }
            for (int partition : partitions) {
                if (!covered.add(partition)) {
                    throw new StoreUnavailableException("partition " + partition + " of " + inputTopic
                            + " is claimed by two instances (rebalance in progress)");
                }
            }
            holders.put(instance.hostInfo(), partitions);
        }
        int expected = inputPartitionCount.getAsInt();
        if (covered.size() != expected) {
            Set<Integer> missing = new TreeSet<>();
            for (int partition = 0; partition < expected; partition++) {
                if (!covered.contains(partition)) {
                    missing.add(partition);
                }
            }
            throw new StoreUnavailableException("partitions " + missing + " of " + inputTopic
                    + " have no active instance right now");
        }
        return holders;
    }

    /** The input partitions this instance's own threads process as active tasks now. */
    public Set<Integer> localActivePartitions() {
        requireRunning();
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                partitions.addAll(inputPartitions(task.topicPartitions()));
            }
        }
        return partitions;
    }

    /** Throws unless this instance actively holds every partition in {@code expected}. */
    public void requireLocalPartitions(Set<Integer> expected) {
        Set<Integer> local = localActivePartitions();
        if (!local.containsAll(expected)) {
            Set<Integer> missing = new TreeSet<>(expected);
            missing.removeAll(local);
            throw new StoreUnavailableException("this instance no longer holds partitions " + missing + " of "
                    + inputTopic);
        }
    }

    private Set<Integer> inputPartitions(Set<TopicPartition> topicPartitions) {
        Set<Integer> partitions = new TreeSet<>();
        for (TopicPartition partition : topicPartitions) {
            if (partition.topic().equals(inputTopic)) {
                partitions.add(partition.partition());
            }
        }
        return partitions;
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("Kafka Streams is " + state);
        }
    }
}
