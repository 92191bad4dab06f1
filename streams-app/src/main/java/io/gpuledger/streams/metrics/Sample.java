package io.gpuledger.streams.metrics;

import java.util.List;

/**
 * One value of one series: a family, its label values (aligned with {@link GaugeFamily#labelNames()}) and the value.
 */
public record Sample(GaugeFamily family, List<String> labelValues, double value) {

    public Sample {
        labelValues = List.copyOf(labelValues);
        if (labelValues.size() != family.labelNames().size()) {
            throw new IllegalArgumentException(family.prometheusName() + " takes labels " + family.labelNames()
                    + ", got " + labelValues);
        }
    }
}
