package io.gpuledger.streams.http;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.query.ReportQuery;

/**
 * What the report page shows, as the user asked for it (null = not given), so that its links and form can mark the
 * current view and be prefilled.
 *
 * @param type       {@code allocation}, {@code monthly} or {@code timeseries}
 * @param hoursBack  window length of allocation and time series
 * @param endTime    {@code end-time} as given, or null
 * @param host       host filter, {@code ""} for none
 * @param allDevices whether old devices are shown
 * @param month      {@code YYYY-MM} for monthly, or null
 */
public record PageSelection(String type, Long hoursBack, String endTime, String host, boolean allDevices,
                            String month) {

    public static PageSelection of(ReportQuery query) {
        return new PageSelection(query.type().id(), (long) query.hoursBack(),
                query.endTime() == null ? null : SnapshotTime.formatSeconds(query.endTime()), query.host(),
                query.allDevices(), query.month() == null ? null : query.month().toString());
    }
}
