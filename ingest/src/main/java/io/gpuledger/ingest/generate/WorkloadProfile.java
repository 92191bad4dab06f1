package io.gpuledger.ingest.generate;

/**
 * How busy a machine is and which incidents it sees. Rates are per machine; the simulation turns them into per-snapshot
 * probabilities, so the same profile behaves alike at a 5- and a 15-minute cadence.
 *
 * @param primaryUtilisation  share of time a GPU runs a primary job while the owners are active (0–0.95)
 * @param backfillUtilisation share of primary-idle time a GPU runs a backfill job (0–0.95)
 * @param meanActiveHours     mean length of a stretch in which primary jobs arrive
 * @param meanDormantHours    mean length of a stretch without new primary jobs: long ones make zero-active machines
 *                            (rules §4.7)
 * @param startsDormant       the first stretch is a dormant one
 * @param drainEveryDays      mean days between drains (rules §4.8); 0 = never
 * @param preventEveryDays    mean days between {@code PreventJobsReason} periods (rules §4.9); 0 = never
 * @param ownerEveryDays      mean days between periods in which the p-slot is {@code Owner}; 0 = never
 * @param firstDrainHour      hour of the run at which a first drain starts, or -1: puts incidents in short runs
 * @param firstPreventHour    hour of the run at which a first prevented period starts, or -1
 * @param firstOwnerHour      hour of the run at which a first {@code Owner} period starts, or -1
 */
public record WorkloadProfile(
        double primaryUtilisation,
        double backfillUtilisation,
        double meanActiveHours,
        double meanDormantHours,
        boolean startsDormant,
        double drainEveryDays,
        double preventEveryDays,
        double ownerEveryDays,
        int firstDrainHour,
        int firstPreventHour,
        int firstOwnerHour) {

    /** A profile without scripted first incidents. */
    public WorkloadProfile(double primaryUtilisation, double backfillUtilisation, double meanActiveHours,
            double meanDormantHours, boolean startsDormant, double drainEveryDays, double preventEveryDays,
            double ownerEveryDays) {
        this(primaryUtilisation, backfillUtilisation, meanActiveHours, meanDormantHours, startsDormant, drainEveryDays,
                preventEveryDays, ownerEveryDays, -1, -1, -1);
    }

    public WorkloadProfile withFirstDrainHour(int hour) {
        return new WorkloadProfile(primaryUtilisation, backfillUtilisation, meanActiveHours, meanDormantHours,
                startsDormant, drainEveryDays, preventEveryDays, ownerEveryDays, hour, firstPreventHour, firstOwnerHour);
    }

    public WorkloadProfile withFirstPreventHour(int hour) {
        return new WorkloadProfile(primaryUtilisation, backfillUtilisation, meanActiveHours, meanDormantHours,
                startsDormant, drainEveryDays, preventEveryDays, ownerEveryDays, firstDrainHour, hour, firstOwnerHour);
    }

    public WorkloadProfile withFirstOwnerHour(int hour) {
        return new WorkloadProfile(primaryUtilisation, backfillUtilisation, meanActiveHours, meanDormantHours,
                startsDormant, drainEveryDays, preventEveryDays, ownerEveryDays, firstDrainHour, firstPreventHour, hour);
    }

    public WorkloadProfile withPreventEveryDays(double days) {
        return new WorkloadProfile(primaryUtilisation, backfillUtilisation, meanActiveHours, meanDormantHours,
                startsDormant, drainEveryDays, days, ownerEveryDays, firstDrainHour, firstPreventHour, firstOwnerHour);
    }

    public WorkloadProfile withOwnerEveryDays(double days) {
        return new WorkloadProfile(primaryUtilisation, backfillUtilisation, meanActiveHours, meanDormantHours,
                startsDormant, drainEveryDays, preventEveryDays, days, firstDrainHour, firstPreventHour, firstOwnerHour);
    }
}
