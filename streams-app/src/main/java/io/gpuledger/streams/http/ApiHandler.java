package io.gpuledger.streams.http;

import io.gpuledger.streams.app.GpuLedgerService;
import io.gpuledger.streams.query.ClusterReports;
import io.gpuledger.streams.query.ClusterStores;
import io.gpuledger.streams.query.EdgeDigestWire;
import io.gpuledger.streams.query.InstanceDirectory;
import io.gpuledger.streams.query.OutsideRetentionException;
import io.gpuledger.streams.query.PeerClient;
import io.gpuledger.streams.query.RawSnapshotWire;
import io.gpuledger.streams.query.StoreUnavailableException;
import io.gpuledger.streams.window.QueryWindow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the API, kept thin: parse, check the service is attached, hand over to {@link ReportEndpoint} or
 * the stores, write the answer. Anything unexpected is a 500 with a one-line body and a logged stack trace; user
 * input never gets there (it is a 4xx before).
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    static final String REPORT_PATH = "/api/v1/report";
    static final String PAGE_PATH = "/";
    static final String LIVE_PATH = "/health/live";
    static final String READY_PATH = "/health/ready";

    /** What the handler needs from a started service; absent until {@link HttpApi#attach}. */
    record Attached(GpuLedgerService service, InstanceDirectory directory, ClusterStores stores,
                    ClusterReports reports, PeerClient peers, ReportEndpoint reportEndpoint) {
    }

    private final HttpSettings settings;
    private volatile Attached attached;
    private volatile boolean stopping;

    ApiHandler(HttpSettings settings) {
        this.settings = settings;
    }

    void attach(Attached services) {
        this.attached = services;
    }

    Attached attached() {
        return attached;
    }

    void stopping() {
        stopping = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Responses answer;
        try {
            answer = route(request);
        } catch (ApiException e) {
            answer = Responses.error(e);
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            answer = Responses.error(unavailable(e.getMessage()));
        } catch (OutsideRetentionException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("parameter", e.parameter());
            body.put("earliest_available", e.earliestAvailable());
            answer = Responses.json(404, body);
        } catch (Exception | StackOverflowError e) {
            LOG.error("{} {} failed: {}", request.getMethod(), request.getHttpURI().getPathQuery(), e.toString(), e);
            answer = Responses.json(500, Map.of("error", "internal error"));
        }
        write(answer, response, callback);
        return true;
    }

    private Responses route(Request request) throws Exception {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            return Responses.json(405, Map.of("error", "method " + method + " is not allowed: use GET"))
                    .withHeader("Allow", "GET, HEAD");
        }
        String path = request.getHttpURI().getPath();
        if (LIVE_PATH.equals(path)) {
            return Responses.json(200, Map.of("status", "live"));
        }
        if ("/favicon.ico".equals(path)) {
            return new Responses(204, "image/x-icon", Map.of(), new byte[0]);
        }
        if (path != null && path.startsWith(StaticAssets.PREFIX)) {
            return StaticAssets.serve(path);
        }
        boolean known = READY_PATH.equals(path) || REPORT_PATH.equals(path) || PAGE_PATH.equals(path)
                || ClusterStores.EDGE_DIGESTS_PATH.equals(path) || ClusterStores.RAW_SNAPSHOTS_PATH.equals(path);
        if (!known) {
            return Responses.json(404, Map.of("error", "no such endpoint: " + path + "; reports are at "
                    + REPORT_PATH));
        }
        Attached services = attached;
        if (services == null || stopping) {
            if (READY_PATH.equals(path)) {
                return notReady(stopping ? "stopping" : "starting: the stores are not open yet");
            }
            throw unavailable(stopping ? "the service is stopping" : "the service is starting: stores not open yet");
        }
        Map<String, List<String>> parameters = queryParameters(request);
        if (READY_PATH.equals(path)) {
            return ready(services);
        }
        if (REPORT_PATH.equals(path)) {
            return services.reportEndpoint().report(request, parameters, false);
        }
        if (PAGE_PATH.equals(path)) {
            return services.reportEndpoint().report(request, parameters, true);
        }
        if (ClusterStores.EDGE_DIGESTS_PATH.equals(path)) {
            QueryWindow window = new QueryWindow(micros(parameters, "start"), micros(parameters, "end"), 1);
            Set<Integer> partitions = partitions(parameters);
            return new Responses(200, EdgeDigestWire.CONTENT_TYPE, Map.of(),
                    EdgeDigestWire.encode(services.stores().localEdgeDigests(window, partitions)));
        }
        long from = micros(parameters, "from");
        long to = micros(parameters, "to");
        Set<Integer> partitions = partitions(parameters);
        return new Responses(200, RawSnapshotWire.CONTENT_TYPE, Map.of(),
                RawSnapshotWire.encode(services.stores().localRawSnapshots(from, to, partitions)));
    }

    private Responses ready(Attached services) {
        if (!services.service().readiness().isReady()) {
            return notReady(services.service().readiness().reason());
        }
        try {
            // Ready also means "can answer now": the stores are queryable and every partition has an owner.
            services.directory().rollupOwner();
            services.directory().hostBucketHolders();
        } catch (StoreUnavailableException e) {
            return notReady(e.getMessage());
        }
        return Responses.json(200, Map.of("status", "ready"));
    }

    private Responses notReady(String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "not ready");
        body.put("reason", reason);
        return Responses.json(503, body).withHeader("Retry-After", String.valueOf(retryAfterSeconds()));
    }

    ApiException unavailable(String message) {
        return ApiException.unavailable(message, retryAfterSeconds());
    }

    private long retryAfterSeconds() {
        return Math.max(1, settings.retryAfter().toSeconds());
    }

    /** The query string's parameters in order, each with every value it was given. */
    static Map<String, List<String>> queryParameters(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw ApiException.of(400, "malformed query string: " + ReportParameters.shown(String.valueOf(
                    e.getMessage())));
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            parameters.put(field.getName(), new ArrayList<>(field.getValues()));
        }
        return parameters;
    }

    private static long micros(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        try {
            if (values != null && values.size() == 1) {
                return Long.parseLong(values.get(0));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter(name, values == null ? null : String.join(",", values),
                name + " must be one integer (microseconds)");
    }

    private static Set<Integer> partitions(Map<String, List<String>> parameters) {
        List<String> values = parameters.getOrDefault("partitions", List.of());
        try {
            if (values.size() == 1) {
                return ClusterStores.parsePartitions(values.get(0));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter("partitions", String.join(",", values),
                "partitions must be a comma-separated list of partition numbers");
    }

    private static void write(Responses answer, Response response, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        if (!answer.headers().containsKey("Cache-Control")) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /** The instance this handler serves, for the {@code X-Gpuledger-Computed-By} header. */
    static String describe(HostInfo instance) {
        return instance.host() + ":" + instance.port();
    }
}
