package io.gpuledger.streams.window;

import io.gpuledger.streams.digest.MachineDigest;
import io.gpuledger.streams.digest.MachineDigestCodec;
import java.util.List;

/**
 * The digests of one bucket, restricted to in-window snapshots. Headers are cheap; full digests are decoded only when
 * asked for, so a pass that needs only researcher flags stays cheap.
 */
public interface BucketDigests {

    long bucketStartMicros();

    List<MachineDigestCodec.Header> headers();

    List<MachineDigest> digests();

    /** Digests already in memory (edge buckets, tests). */
    static BucketDigests of(long bucketStartMicros, List<MachineDigest> digests) {
        List<MachineDigest> copy = List.copyOf(digests);
        return new BucketDigests() {
            @Override
            public long bucketStartMicros() {
                return bucketStartMicros;
            }

            @Override
            public List<MachineDigestCodec.Header> headers() {
                return copy.stream().map(d -> new MachineDigestCodec.Header(d.machine(), d.bucketStartMicros(),
                        d.rowCount(), d.firstTimestamp(), d.lastTimestamp(), d.researcherRow(), d.h200Row(),
                        d.nonOldRow())).toList();
            }

            @Override
            public List<MachineDigest> digests() {
                return copy;
            }
        };
    }
}
