package io.gpuledger.streams.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the exposition clean under {@code promtool check metrics}. Some standard meters break Prometheus naming:
 * Micrometer's nanosecond process counter and {@code system.cpu.count} (a gauge ending in {@code _count} reads as a
 * summary's count), and Kafka client metrics with abbreviated units ({@code io-time-ns-total},
 * {@code start-time-ms}), {@code *-count} gauges and empty descriptions. A filter cannot rescale values, so the
 * abbreviated-unit Kafka meters (I/O and wait times, never on a dashboard) are dropped rather than mislabelled;
 * {@code x.count} gauges become {@code xs}; empty descriptions name the Kafka metric. Must be applied before any
 * meter is registered.
 */
final class PrometheusLint {

    private static final List<String> ABBREVIATED_UNITS = List.of("ns", "ms");

    private PrometheusLint() {
    }

    static void apply(MeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                // process_cpu_time_ns_total is replaced by process_cpu_seconds_total below.
                if ("process.cpu.time".equals(id.getName())) {
                    return MeterFilterReply.DENY;
                }
                if (isKafka(id) && Arrays.stream(id.getName().split("\\.")).anyMatch(ABBREVIATED_UNITS::contains)) {
                    return MeterFilterReply.DENY;
                }
                return MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName();
                if ("system.cpu.count".equals(name)) {
                    return id.withName("system.cpus");
                }
                if (!isKafka(id)) {
                    return id;
                }
                if (id.getType() == Meter.Type.GAUGE && name.endsWith(".count")) {
                    name = name.substring(0, name.length() - ".count".length()) + "s";
                }
                String description = id.getDescription();
                if (description == null || description.isBlank()) {
                    description = "Kafka client metric " + id.getName();
                }
                return new Meter.Id(name, io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), description, id.getType());
            }
        });
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the JVM process")
                    .register(registry);
        }
    }

    private static boolean isKafka(Meter.Id id) {
        return id.getName().startsWith("kafka.");
    }
}
