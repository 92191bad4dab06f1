package io.gpuledger.streams.report;

import java.util.List;
import java.util.Map;

/** GPU Draining Status (rules §4.8). */
public record DrainingStats(boolean hasDraining, int numHosts, int numUniqueGpus, int numIntervals,
                            double totalHours, Map<String, HostDraining> perHost, List<Interval> intervals) {

    public record HostDraining(int numGpus, int numIntervals, double totalHours) {
    }

    public record Interval(String machine, String gpu, String start, String end, double hours) {
    }
}
