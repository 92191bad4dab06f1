package io.gpuledger.streams.window;

import java.util.function.Consumer;

/**
 * Where a report reads its facts from (docs/architecture.md, "the report engine reads from a BucketReader"): the state stores in
 * the service, in-memory digests in tests. Implementations visit only buckets that hold at least one in-window row,
 * in time order, and may be visited more than once.
 */
public interface DigestSource {

    void forEachBucket(QueryWindow window, Consumer<BucketDigests> visitor);
}
