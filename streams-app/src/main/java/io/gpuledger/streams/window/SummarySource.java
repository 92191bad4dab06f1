package io.gpuledger.streams.window;

import java.util.function.Consumer;

/**
 * A window's {@link BucketSummary}s under a configuration, in time order. The service answers from summaries it keeps
 * for its configured default; anything else summarises digests as it goes.
 */
public interface SummarySource {

    /**
     * @param legacySets whether summaries must carry per-machine legacy sets (time series wider than 15 minutes)
     */
    void forEachSummary(QueryWindow window, QueryConfig config, boolean legacySets, Consumer<BucketSummary> visitor);

    /** Summaries computed from a digest source, bucket by bucket. */
    static SummarySource of(DigestSource digests) {
        return (window, config, legacySets, visitor) -> {
            BucketSummarizer summarizer = new BucketSummarizer(config, legacySets);
            digests.forEachBucket(window, bucket -> {
                BucketSummary summary = summarizer.summarize(bucket.bucketStartMicros(), bucket.digests());
                if (summary != null) {
                    visitor.accept(summary);
                }
            });
        };
    }
}
