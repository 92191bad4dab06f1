package io.gpuledger.streams.http;

import io.gpuledger.streams.metrics.GpuLedgerMetrics;
import io.gpuledger.streams.metrics.HistoryRange;
import io.gpuledger.streams.metrics.OpenMetricsHistory;
import io.gpuledger.streams.query.InstanceDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} and {@code GET /api/v1/openmetrics}, kept thin: the registry and the history writer live in
 * the {@code metrics} package. The history is streamed (it can be months of samples); an instance that does not own
 * the rollups redirects there rather than relaying a large body.
 */
final class MetricsEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    static final String HISTORY_PATH = Route.HISTORY.path();
    static final Set<String> HISTORY_PARAMETERS = Set.of("from", "to");

    private final GpuLedgerMetrics metrics;

    MetricsEndpoint(GpuLedgerMetrics metrics) {
        this.metrics = metrics;
    }

    GpuLedgerMetrics metrics() {
        return metrics;
    }

    /** The exposition; the scraper's Accept header picks Prometheus text or OpenMetrics. */
    Responses scrape(Request request) {
        GpuLedgerMetrics.Scrape scrape = metrics.scrape(request.getHeaders().get(HttpHeader.ACCEPT));
        return new Responses(200, scrape.contentType(), Map.of(), scrape.body());
    }

    /**
     * Validates the parameters, then redirects to the rollup owner or streams the history. Throws {@link ApiException}
     * (nothing written yet) for a bad request.
     */
    void history(Request request, Response response, Callback callback, Map<String, List<String>> parameters,
                 OpenMetricsHistory history, InstanceDirectory directory) throws Exception {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!HISTORY_PARAMETERS.contains(parameter.getKey())) {
                throw ApiException.badParameter(parameter.getKey(), String.join(",", parameter.getValue()),
                        "parameter '" + parameter.getKey() + "' does not apply to " + HISTORY_PATH
                                + " (use from and to)");
            }
            if (parameter.getValue().size() != 1) {
                throw ApiException.badParameter(parameter.getKey(), String.join(",", parameter.getValue()),
                        parameter.getKey() + " must be given once");
            }
            if (parameter.getValue().get(0).isBlank()) {
                // Given empty is given: leave a parameter out to get its default.
                throw ApiException.badParameter(parameter.getKey(), parameter.getValue().get(0),
                        parameter.getKey() + " must be a date-time (YYYY-MM-DD HH:MM:SS): got '"
                                + parameter.getValue().get(0) + "'");
            }
        }
        HostInfo owner = directory.rollupOwner();
        if (!directory.isSelf(owner)) {
            response.setStatus(307);
            response.getHeaders().put(HttpHeader.LOCATION, "http://" + ApiHandler.describe(owner)
                    + request.getHttpURI().getPathQuery());
            response.write(true, null, callback);
            return;
        }
        HistoryRange range;
        try {
            range = history.range(single(parameters, "from"), single(parameters, "to"));
        } catch (HistoryRange.InvalidRangeException e) {
            throw ApiException.badParameter(e.parameter(), single(parameters, e.parameter()), e.getMessage());
        }
        // Computed before the first byte: a failure here is still an ordinary error answer.
        OpenMetricsHistory.Export export = history.compute(range);
        try (export) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, OpenMetricsHistory.CONTENT_TYPE);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            BrowserHeaders.addTo(response.getHeaders(), OpenMetricsHistory.CONTENT_TYPE);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                export.writeTo(out);
            }
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            // Headers are out: the only honest end is an aborted response.
            LOG.warn("GET {} aborted while streaming: {}", request.getHttpURI().getPathQuery(), e.toString());
            callback.failed(e);
        }
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }
}
