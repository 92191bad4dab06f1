package io.gpuledger.streams.app;

import io.gpuledger.streams.replay.ProcessingCatchUp;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.topology.GpuLedgerTopology;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health/ready} (architecture §3): ready when Kafka Streams runs, and processing has caught up with the input
 * topic's end offsets as of startup (after the startup replay, when there is one) and with everything the first
 * stage has passed on to the rollups. A script can wait for it and then query complete numbers.
 */
public final class Readiness implements ProcessingCatchUp {

    private static final Duration CACHE = Duration.ofMillis(500);

    private final Admin admin;
    private final KafkaStreams streams;
    private final String applicationId;
    private final String inputTopic;
    private volatile Map<TopicPartition, Long> targetInputOffsets;
    private volatile boolean replayPending;
    private volatile boolean caughtUp;
    private volatile String reason = "starting";
    private volatile long checkedAtNanos;

    public Readiness(Admin admin, KafkaStreams streams, String applicationId, String inputTopic) {
        this.admin = admin;
        this.streams = streams;
        this.applicationId = applicationId;
        this.inputTopic = inputTopic;
    }

    /** A replay runs at startup: not ready before it has been produced and processed. */
    public void replayStarted() {
        replayPending = true;
    }

    /** Records the input end offsets that must be processed before the service is ready. */
    public void captureTargets() throws InterruptedException {
        try {
            targetInputOffsets = endOffsets(inputTopic);
            replayPending = false;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + inputTopic + ": " + e.getMessage(), e);
        }
    }

    public boolean isReady() {
        refresh();
        return caughtUp;
    }

    /** Whether reports computed now can be complete, and if not why (reports carry it in their metadata). */
    public Completeness completeness() {
        return isReady() ? Completeness.COMPLETE : Completeness.partial(reason());
    }

    /** Why the service is not ready, for the health endpoint. */
    public String reason() {
        refresh();
        return caughtUp ? "ready" : reason;
    }

    private synchronized void refresh() {
        if (caughtUp || System.nanoTime() - checkedAtNanos < CACHE.toNanos()) {
            return;
        }
        checkedAtNanos = System.nanoTime();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            reason = "Kafka Streams is " + streams.state();
            return;
        }
        if (replayPending) {
            reason = "startup replay in progress";
            return;
        }
        Map<TopicPartition, Long> targets = targetInputOffsets;
        if (targets == null) {
            reason = "waiting for input offsets";
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long behind = lag(targets, committed);
            if (behind > 0) {
                reason = "processing snapshots: " + behind + " records behind";
                return;
            }
            String repartition = applicationId + "-" + GpuLedgerTopology.BUCKET_DIGESTS_TOPIC_NAME + "-repartition";
            long rollupBehind = lag(endOffsets(repartition), committed);
            if (rollupBehind > 0) {
                reason = "rolling up buckets: " + rollupBehind + " records behind";
                return;
            }
            caughtUp = true;
        } catch (ExecutionException | TimeoutException e) {
            reason = "cannot read offsets: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        }
    }

    @Override
    public Map<TopicPartition, Long> inputEndOffsets() throws InterruptedException {
        try {
            return endOffsets(inputTopic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + inputTopic + ": " + e.getMessage(), e);
        }
    }

    /** The same two lags as readiness: the input up to {@code inputEndOffsets}, then the rollup stage's. */
    @Override
    public long recordsBehind(Map<TopicPartition, Long> inputEndOffsets) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long behind = lag(inputEndOffsets, committed);
            if (behind > 0) {
                return behind;
            }
            String repartition = applicationId + "-" + GpuLedgerTopology.BUCKET_DIGESTS_TOPIC_NAME + "-repartition";
            return lag(endOffsets(repartition), committed);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + applicationId + ": " + e.getMessage(), e);
        }
    }

    private static long lag(Map<TopicPartition, Long> targets, Map<TopicPartition, OffsetAndMetadata> committed) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata done = committed.get(target.getKey());
            long position = done == null ? 0 : done.offset();
            behind += Math.max(0, target.getValue() - position);
        }
        return behind;
    }

    private Map<TopicPartition, Long> endOffsets(String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
