package io.gpuledger.streams.query;

import io.gpuledger.ingest.classify.HostExclusions;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * A validated report request (rules §5.1), independent of how it arrived and how it will be rendered. Parameters that
 * do not apply to {@link #type} hold their defaults.
 *
 * @param endTime       {@code end-time}, or null for the default (the latest snapshot, rules §3.1)
 * @param host          {@code host}, {@code ""} for no filter
 * @param exclusions    {@code exclude-hosts} given inline, or null for the configured exclusions
 * @param month         {@code month}, or null for the month before the end's month
 * @param snapshotTime  {@code snapshot-time} (GPU model snapshot only)
 * @param gpuModel      {@code gpu-model}, or null for the model listing
 */
public record ReportQuery(ReportType type, int hoursBack, LocalDateTime endTime, String host, boolean allDevices,
                          HostExclusions exclusions, YearMonth month, LocalDateTime snapshotTime, int windowMinutes,
                          String gpuModel, int bucketMinutes) {

    public static final int DEFAULT_HOURS_BACK = 24;
    public static final int DEFAULT_WINDOW_MINUTES = 5;
    public static final int DEFAULT_BUCKET_MINUTES = 15;

    /** The last {@code hoursBack} hours up to the latest snapshot, with the service's configuration. */
    public static ReportQuery allocation(int hoursBack) {
        return new ReportQuery(ReportType.ALLOCATION, hoursBack, null, "", false, null, null, null,
                DEFAULT_WINDOW_MINUTES, null, DEFAULT_BUCKET_MINUTES);
    }

    /** The monthly summary of {@code month}, with the service's configuration. */
    public static ReportQuery monthly(YearMonth month) {
        return new ReportQuery(ReportType.MONTHLY, DEFAULT_HOURS_BACK, null, "", false, null, month, null,
                DEFAULT_WINDOW_MINUTES, null, DEFAULT_BUCKET_MINUTES);
    }

    public ReportQuery withType(ReportType other) {
        return new ReportQuery(other, hoursBack, endTime, host, allDevices, exclusions, month, snapshotTime,
                windowMinutes, gpuModel, bucketMinutes);
    }

    public ReportQuery withBucketMinutes(int minutes) {
        return new ReportQuery(type, hoursBack, endTime, host, allDevices, exclusions, month, snapshotTime,
                windowMinutes, gpuModel, minutes);
    }
}
