package io.gpuledger.streams.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Prometheus registry and everything in it: JVM meters, Kafka Streams client meters, HTTP request
 * timers, replay progress, and (on the rollup owner) the allocation gauges. The HTTP layer calls {@link #scrape} for
 * {@code /metrics} and {@link #recordRequest} once per answered request.
 */
public final class GpuLedgerMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GpuLedgerMetrics.class);

    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** Kafka Streams meters appear with tasks and stores; Micrometer rescans for them at this period. */
    public static final Duration KAFKA_STREAMS_REFRESH = Duration.ofSeconds(5);

    /** How long computed allocation gauges are served before a scrape recomputes them. */
    public static final Duration ALLOCATION_MAX_AGE = Duration.ofSeconds(10);

    /** A scrape's answer. */
    public record Scrape(String contentType, byte[] body) {
    }

    private final PrometheusMeterRegistry registry;
    private final ReplayMeters replay;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ScheduledExecutorService kafkaMetricsScheduler;
    private volatile AllocationGauges allocation;

    private GpuLedgerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.replay = new ReplayMeters(registry);
    }

    /** A registry with the JVM and process meters bound. */
    public static GpuLedgerMetrics create() {
        GpuLedgerMetrics metrics = new GpuLedgerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        PrometheusLint.apply(metrics.registry);
        new ClassLoaderMetrics().bindTo(metrics.registry);
        new JvmMemoryMetrics().bindTo(metrics.registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics.registry);
        metrics.closeables.add(gc);
        new JvmThreadMetrics().bindTo(metrics.registry);
        new JvmInfoMetrics().bindTo(metrics.registry);
        new ProcessorMetrics().bindTo(metrics.registry);
        new UptimeMetrics().bindTo(metrics.registry);
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Binds the Kafka Streams client's meters (threads, tasks, stores, its consumers' lag), rescanned every 5 s. */
    public synchronized void bindKafkaStreams(KafkaStreams streams) {
        if (kafkaMetricsScheduler != null) {
            throw new IllegalStateException("Kafka Streams meters are already bound");
        }
        kafkaMetricsScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gpuledger-kafka-metrics");
            thread.setDaemon(true);
            return thread;
        });
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty(), kafkaMetricsScheduler,
                KAFKA_STREAMS_REFRESH);
        binder.bindTo(registry);
        closeables.add(binder);
    }

    /** Starts exporting the allocation gauges from {@code inputs}. */
    public AllocationGauges attachAllocation(GaugeInputs inputs, CollectorZone zone) {
        return attachAllocation(inputs, zone, Clock.systemUTC(), ALLOCATION_MAX_AGE);
    }

    public synchronized AllocationGauges attachAllocation(GaugeInputs inputs, CollectorZone zone, Clock clock,
                                                          Duration maxAge) {
        if (allocation != null) {
            throw new IllegalStateException("allocation gauges are already attached");
        }
        allocation = new AllocationGauges(registry, inputs, zone, clock, maxAge);
        LOG.info("Allocation gauges attached: collector zone {}, recomputed at most every {} s", zone.zone(),
                maxAge.toSeconds());
        return allocation;
    }

    /**
     * Exports the scheduled e-mails' counters: messages the relay accepted, failed attempts (each retried until the
     * retry time runs out) and firings given up (never delivered).
     */
    public void bindEmail(LongSupplier sent, LongSupplier failedAttempts, LongSupplier givenUp) {
        FunctionCounter.builder("gpuledger.email.sent", sent, LongSupplier::getAsLong)
                .description("Scheduled report e-mails the SMTP relay accepted").register(registry);
        FunctionCounter.builder("gpuledger.email.failed.attempts", failedAttempts,
                LongSupplier::getAsLong).description("SMTP attempts that failed (each is retried with backoff)")
                .register(registry);
        FunctionCounter.builder("gpuledger.email.given.up", givenUp,
                LongSupplier::getAsLong).description("Scheduled e-mails not delivered after their retries")
                .register(registry);
    }

    /** The recorder the replay reports its progress to. */
    public ReplayProgress replayProgress() {
        return replay;
    }

    /**
     * Records one answered request. {@code route} must be the route's fixed path (never the raw URL, whose query would
     * make the label unbounded); unmatched paths should pass {@code "unmatched"}.
     */
    public void recordRequest(String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests answered, by route and status")
                .tag("route", route == null || route.isBlank() ? "unmatched" : route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The exposition for a scrape with this {@code Accept} header: OpenMetrics when asked for, else the Prometheus text
     * format. Allocation gauges are recomputed first when stale; scrapes are serialised so none sees a half-updated
     * set.
     */
    public synchronized Scrape scrape(String acceptHeader) {
        AllocationGauges gauges = allocation;
        if (gauges != null) {
            gauges.refreshIfStale();
        }
        String contentType = acceptHeader != null && acceptHeader.contains("application/openmetrics-text")
                ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        return new Scrape(contentType, registry.scrape(contentType).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
        if (kafkaMetricsScheduler != null) {
            kafkaMetricsScheduler.shutdownNow();
        }
        registry.close();
    }
}
