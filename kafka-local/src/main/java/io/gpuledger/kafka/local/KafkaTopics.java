package io.gpuledger.kafka.local;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waiting for new topics to take writes. A created topic is described with leaders before the broker has applied the
 * leadership; a producer writing in that gap can get NOT_LEADER_OR_FOLLOWER and, with idempotence, then an
 * out-of-order sequence it never recovers from (seen here on a loaded 2-core machine). Asking every partition's
 * leader for its end offset succeeds only once the leader serves.
 */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** Returns once every partition of {@code topics} answers its leader's end offset; bounded by {@code timeout}. */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        long pauseMillis = 20;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                descriptions.forEach((name, description) -> description.partitions()
                        .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaLocalException("interrupted while waiting for leaders of " + topics, e);
            }
            // A bounded back-off between metadata round trips while the broker applies leadership.
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaLocalException("interrupted while waiting for leaders of " + topics, e);
            }
            pauseMillis = Math.min(500, pauseMillis * 2);
        }
        throw new KafkaLocalException("partitions of " + topics + " have no serving leader after " + timeout
                + (last == null ? "" : ": " + last.getMessage()));
    }
}
