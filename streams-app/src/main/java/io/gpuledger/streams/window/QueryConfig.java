package io.gpuledger.streams.window;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.classify.HostFilter;

/**
 * The configuration a report applies at query time (rules §2.2, 2.3, 2.7, 2.8); none of it is stored in aggregates.
 *
 * @param chtcOwned   CHTC-owned machines
 * @param exclusions  host exclusion patterns
 * @param hostFilter  the {@code host} parameter
 * @param allDevices  keep old devices in the tables that otherwise drop them
 */
public record QueryConfig(ChtcOwnedList chtcOwned, HostExclusions exclusions, HostFilter hostFilter,
                          boolean allDevices) {

    public static QueryConfig defaults() {
        return new QueryConfig(ChtcOwnedList.shippedDefault(), HostExclusions.shippedDefault(), HostFilter.NONE, false);
    }

    public QueryConfig withHostFilter(HostFilter filter) {
        return new QueryConfig(chtcOwned, exclusions, filter, allDevices);
    }

    public QueryConfig withAllDevices(boolean all) {
        return new QueryConfig(chtcOwned, exclusions, hostFilter, all);
    }

    public QueryConfig withExclusions(HostExclusions replaced) {
        return new QueryConfig(chtcOwned, replaced, hostFilter, allDevices);
    }

    public QueryConfig withChtcOwned(ChtcOwnedList list) {
        return new QueryConfig(list, exclusions, hostFilter, allDevices);
    }
}
