package io.gpuledger.streams.http;

import io.gpuledger.streams.query.ClusterStores;
import java.util.Optional;

/**
 * Every route the service answers, in one place: the known-path check, the dispatch, the request timer's label and
 * the API document ({@code openapi.json}, checked against this list by a test) all read it. Internal routes carry
 * what instances ask each other; they are not part of the public API.
 */
enum Route {
    PAGE("/", false),
    REPORT("/api/v1/report", false),
    OPENAPI("/api/v1/openapi.json", false),
    HISTORY("/api/v1/openmetrics", false),
    METRICS("/metrics", false),
    LIVE("/health/live", false),
    READY("/health/ready", false),
    FAVICON("/favicon.ico", false),
    ASSETS(StaticAssets.PREFIX, false),
    EDGE_DIGESTS(ClusterStores.EDGE_DIGESTS_PATH, true),
    RAW_SNAPSHOTS(ClusterStores.RAW_SNAPSHOTS_PATH, true);

    private final String path;
    private final boolean internal;

    Route(String path, boolean internal) {
        this.path = path;
        this.internal = internal;
    }

    /** The exact path, or for {@link #ASSETS} the prefix of its paths. */
    String path() {
        return path;
    }

    boolean internal() {
        return internal;
    }

    /** The label of the request timer: a fixed path, never the raw URL (bounded label values). */
    String metricsLabel() {
        return this == ASSETS ? path + "*" : path;
    }

    /** The route of a request path, if any. */
    static Optional<Route> of(String requestPath) {
        if (requestPath == null) {
            return Optional.empty();
        }
        for (Route route : values()) {
            if (route == ASSETS ? requestPath.startsWith(route.path) : route.path.equals(requestPath)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
