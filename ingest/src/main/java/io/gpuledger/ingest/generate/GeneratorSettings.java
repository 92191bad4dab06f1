package io.gpuledger.ingest.generate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: the time span, the pool size, the cadence and the seed. Equal settings give byte-identical row
 * content.
 *
 * @param start           first day; snapshots start at its midnight
 * @param days            number of days covered
 * @param hosts           number of machines in the pool
 * @param intervalMinutes collector cadence; divides 60 (5 today, 15 until mid-2025)
 * @param seed            seed of every random choice
 * @param clockZone       the collector's wall clock. {@link ZoneOffset#UTC} (the default) is a clock without DST, so
 *                        timestamps never go back; {@code America/Chicago} reproduces the repeated fall-back hour and the
 *                        skipped spring-forward hour of the real files (rules §1.6)
 * @param cornerMachines  replace a few ordinary machines by ones that reach the class rule's rare branches: a
 *                        CHTC-listed host publishing PP {@code ""}, a NULL-PP and an open-capacity machine with an
 *                        old and a current device model, each with early prevented, {@code Owner} and drain periods
 *                        (for tests that must see every branch; off by default, so default data stays as it was)
 */
public record GeneratorSettings(LocalDate start, int days, int hosts, int intervalMinutes, long seed, ZoneId clockZone,
                                boolean cornerMachines) {

    public static final LocalDate DEFAULT_START = LocalDate.of(2025, 10, 1);
    public static final int DEFAULT_DAYS = 61;
    public static final int DEFAULT_HOSTS = 120;
    public static final int DEFAULT_INTERVAL_MINUTES = 5;
    public static final long DEFAULT_SEED = 42;

    /** Keeps one run within what a laptop can hold on disk (~1 GB a month at 120 hosts). */
    public static final int MAX_DAYS = 3_660;
    public static final int MAX_HOSTS = 5_000;

    public GeneratorSettings {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(clockZone, "clockZone");
    }

    public GeneratorSettings(LocalDate start, int days, int hosts, int intervalMinutes, long seed) {
        this(start, days, hosts, intervalMinutes, seed, ZoneOffset.UTC);
    }

    public GeneratorSettings(LocalDate start, int days, int hosts, int intervalMinutes, long seed, ZoneId clockZone) {
        this(start, days, hosts, intervalMinutes, seed, clockZone, false);
    }

    public static GeneratorSettings defaults() {
        return new GeneratorSettings(DEFAULT_START, DEFAULT_DAYS, DEFAULT_HOSTS, DEFAULT_INTERVAL_MINUTES, DEFAULT_SEED);
    }

    /** A small pool for tests: {@code hosts} machines over {@code days} days from the default start. */
    public static GeneratorSettings small(int hosts, int days, long seed) {
        return new GeneratorSettings(DEFAULT_START, days, hosts, DEFAULT_INTERVAL_MINUTES, seed);
    }

    public GeneratorSettings withStart(LocalDate newStart) {
        return new GeneratorSettings(newStart, days, hosts, intervalMinutes, seed, clockZone, cornerMachines);
    }

    public GeneratorSettings withDays(int newDays) {
        return new GeneratorSettings(start, newDays, hosts, intervalMinutes, seed, clockZone, cornerMachines);
    }

    public GeneratorSettings withHosts(int newHosts) {
        return new GeneratorSettings(start, days, newHosts, intervalMinutes, seed, clockZone, cornerMachines);
    }

    public GeneratorSettings withIntervalMinutes(int newIntervalMinutes) {
        return new GeneratorSettings(start, days, hosts, newIntervalMinutes, seed, clockZone, cornerMachines);
    }

    public GeneratorSettings withSeed(long newSeed) {
        return new GeneratorSettings(start, days, hosts, intervalMinutes, newSeed, clockZone, cornerMachines);
    }

    public GeneratorSettings withClockZone(ZoneId newClockZone) {
        return new GeneratorSettings(start, days, hosts, intervalMinutes, seed, newClockZone, cornerMachines);
    }

    public GeneratorSettings withCornerMachines(boolean newCornerMachines) {
        return new GeneratorSettings(start, days, hosts, intervalMinutes, seed, clockZone, newCornerMachines);
    }

    /**
     * Checks the values a person can get wrong.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad value
     */
    public GeneratorSettings validate() {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("--days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("--hosts must be between 1 and " + MAX_HOSTS + ", got " + hosts);
        }
        if (intervalMinutes < 1 || intervalMinutes > 60 || 60 % intervalMinutes != 0) {
            throw new IllegalArgumentException(
                    "--interval-minutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got " + intervalMinutes);
        }
        return this;
    }

    /** Nominal snapshot slots in the span (a DST day has one more or one less hour); outages skip some of them. */
    public long snapshotSlots() {
        return (long) days * 24 * 60 / intervalMinutes;
    }

    /** The months whose files the span writes to: every timestamp lies in {@code [start, start + days)}. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        YearMonth last = YearMonth.from(start.plusDays(days - 1L));
        for (YearMonth month = YearMonth.from(start); !month.isAfter(last); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }
}
