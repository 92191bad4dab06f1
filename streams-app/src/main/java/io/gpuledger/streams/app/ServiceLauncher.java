package io.gpuledger.streams.app;

import io.gpuledger.streams.config.StreamsAppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the service from the command line: starts everything, waits for a shutdown signal, stops everything in
 * reverse order.
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    private final StreamsAppConfig config;

    public ServiceLauncher(StreamsAppConfig config) {
        this.config = config;
    }

    /** Blocks until the process is asked to stop; returns the exit code. */
    public int run() throws InterruptedException {
        GpuLedgerService service = new GpuLedgerService(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "gpuledger-shutdown"));
        String host = config.advertisedHost() != null ? config.advertisedHost() : config.bind();
        service.start(host + ":" + config.httpPort());
        service.readiness().captureTargets();
        LOG.info("gpuledger is running; stop it with Ctrl-C");
        service.awaitStop();
        return 0;
    }
}
