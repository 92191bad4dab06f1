package io.gpuledger.streams.app;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.http.HttpApi;
import io.gpuledger.streams.http.HttpSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one instance: the HTTP listener first (its port goes into {@code application.server}), then Kafka and the
 * topology, then the API attached to the stores; a shutdown hook stops them in reverse order.
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    private final StreamsAppConfig config;

    public ServiceLauncher(StreamsAppConfig config) {
        this.config = config;
    }

    /** A started instance: its API and its service. Closing it stops both. */
    public record Instance(HttpApi api, GpuLedgerService service) implements AutoCloseable {

        public String baseUrl() {
            return "http://" + service.applicationServer() + "/";
        }

        @Override
        public void close() {
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
        HttpApi api = new HttpApi(settings).start();
        GpuLedgerService service = new GpuLedgerService(config);
        try {
            service.start(advertisedHost(config) + ":" + api.port());
            service.readiness().captureTargets();
            api.attach(service);
            return new Instance(api, service);
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
    public int run() throws InterruptedException {
        if (config.demo() || config.replayDir() != null) {
            System.err.println("streams-app: --demo and --replay are not available in this build yet");
            return CliSupport.EXIT_USAGE;
        }
        Instance instance = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping gpuledger");
            instance.close();
        }, "gpuledger-shutdown"));
        String base = instance.baseUrl();
        System.out.println("gpuledger is serving on " + base);
        System.out.println("  report page:  " + base);
        System.out.println("  JSON report:  " + base + "api/v1/report?hours-back=24");
        System.out.println("  readiness:    " + base + "health/ready");
        instance.service().awaitStop();
        return CliSupport.EXIT_OK;
    }
}
