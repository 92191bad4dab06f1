package io.gpuledger.streams.metrics;

import io.gpuledger.streams.app.GpuLedgerService;
import io.gpuledger.streams.query.LocalStores;
import io.gpuledger.streams.query.StoreUnavailableException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** {@link GaugeInputs} of a running service. */
public final class ServiceGaugeInputs {

    private ServiceGaugeInputs() {
    }

    /**
     * Inputs from this instance's stores only: exact when this instance holds every partition (a single instance).
     * With several instances the HTTP layer supplies the other instances' host-bucket digests instead.
     */
    public static GaugeInputs local(GpuLedgerService service) {
        LocalStores stores = service.stores();
        return new StoreGaugeInputs(
                () -> ownsRollups(stores),
                stores::rollups,
                StoreGaugeInputs.localWindowSources(stores::machines, stores::hostBuckets, stores::rollups,
                        service.summaries()),
                service.summaries(),
                service.defaultQueryConfig());
    }

    /** The rollup store is single-partition: it is queryable here exactly when this instance owns it. */
    static boolean ownsRollups(LocalStores stores) {
        try {
            stores.rollups().approximateNumEntries();
            return true;
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            return false;
        }
    }
}
