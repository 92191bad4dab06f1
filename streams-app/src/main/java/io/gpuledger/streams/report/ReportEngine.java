package io.gpuledger.streams.report;

import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.classify.LegacyClass;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.window.DigestSource;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.QueryWindow;
import io.gpuledger.streams.window.SummarySource;
import io.gpuledger.streams.window.WindowFacts;
import io.gpuledger.streams.window.WindowFold;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reports as pure functions of stored facts and query-time configuration (docs/architecture.md): fold the window's digests,
 * then lay out the rules §4 sections. Runtime and generation time are left for the caller to stamp.
 */
public final class ReportEngine {

    public static final String NO_DATA = "No data found in the specified time range.";

    private ReportEngine() {
    }

    /** rules §4.2-4.10 over {@code window}. */
    public static AllocationReport allocation(DigestSource source, QueryWindow window, QueryConfig config) {
        return allocation(SummarySource.of(source), window, config);
    }

    public static AllocationReport allocation(SummarySource source, QueryWindow window, QueryConfig config) {
        return allocation(source, window, window, config);
    }

    /**
     * An allocation report whose ResearcherMachines come from {@code researcherWindow} (the metrics' one-bucket
     * gauges judge ownership over the last 24 hours, architecture §3).
     */
    public static AllocationReport allocation(SummarySource source, QueryWindow window, QueryWindow researcherWindow,
                                              QueryConfig config) {
        WindowFacts facts = WindowFold.fold(source, window, researcherWindow, config, 0);
        if (facts.isEmpty()) {
            throw new NoDataException(NO_DATA);
        }
        ReportSections sections = new ReportSections(facts);
        return new AllocationReport(
                "allocation",
                sections.metadata(window.hoursBack()),
                sections.deviceStatsJson(),
                sections.memoryStatsJson(),
                sections.userTable(facts.h200Users(), window.hoursBack(), false),
                sections.userTable(facts.backfillUsers(), window.hoursBack(), true),
                sections.zeroActive(),
                sections.draining(),
                sections.preventJobs(),
                sections.realSlots(),
                sections.memoryTable(),
                sections.deviceTables(),
                sections.subjectPercentages());
    }

    /** The month's window: {@code [M-01 00:00:00, first day of M+1 00:00:00]}, both ends inclusive (rules §4.11). */
    public static QueryWindow monthWindow(YearMonth month) {
        LocalDateTime start = month.atDay(1).atStartOfDay();
        LocalDateTime end = month.plusMonths(1).atDay(1).atStartOfDay();
        return QueryWindow.between(start, end, month.lengthOfMonth() * 24L);
    }

    /**
     * How close to a month's end its latest snapshot must be for the month to count as complete: a collector run
     * every 5 minutes leaves the last snapshot a few minutes before midnight, a replay that stopped mid-month does not.
     */
    public static final java.time.Duration COMPLETE_MONTH_SLACK = java.time.Duration.ofHours(1);

    /**
     * The monthly report's default month ("last month" on the page): the newest month the history holds completely,
     * i.e. {@code latest}'s own month when {@code latest} is within {@link #COMPLETE_MONTH_SLACK} of its end, else the
     * month before.
     */
    public static YearMonth newestCompleteMonth(LocalDateTime latest) {
        YearMonth month = YearMonth.from(latest);
        LocalDateTime monthEnd = month.plusMonths(1).atDay(1).atStartOfDay();
        return latest.plus(COMPLETE_MONTH_SLACK).isBefore(monthEnd) ? month.minusMonths(1) : month;
    }

    /** {@code May 2026}. */
    public static String monthLabel(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    /** rules §4.11: no host filter; old devices filtered unless {@code allDevices}; exclusions applied. */
    public static MonthlyReport monthly(DigestSource source, YearMonth month, QueryConfig config) {
        return monthly(SummarySource.of(source), month, config);
    }

    public static MonthlyReport monthly(SummarySource source, YearMonth month, QueryConfig config) {
        QueryWindow window = monthWindow(month);
        long totalHours = window.hoursBack();
        String label = monthLabel(month);
        String startDate = SnapshotTime.formatSeconds(month.atDay(1).atStartOfDay());
        String endDate = SnapshotTime.formatSeconds(month.atEndOfMonth().atTime(23, 59, 59));
        WindowFacts facts = WindowFold.fold(source, window, config.withHostFilter(HostFilter.NONE), 0);
        if (facts.isEmpty()) {
            throw new NoDataException("No data found for " + label, label, startDate, endDate, totalHours);
        }
        ReportSections sections = new ReportSections(facts);
        ReportMetadata metadata = sections.metadata(totalHours);
        return new MonthlyReport(
                "monthly", label, startDate, endDate, totalHours,
                metadata,
                sections.deviceStatsJson(),
                sections.memoryStatsJson(),
                sections.userTable(facts.h200Users(), totalHours, false),
                new MonthlyReport.DataCoverage(metadata.startTime(), metadata.endTime(), facts.totalRecords(),
                        facts.buckets().size()),
                sections.draining(),
                sections.preventJobs(),
                sections.realSlots(),
                sections.memoryTable(),
                sections.deviceTables());
    }

    /** rules §4.13: legacy classes after exclusions and the host filter, no device filter. */
    public static TimeSeriesReport timeSeries(DigestSource source, QueryWindow window, QueryConfig config,
                                              int bucketMinutes) {
        return timeSeries(SummarySource.of(source), window, config, bucketMinutes);
    }

    public static TimeSeriesReport timeSeries(SummarySource source, QueryWindow window, QueryConfig config,
                                              int bucketMinutes) {
        WindowFacts facts = WindowFold.fold(source, window, config, bucketMinutes);
        if (facts.isEmpty()) {
            throw new NoDataException(NO_DATA);
        }
        int priority = LegacyClass.PRIORITY.ordinal();
        int shared = LegacyClass.SHARED.ordinal();
        int backfill = LegacyClass.BACKFILL.ordinal();
        List<TimeSeriesReport.Row> rows = new ArrayList<>();
        for (WindowFacts.TimeSeriesPoint point : facts.timeSeries()) {
            int[] claimed = point.claimed();
            int[] total = point.total();
            rows.add(new TimeSeriesReport.Row(
                    SnapshotTime.formatSeconds(SnapshotTime.fromMicros(point.bucketStartMicros())),
                    claimed[priority], total[priority], Percent.of(claimed[priority], total[priority]),
                    claimed[shared], total[shared], Percent.of(claimed[shared], total[shared]),
                    claimed[backfill], total[backfill], Percent.of(claimed[backfill], total[backfill])));
        }
        return new TimeSeriesReport("timeseries", new ReportSections(facts).metadata(window.hoursBack()),
                bucketMinutes, List.copyOf(rows));
    }
}
