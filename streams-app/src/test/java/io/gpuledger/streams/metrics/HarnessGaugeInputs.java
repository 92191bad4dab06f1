package io.gpuledger.streams.metrics;

import io.gpuledger.streams.query.EdgeDigests;
import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;

/** Gauge inputs over the real topology in a TopologyTestDriver: one instance, the owner of everything. */
final class HarnessGaugeInputs {

    private HarnessGaugeInputs() {
    }

    static StoreGaugeInputs of(TopologyHarness harness, QueryConfig config) {
        return new StoreGaugeInputs(() -> true, harness::rollups,
                bucket -> EdgeDigests.local(harness.machines(), harness.hostBuckets(), bucket,
                        BucketWindows.bucket(bucket)),
                new RollupSummaries(config), config);
    }
}
