package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteRoleTest {

    @Test
    void everyRouteNamesTheRoleItNeeds() {
        Map<Route, Role> expected = Map.ofEntries(
                Map.entry(Route.PAGE, Role.VIEWER), Map.entry(Route.REPORT, Role.VIEWER),
                Map.entry(Route.OPENAPI, Role.VIEWER), Map.entry(Route.FAVICON, Role.VIEWER),
                Map.entry(Route.ASSETS, Role.VIEWER), Map.entry(Route.METRICS, Role.METRICS),
                Map.entry(Route.HISTORY, Role.METRICS), Map.entry(Route.LIVE, Role.OPEN),
                Map.entry(Route.READY, Role.OPEN), Map.entry(Route.EDGE_DIGESTS, Role.CLUSTER),
                Map.entry(Route.RAW_SNAPSHOTS, Role.CLUSTER), Map.entry(Route.REPLAYS, Role.ADMIN),
                Map.entry(Route.REPLAY, Role.ADMIN));
        for (Route route : Route.values()) {
            assertThat(route.role()).as(route.path()).isEqualTo(expected.get(route));
            assertThat(route.internal()).as(route.path()).isEqualTo(route.role() == Role.CLUSTER);
        }
    }

    @Test
    void aReplayIsOneIdBelowTheCollectionAndTheTimerLabelNeverHoldsIt() {
        assertThat(Route.of("/api/v1/replays")).contains(Route.REPLAYS);
        assertThat(Route.of("/api/v1/replays/r12")).contains(Route.REPLAY);
        assertThat(Route.REPLAY.rest("/api/v1/replays/r12")).isEqualTo("r12");
        assertThat(Route.of("/api/v1/replays/")).isEmpty();
        assertThat(Route.of("/api/v1/replays/r1/files")).isEmpty();
        assertThat(ApiHandler.route("/api/v1/replays/r12")).isEqualTo("/api/v1/replays/{id}");
    }

    @Test
    void onlyViewerMetricsAndAdminCanBeGranted() {
        assertThat(Role.grantable(" Viewer ")).contains(Role.VIEWER);
        assertThat(Role.grantable("metrics")).contains(Role.METRICS);
        assertThat(Role.grantable("admin")).contains(Role.ADMIN);
        assertThat(Role.grantable("cluster")).isEmpty();
        assertThat(Role.grantable("open")).isEmpty();
        assertThat(Role.grantable("root")).isEmpty();
    }
}
