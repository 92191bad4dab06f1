package io.gpuledger.streams.query;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The number of partitions of a topic, asked of the cluster and remembered for a while: partitions are added rarely,
 * and a query must know how many there are to tell a complete set of answers from a partial one.
 */
public final class PartitionCount implements IntSupplier {

    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Admin admin;
    private final String topic;
    private int count = -1;
    private long readAtNanos;

    public PartitionCount(Admin admin, String topic) {
        this.admin = admin;
        this.topic = topic;
    }

    @Override
    public synchronized int getAsInt() {
        if (count > 0 && System.nanoTime() - readAtNanos < KEEP_NANOS) {
            return count;
        }
        try {
            count = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
            readAtNanos = System.nanoTime();
            return count;
        } catch (ExecutionException | TimeoutException e) {
            if (count > 0) {
                return count;
            }
            throw new StoreUnavailableException("cannot read the partitions of " + topic + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while reading the partitions of " + topic);
        }
    }
}
