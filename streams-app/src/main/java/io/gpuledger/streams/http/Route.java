package io.gpuledger.streams.http;

import io.gpuledger.streams.query.ClusterStores;
import java.util.Optional;

/**
 * Every route the service answers, in one place: the known-path check, the dispatch, the request timer's label and
 * the API document ({@code openapi.json}, checked against this list by a test) all read it. Internal routes carry
 * what instances ask each other; they are not part of the public API. Each route names the {@link Role} it needs.
 */
enum Route {
    PAGE("/", Role.VIEWER),
    REPORT("/api/v1/report", Role.VIEWER),
    OPENAPI("/api/v1/openapi.json", Role.VIEWER),
    HISTORY("/api/v1/openmetrics", Role.METRICS),
    METRICS("/metrics", Role.METRICS),
    LIVE("/health/live", Role.OPEN),
    READY("/health/ready", Role.OPEN),
    REPLAYS("/api/v1/replays", Role.ADMIN),
    /** {@code /api/v1/replays/{id}}: matched by prefix, the id is the rest of the path. */
    REPLAY("/api/v1/replays/", Role.ADMIN),
    FAVICON("/favicon.ico", Role.VIEWER),
    ASSETS(StaticAssets.PREFIX, Role.VIEWER),
    EDGE_DIGESTS(ClusterStores.EDGE_DIGESTS_PATH, Role.CLUSTER),
    RAW_SNAPSHOTS(ClusterStores.RAW_SNAPSHOTS_PATH, Role.CLUSTER);

    private final String path;
    private final Role role;

    /** {@code role}: what a caller must hold; a new state-changing route (replays) takes {@link Role#ADMIN}. */
    Route(String path, Role role) {
        this.path = path;
        this.role = role;
    }

    /** The exact path, or for {@link #ASSETS} and {@link #REPLAY} the prefix of their paths. */
    String path() {
        return path;
    }

    boolean internal() {
        return role == Role.CLUSTER;
    }

    /** What a caller must hold to be answered. */
    Role role() {
        return role;
    }

    /** The path as the API document writes it ({@code /api/v1/replays/{id}}). */
    String documentedPath() {
        return this == REPLAY ? path + "{id}" : path;
    }

    /** The label of the request timer: a fixed path, never the raw URL (bounded label values). */
    String metricsLabel() {
        return this == ASSETS ? path + "*" : documentedPath();
    }

    /** A prefix route's rest of the path ({@link #REPLAY}'s id). */
    String rest(String requestPath) {
        return requestPath.substring(path.length());
    }

    /** The route of a request path, if any. */
    static Optional<Route> of(String requestPath) {
        if (requestPath == null) {
            return Optional.empty();
        }
        for (Route route : values()) {
            boolean matches = switch (route) {
                case ASSETS -> requestPath.startsWith(route.path);
                // One id, no further segments: /api/v1/replays/r1, not /api/v1/replays/r1/x or /api/v1/replays/.
                case REPLAY -> requestPath.startsWith(route.path) && requestPath.length() > route.path.length()
                        && requestPath.indexOf('/', route.path.length()) < 0;
                default -> route.path.equals(requestPath);
            };
            if (matches) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
