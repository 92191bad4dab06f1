package io.gpuledger.streams.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;

/**
 * Keeps the exposition clean under {@code promtool check metrics}: two of Micrometer's standard meters break
 * Prometheus naming (a nanosecond counter, and a gauge ending in {@code _count}, which reads as a summary's count).
 * Must be applied before any meter is registered.
 */
final class PrometheusLint {

    private PrometheusLint() {
    }

    static void apply(MeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                // system_cpu_count → system_cpus.
                return "system.cpu.count".equals(id.getName()) ? id.withName("system.cpus") : id;
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                // process_cpu_time_ns_total is replaced by process_cpu_seconds_total below.
                return "process.cpu.time".equals(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        });
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the JVM process")
                    .register(registry);
        }
    }
}
