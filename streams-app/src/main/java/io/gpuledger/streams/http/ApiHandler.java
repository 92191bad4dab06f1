package io.gpuledger.streams.http;

import io.gpuledger.streams.metrics.OpenMetricsHistory;
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

    static final String REPORT_PATH = Route.REPORT.path();
    static final String PAGE_PATH = Route.PAGE.path();
    static final String LIVE_PATH = Route.LIVE.path();
    static final String READY_PATH = Route.READY.path();

    /** What the handler needs from a started service; absent until {@link HttpApi#attach}. */
    record Attached(ServedInstance service, InstanceDirectory directory, ClusterStores stores,
                    ClusterReports reports, PeerClient peers, ReportEndpoint reportEndpoint,
                    OpenMetricsHistory history) {
    }

    private final HttpSettings settings;
    private final MetricsEndpoint metricsEndpoint;
    private volatile Attached attached;
    private volatile boolean stopping;

    private final AccessControl access;

    ApiHandler(HttpSettings settings, MetricsEndpoint metricsEndpoint, AccessControl access) {
        this.settings = settings;
        this.metricsEndpoint = metricsEndpoint;
        this.access = access;
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
            Route known = Route.of(request.getHttpURI().getPath()).orElse(null);
            Responses refusal = known == null ? null : access.refusal(known,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION),
                    request.getHeaders().get(PeerClient.CLUSTER_SECRET_HEADER), Request.getRemoteAddr(request));
            if (refusal != null) {
                write(refusal, response, callback);
                return true;
            }
            if (Route.HISTORY.path().equals(request.getHttpURI().getPath()) && HttpMethod.GET.is(
                    request.getMethod())) {
                Attached services = attached;
                if (services == null || stopping) {
                    throw unavailable(stopping ? "the service is stopping" : "the service is starting");
                }
                // Streamed: once the first byte is out, a failure can only abort the response.
                metricsEndpoint.history(request, response, callback, queryParameters(request), services.history(),
                        services.directory());
                return true;
            }
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
        Route replayRoute = Route.of(request.getHttpURI().getPath()).filter(r -> r == Route.REPLAYS
                || r == Route.REPLAY).orElse(null);
        if (replayRoute != null) {
            // The only routes that change state: their own methods (POST, DELETE), not the read-only check below.
            Attached services = attached;
            if (services == null || stopping) {
                throw unavailable(stopping ? "the service is stopping" : "the service is starting");
            }
            return replayRoute == Route.REPLAYS ? ReplayEndpoint.collection(request, services.service().replays())
                    : ReplayEndpoint.one(request, replayRoute.rest(request.getHttpURI().getPath()),
                    services.service().replays());
        }
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            return Responses.json(405, Map.of("error", "method " + method + " is not allowed: use GET"))
                    .withHeader("Allow", "GET, HEAD");
        }
        String path = request.getHttpURI().getPath();
        Route route = Route.of(path).orElse(null);
        if (route == null) {
            return Responses.json(404, Map.of("error", "no such endpoint: " + path + "; reports are at "
                    + REPORT_PATH + ", the API is described at " + Route.OPENAPI.path()));
        }
        switch (route) {
            case LIVE:
                return Responses.json(200, Map.of("status", "live"));
            case METRICS:
                return metricsEndpoint.scrape(request);
            case FAVICON:
                return new Responses(204, "image/x-icon", Map.of(), new byte[0]);
            case ASSETS:
                return StaticAssets.serve(path);
            case OPENAPI:
                return ApiDocument.response();
            default:
                break;
        }
        Attached services = attached;
        if (services == null || stopping) {
            if (READY_PATH.equals(path)) {
                return notReady(stopping ? "stopping" : "starting: the stores are not open yet");
            }
            throw unavailable(stopping ? "the service is stopping" : "the service is starting: stores not open yet");
        }
        Map<String, List<String>> parameters = queryParameters(request);
        return switch (route) {
            case READY -> ready(services);
            case REPORT -> services.reportEndpoint().report(request, parameters, false);
            case PAGE -> services.reportEndpoint().report(request, parameters, true);
            case EDGE_DIGESTS -> {
                long start = micros(parameters, "start");
                long end = micros(parameters, "end");
                requireOrdered("start", start, "end", end);
                QueryWindow window = new QueryWindow(start, end, 1);
                Set<Integer> partitions = partitions(parameters, services.service().topic().partitions());
                yield new Responses(200, EdgeDigestWire.CONTENT_TYPE, Map.of(),
                        EdgeDigestWire.encode(services.stores().localEdgeDigests(window, partitions)));
            }
            case RAW_SNAPSHOTS -> {
                long from = micros(parameters, "from");
                long to = micros(parameters, "to");
                requireOrdered("from", from, "to", to);
                Set<Integer> partitions = partitions(parameters, services.service().topic().partitions());
                yield new Responses(200, RawSnapshotWire.CONTENT_TYPE, Map.of(),
                        RawSnapshotWire.encode(services.stores().localRawSnapshots(from, to, partitions)));
            }
            // The history is streamed for GET (handle); it has no HEAD.
            case HISTORY -> Responses.json(405, Map.of("error", "method " + method + " is not allowed on "
                    + Route.HISTORY.path() + ": use GET")).withHeader("Allow", "GET");
            default -> throw new IllegalStateException("route " + route + " answered above");
        };
    }

    private Responses ready(Attached services) {
        if (!services.service().isReady()) {
            return notReady(services.service().notReadyReason());
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

    /**
     * The partitions an instance asks for: validated like a public parameter (a peer is a client too), each below the
     * snapshot topic's partition count, at least one.
     */
    private static Set<Integer> partitions(Map<String, List<String>> parameters, int partitionCount) {
        List<String> values = parameters.getOrDefault("partitions", List.of());
        try {
            if (values.size() == 1) {
                Set<Integer> partitions = ClusterStores.parsePartitions(values.get(0));
                if (!partitions.isEmpty() && partitions.stream().allMatch(p -> p < partitionCount)) {
                    return partitions;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter("partitions", String.join(",", values), "partitions must be a "
                + "comma-separated list of partition numbers from 0 to " + (partitionCount - 1));
    }

    private static void requireOrdered(String first, long firstValue, String second, long secondValue) {
        if (firstValue > secondValue) {
            throw ApiException.badParameter(first, String.valueOf(firstValue), first + " must not be after "
                    + second + " (" + secondValue + ")");
        }
    }

    private static void write(Responses answer, Response response, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        if (!answer.headers().containsKey("Cache-Control")) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        BrowserHeaders.addTo(response.getHeaders(), answer.contentType());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /** The route of {@code path} for the request timer: a fixed path, never the raw URL (bounded label values). */
    static String route(String path) {
        return Route.of(path).map(Route::metricsLabel).orElse("unmatched");
    }

    /** The instance this handler serves, for the {@code X-Gpuledger-Computed-By} header. */
    static String describe(HostInfo instance) {
        return instance.host() + ":" + instance.port();
    }
}
