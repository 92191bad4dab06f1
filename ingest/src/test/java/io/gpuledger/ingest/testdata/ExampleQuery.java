package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The query a the rules worked example is evaluated with (rules §5.1 parameters plus the configuration rules §7 names).
 * Defaults are those of rules §7: default end, the shipped {@code chtc_owned} list and exclusions, {@code all-devices}
 * off, no host filter; {@code hours-back} 24.
 *
 * @param endTime    the {@code end-time} parameter, or null for the default (the latest snapshot, rules §3.1)
 * @param hoursBack  {@code hours-back}
 * @param chtcOwned  the CHTC-owned list in force (rules §2.2)
 * @param exclusions the host exclusions in force (rules §2.3)
 * @param allDevices {@code all-devices}
 * @param host       the {@code host} filter fragment, {@code ""} for none (rules §2.8)
 */
public record ExampleQuery(
        LocalDateTime endTime,
        int hoursBack,
        ChtcOwnedList chtcOwned,
        HostExclusions exclusions,
        boolean allDevices,
        String host) {

    public ExampleQuery {
        Objects.requireNonNull(chtcOwned, "chtcOwned");
        Objects.requireNonNull(exclusions, "exclusions");
        Objects.requireNonNull(host, "host");
    }

    /** rules §7's defaults with {@code hours-back} 24. */
    public static ExampleQuery defaults() {
        return new ExampleQuery(null, 24, ChtcOwnedList.shippedDefault(), HostExclusions.shippedDefault(), false, "");
    }

    /** An {@code end-time} in the stored text form, e.g. {@code 2026-05-15 10:30:00}. */
    public ExampleQuery withEndTime(String text) {
        return new ExampleQuery(SnapshotTime.parse(text), hoursBack, chtcOwned, exclusions, allDevices, host);
    }

    public ExampleQuery withHoursBack(int hours) {
        return new ExampleQuery(endTime, hours, chtcOwned, exclusions, allDevices, host);
    }

    public ExampleQuery withChtcOwned(ChtcOwnedList list) {
        return new ExampleQuery(endTime, hoursBack, list, exclusions, allDevices, host);
    }

    public ExampleQuery withExclusions(HostExclusions hostExclusions) {
        return new ExampleQuery(endTime, hoursBack, chtcOwned, hostExclusions, allDevices, host);
    }

    public ExampleQuery withAllDevices(boolean on) {
        return new ExampleQuery(endTime, hoursBack, chtcOwned, exclusions, on, host);
    }

    public ExampleQuery withHost(String fragment) {
        return new ExampleQuery(endTime, hoursBack, chtcOwned, exclusions, allDevices, fragment);
    }

    public HostFilter hostFilter() {
        return new HostFilter(host);
    }

    /** {@code end-time} as a rules §5.1 parameter value ({@code YYYY-MM-DD HH:MM:SS[.ffffff]}), or null for default. */
    public String endTimeParameter() {
        if (endTime == null) {
            return null;
        }
        return endTime.getNano() == 0 ? SnapshotTime.formatSeconds(endTime) : SnapshotTime.format(endTime);
    }
}
