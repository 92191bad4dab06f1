package io.gpuledger.streams.topology;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * What the topology needs to know: where snapshots come from and how long history is kept.
 *
 * @param inputTopic the snapshots topic ({@code gpu.host-snapshots})
 * @param history    how far back a snapshot may still be merged and how long buckets are kept (grace and
 *                   retention of the windowed store; rules §8: a fiscal year plus a month, at least 400 days)
 * @param rollupUpdated called with a bucket start after its rollup was written (in-memory summaries listen)
 */
public record TopologySettings(String inputTopic, Duration history, LongConsumer rollupUpdated) {

    public static final String DEFAULT_TOPIC = "gpu.host-snapshots";
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(400);

    public TopologySettings(String inputTopic, Duration history) {
        this(inputTopic, history, bucketStart -> { });
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_TOPIC, DEFAULT_HISTORY);
    }
}
