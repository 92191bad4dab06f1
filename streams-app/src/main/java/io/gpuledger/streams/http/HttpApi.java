package io.gpuledger.streams.http;

import io.gpuledger.streams.metrics.ClusterGaugeInputs;
import io.gpuledger.streams.metrics.CollectorZone;
import io.gpuledger.streams.metrics.GaugeInputs;
import io.gpuledger.streams.metrics.GpuLedgerMetrics;
import io.gpuledger.streams.metrics.OpenMetricsHistory;
import io.gpuledger.streams.query.ClusterReports;
import io.gpuledger.streams.query.ClusterStores;
import io.gpuledger.streams.query.InstanceDirectory;
import io.gpuledger.streams.query.PartitionCount;
import io.gpuledger.streams.query.PeerClient;
import java.time.Clock;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (architecture §3) on Jetty's core handlers. Its lifecycle lets the port be known before Kafka Streams
 * starts, since {@code application.server} must name it:
 *
 * <pre>{@code
 * HttpApi api = new HttpApi(settings);
 * api.start();                                            // /health/live answers, everything else 503
 * service.start(advertisedHost + ":" + api.port());
 * api.attach(service);                                     // reports, readiness, internal endpoints
 * ...
 * api.stop();
 * }</pre>
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final HttpSettings settings;
    private final GpuLedgerMetrics metrics = GpuLedgerMetrics.create();
    private volatile ClusterReports reports;
    private final ReportRenderer renderer;
    private final AccessControl access;
    private final ApiHandler handler;
    private final QueryRunner runner;
    private Server server;
    private ServerConnector connector;
    private PeerClient peers;

    public HttpApi(HttpSettings settings) {
        this(settings, new SpecReportRenderer());
    }

    public HttpApi(HttpSettings settings, ReportRenderer renderer) {
        this.settings = settings;
        this.renderer = renderer;
        this.access = new AccessControl(settings.webConfig(), settings.clusterSecret(), settings.bind(),
                metrics.registry());
        this.handler = new ApiHandler(settings, new MetricsEndpoint(metrics), access);
        this.runner = new QueryRunner(settings.queryThreads(), settings.maxQueuedQueries(), settings.queryTimeout());
    }

    /** Opens the listener. Until {@link #attach} only {@code /health/live} answers 200. */
    public HttpApi start() {
        QueuedThreadPool threads = new QueuedThreadPool(settings.httpThreads(), 4);
        threads.setName("gpuledger-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.addEventListener(new HeaderDeadline(connector.getScheduler(), settings.headerTimeout()));
        server.addConnector(connector);

        GzipHandler gzip = new GzipHandler();
        gzip.setMinGzipSize(1024);
        gzip.addIncludedMethods("GET");
        gzip.setHandler(handler);
        server.setHandler(gzip);
        server.setErrorHandler(new JsonErrorHandler());
        server.setRequestLog(new RequestLogger(metrics));
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("HTTP API listening on http://{}:{}/ (stores not attached yet)", settings.bind(), port());
        if (access.openToOtherHosts()) {
            LOG.warn("HTTP API on {} without --web-config: anyone who reaches it can read reports and metrics "
                    + "(replays stay refused); give users and tokens with --web-config", settings.bind());
        }
        if (access.internalOpenToOtherHosts()) {
            LOG.warn("Internal routes on {} without --cluster-secret-file: anyone who reaches the port can read raw "
                    + "rows through them; give every instance the same secret", settings.bind());
        }
        if (access.enabled()) {
            LOG.info("HTTP API needs credentials: {} users, {} tokens from {}", settings.webConfig().users().size(),
                    settings.webConfig().tokens().size(), settings.webConfig().file());
        }
        return this;
    }

    /** The port listened on (the chosen one when the settings said 0). */
    public int port() {
        if (connector == null) {
            throw new IllegalStateException("not started");
        }
        return connector.getLocalPort();
    }

    /**
     * Connects the API to a started service: reports, readiness and the internal endpoints answer from now on.
     * The service's {@code application.server} must be this API's advertised address.
     */
    public void attach(ServedInstance service) {
        if (service.applicationServer() == null) {
            throw new IllegalStateException("the service has not been started");
        }
        HostInfo self = HostInfo.buildFromEndpoint(service.applicationServer());
        peers = new PeerClient(settings.peerTimeout(), settings.clusterSecret());
        InstanceDirectory directory = new InstanceDirectory(service.streams(), self, service.config().topic(),
                new PartitionCount(service.admin(), service.config().topic()));
        ClusterStores stores = new ClusterStores(service.stores(), service.summaries(), directory, peers);
        reports = new ClusterReports(stores, service.defaultQueryConfig(), service.config().history(),
                service.config().rawRetention(), Clock.systemDefaultZone(), service::completeness);
        ReportEndpoint reportEndpoint = new ReportEndpoint(directory, reports, peers, runner, renderer,
                settings.queryTimeout(), access::fromPeer);
        metrics.bindKafkaStreams(service.streams());
        GaugeInputs gaugeInputs = ClusterGaugeInputs.of(directory, stores, service.stores(), service.summaries(),
                service.defaultQueryConfig());
        CollectorZone zone = CollectorZone.of(service.config().collectorZone());
        metrics.attachAllocation(gaugeInputs, zone);
        handler.attach(new ApiHandler.Attached(service, directory, stores, reports, peers, reportEndpoint,
                new OpenMetricsHistory(gaugeInputs, zone)));
        LOG.info("HTTP API attached to the stores; this instance is {}", service.applicationServer());
    }

    /** The reports of the attached service (what the page shows), for whatever else renders them (e-mails). */
    public ClusterReports reports() {
        if (reports == null) {
            throw new IllegalStateException("not attached to a service");
        }
        return reports;
    }

    /** The service's Prometheus registry: replay progress and request timers go here. */
    public GpuLedgerMetrics metrics() {
        return metrics;
    }

    /** Stops answering (503 to new requests), then closes the listener. Idempotent. */
    public void stop() {
        handler.stopping();
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("HTTP API did not stop cleanly: {}", e.toString());
            }
        }
        runner.close();
        if (peers != null) {
            peers.close();
        }
        metrics.close();
    }

    @Override
    public void close() {
        stop();
    }
}
