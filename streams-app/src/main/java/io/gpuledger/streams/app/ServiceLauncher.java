package io.gpuledger.streams.app;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.http.HttpApi;
import io.gpuledger.streams.http.HttpSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one instance: the HTTP listener first (its port goes into {@code application.server}), then Kafka and the
 * topology, then the API attached to the stores; a shutdown hook stops them in reverse order.
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
    private static final java.time.Duration PROGRESS_EVERY = java.time.Duration.ofSeconds(10);

    private final StreamsAppConfig config;

    public ServiceLauncher(StreamsAppConfig config) {
        this.config = config;
    }

    /** A started instance: its API and its service. Closing it stops both. */
    public record Instance(HttpApi api, GpuLedgerService service, AutoCloseable email) implements AutoCloseable {

        public String baseUrl() {
            return "http://" + service.applicationServer() + "/";
        }

        @Override
        public void close() {
            try {
                if (email != null) {
                    email.close();
                }
            } catch (Exception e) {
                LOG.warn("Scheduled e-mails did not stop cleanly: {}", e.toString());
            }
            try {
                api.stop();
            } finally {
                service.close();
            }
        }
    }

    /** Starts an instance with the HTTP settings derived from {@code config}. */
    public static Instance start(StreamsAppConfig config) throws InterruptedException {
        return start(config, HttpSettings.from(config));
    }

    /** Starts an instance; on any failure what was started is stopped again. */
    public static Instance start(StreamsAppConfig config, HttpSettings settings) throws InterruptedException {
        return start(config, settings, false);
    }

    /**
     * Starts an instance; with {@code replayFollows}, readiness waits for {@link StartupReplay} instead of taking the
     * input topic's end offsets now.
     */
    static Instance start(StreamsAppConfig config, HttpSettings settings, boolean replayFollows)
            throws InterruptedException {
        return start(config, settings, replayFollows, Clock.systemUTC());
    }

    /** As above, with the clock the e-mail schedule reads (a test's first of the month). */
    static Instance start(StreamsAppConfig config, HttpSettings settings, boolean replayFollows, Clock emailClock)
            throws InterruptedException {
        HttpApi api = new HttpApi(settings).start();
        GpuLedgerService service = new GpuLedgerService(config);
        try {
            service.start(advertisedHost(config) + ":" + api.port(), api.metrics().replayProgress());
            if (replayFollows) {
                service.readiness().replayStarted();
            } else {
                service.readiness().captureTargets();
            }
            api.attach(service);
            EmailSchedule email = config.email().enabled() ? EmailSchedule.start(config, service.bootstrapServers(),
                    service::numbersComplete, api.reports(), api.metrics(), service.admin(), emailClock) : null;
            return new Instance(api, service, email);
        } catch (RuntimeException | InterruptedException e) {
            api.stop();
            service.close();
            throw e;
        }
    }

    /** The host other instances reach this one at: the configured one, else the bind address if it is one. */
    static String advertisedHost(StreamsAppConfig config) {
        if (config.advertisedHost() != null && !config.advertisedHost().isBlank()) {
            return config.advertisedHost();
        }
        String bind = config.bind();
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("bind " + bind + " needs --advertised-host: this host's name cannot "
                        + "be resolved (" + e.getMessage() + ")");
            }
        }
        return bind;
    }

    /** Runs until the process is stopped; returns the exit code. */
    public int run() throws Exception {
        long started = System.nanoTime();
        StartupReplay replay = StartupReplay.plan(config);
        Instance instance = start(config, HttpSettings.from(config), replay.needed());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping gpuledger");
            instance.close();
        }, "gpuledger-shutdown"));
        String base = instance.baseUrl();
        System.out.println("gpuledger is serving on " + base + " (report page; ready once processing has caught up)");
        try {
            replay.run(instance.service(), instance.api().metrics().replayProgress());
        } catch (RuntimeException e) {
            // A rejected file or an unreachable broker: the service must not serve numbers that miss history.
            System.err.println("streams-app: replay failed: " + CliSupport.oneLine(e));
            instance.close();
            return CliSupport.EXIT_FAILURE;
        }
        instance.service().replays().resumeInterrupted();
        Readiness readiness = instance.service().readiness();
        long nextProgressNanos = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (!readiness.isReady() && !Thread.currentThread().isInterrupted()) {
            if (instance.service().streams().state().hasCompletedShutdown()) {
                System.err.println("streams-app: Kafka Streams stopped before it was ready: " + readiness.reason());
                instance.close();
                return CliSupport.EXIT_FAILURE;
            }
            if (System.nanoTime() >= nextProgressNanos) {
                // Catching up can take minutes after a large replay: say what it is waiting for.
                System.out.printf("not ready yet (%.0f s): %s%n", (System.nanoTime() - started) / 1e9,
                        readiness.reason());
                nextProgressNanos = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            // Waiting for the topology to process what is in the topic; readiness is computed from offsets.
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(250);
        }
        System.out.printf("gpuledger is ready after %.1f s. Open:%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  report page (last 24 h):  " + base);
        System.out.println("  last 7 days:              " + base + "?hours-back=168");
        System.out.println("  JSON report:              " + base + "api/v1/report?hours-back=24");
        System.out.println("  text report:              " + base + "api/v1/report?hours-back=24&format=text");
        System.out.println("  Prometheus metrics:       " + base + "metrics");
        System.out.println("  readiness:                " + base + "health/ready");
        System.out.println("Stop with Ctrl-C.");
        instance.service().awaitStop();
        return CliSupport.EXIT_OK;
    }
}
