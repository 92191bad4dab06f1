package io.gpuledger.streams.metrics;

import io.gpuledger.streams.app.GpuLedgerService;
import io.gpuledger.streams.query.ClusterStores;
import io.gpuledger.streams.query.InstanceDirectory;

/**
 * {@link GaugeInputs} of an instance in a cluster: it owns the rollups when the Streams metadata says so, and a
 * window's edge buckets come from every instance through the report API's own fan-out.
 */
public final class ClusterGaugeInputs {

    private ClusterGaugeInputs() {
    }

    public static GaugeInputs of(GpuLedgerService service, InstanceDirectory directory, ClusterStores stores) {
        return new StoreGaugeInputs(
                () -> directory.isSelf(directory.rollupOwner()),
                service.stores()::rollups,
                stores::source,
                service.summaries(),
                service.defaultQueryConfig());
    }
}
