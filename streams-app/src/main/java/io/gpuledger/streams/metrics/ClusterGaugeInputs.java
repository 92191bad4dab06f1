package io.gpuledger.streams.metrics;

import io.gpuledger.streams.query.ClusterStores;
import io.gpuledger.streams.query.InstanceDirectory;
import io.gpuledger.streams.query.LocalStores;
import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.window.QueryConfig;

/**
 * {@link GaugeInputs} of an instance in a cluster: it owns the rollups when the Streams metadata says so, and a
 * window's edge buckets come from every instance through the report API's own fan-out.
 */
public final class ClusterGaugeInputs {

    private ClusterGaugeInputs() {
    }

    public static GaugeInputs of(InstanceDirectory directory, ClusterStores stores, LocalStores local,
                                 RollupSummaries summaries, QueryConfig defaults) {
        return new StoreGaugeInputs(
                () -> directory.isSelf(directory.rollupOwner()),
                local::rollups,
                stores::source,
                summaries,
                defaults);
    }
}
