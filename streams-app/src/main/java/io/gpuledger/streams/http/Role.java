package io.gpuledger.streams.http;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller must hold to use a route. Users and tokens of the web configuration file carry {@link #VIEWER},
 * {@link #METRICS} and/or {@link #ADMIN}; {@link #OPEN} routes (health) need nothing, {@link #CLUSTER} routes are
 * for other instances only (the cluster secret), never reachable with a user's credentials alone.
 */
enum Role {
    /** No credentials needed: liveness and readiness probes. */
    OPEN,
    /** The page, the report API, the API document and the page's assets. */
    VIEWER,
    /** Scrapes: {@code /metrics} and the OpenMetrics history. */
    METRICS,
    /** Anything that changes state (replays). */
    ADMIN,
    /** Instance-to-instance routes: the cluster secret, not a user's role. */
    CLUSTER;

    /** The name used in the web configuration file. */
    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A role a user or token may be given in the web configuration file (viewer, metrics, admin). */
    static Optional<Role> grantable(String name) {
        for (Role role : values()) {
            if (role != OPEN && role != CLUSTER && role.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
