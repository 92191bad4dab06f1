package io.gpuledger.streams.replay;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the service's processing is behind the input topic: a replay is done once what it sent has been processed
 * and rolled up, not when Kafka acknowledged it, so that its reports stop being partial only when they are complete.
 */
public interface ProcessingCatchUp {

    /** The input topic's end offsets now. */
    Map<TopicPartition, Long> inputEndOffsets() throws InterruptedException;

    /** Records up to {@code inputEndOffsets} (and of the rollup stage) not yet processed; 0 when caught up. */
    long recordsBehind(Map<TopicPartition, Long> inputEndOffsets) throws InterruptedException;
}
