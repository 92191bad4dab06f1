package io.gpuledger.streams.metrics;

import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;

/** Gauge inputs over the real topology in a TopologyTestDriver: one instance, the owner of everything. */
final class HarnessGaugeInputs {

    private HarnessGaugeInputs() {
    }

    static StoreGaugeInputs of(TopologyHarness harness, QueryConfig config) {
        RollupSummaries summaries = new RollupSummaries(config);
        return new StoreGaugeInputs(() -> true, harness::rollups,
                StoreGaugeInputs.localWindowSources(harness::machines, harness::hostBuckets, harness::rollups,
                        summaries),
                summaries, config);
    }
}
