package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.streams.config.WebConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each role against each route: given the users of {@link WebUsers}, a route is answered exactly when the caller
 * holds its role (admin holds every role), health needs nobody, internal routes are not a user's business, and
 * without a web configuration only loopback may change state.
 */
class AccessControlTest {

    private static final String SECRET = "cluster-secret-7f3a9e01";

    @TempDir
    Path dir;

    @Test
    void everyRouteAnswersExactlyTheCallersHoldingItsRole() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccessControl access = new AccessControl(WebConfig.load(WebUsers.write(dir)), SECRET, "127.0.0.1", registry);
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put(WebUsers.VIEWER, WebUsers.basic(WebUsers.VIEWER, WebUsers.PASSWORD));
        callers.put(WebUsers.METRICS, WebUsers.basic(WebUsers.METRICS, WebUsers.PASSWORD));
        callers.put(WebUsers.ADMIN, WebUsers.basic(WebUsers.ADMIN, WebUsers.PASSWORD));
        callers.put("token", WebUsers.bearer(WebUsers.TOKEN));

        for (Route route : Route.values()) {
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                Responses refusal = access.refusal(route, caller.getValue(), null, "10.0.0.1");
                boolean holds = switch (route.role()) {
                    case OPEN -> true;
                    // Internal: no user's credentials open it, the admin's neither.
                    case CLUSTER -> false;
                    case VIEWER -> !caller.getKey().equals(WebUsers.METRICS);
                    case METRICS -> !caller.getKey().equals(WebUsers.VIEWER);
                    case ADMIN -> caller.getKey().equals(WebUsers.ADMIN);
                };
                assertThat(refusal == null).as("%s as %s", route, caller.getKey()).isEqualTo(holds);
                if (refusal != null) {
                    assertThat(refusal.status()).as("%s as %s", route, caller.getKey()).isEqualTo(403);
                }
            }
            Responses anonymous = access.refusal(route, null, null, "10.0.0.1");
            if (route.role() == Role.OPEN) {
                assertThat(anonymous).as(route.name()).isNull();
            } else if (route.role() == Role.CLUSTER) {
                assertThat(anonymous.status()).as(route.name()).isEqualTo(403);
                assertThat(access.refusal(route, null, SECRET, "10.0.0.1")).as("a peer").isNull();
                assertThat(access.refusal(route, null, SECRET + "x", "10.0.0.1").status()).isEqualTo(403);
            } else {
                assertThat(anonymous.status()).as(route.name()).isEqualTo(401);
                assertThat(anonymous.headers()).containsKey("WWW-Authenticate");
            }
        }
    }

    @Test
    void wrongCredentialsAreCountedAndAnAddressThatKeepsFailingIsHeldOff() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccessControl access = new AccessControl(WebConfig.load(WebUsers.write(dir)), SECRET, "127.0.0.1", registry);
        for (int i = 0; i < AccessControl.FAILURES_ALLOWED; i++) {
            assertThat(access.refusal(Route.REPORT, WebUsers.basic(WebUsers.VIEWER, "guess " + i), null, "10.0.0.9")
                    .status()).isEqualTo(401);
        }
        assertThat(access.refusal(Route.REPORT, WebUsers.bearer("not-the-token"), null, "10.0.0.9").status())
                .as("held off, whatever it sends").isEqualTo(429);
        assertThat(access.refusal(Route.REPORT, WebUsers.basic(WebUsers.VIEWER, WebUsers.PASSWORD), null, "10.0.0.9")
                .headers()).containsEntry("Retry-After", "60");
        assertThat(access.refusal(Route.REPORT, WebUsers.basic(WebUsers.VIEWER, WebUsers.PASSWORD), null, "10.0.0.10"))
                .as("another address").isNull();
        assertThat(registry.get("gpuledger_http_auth_failures").tag("reason", "bad_credentials").counter().count())
                .isEqualTo(AccessControl.FAILURES_ALLOWED);
        assertThat(registry.get("gpuledger_http_auth_failures").tag("reason", "throttled").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aForwardedByHeaderCountsOnlyWithTheClusterSecret() {
        AccessControl secured = new AccessControl(null, SECRET, "0.0.0.0", new SimpleMeterRegistry());
        assertThat(secured.fromPeer(SECRET)).isTrue();
        assertThat(secured.fromPeer(null)).isFalse();
        assertThat(secured.fromPeer("cluster-secret-7f3a9e0")).isFalse();
        assertThat(secured.internalOpenToOtherHosts()).isFalse();
        assertThat(new AccessControl(null, null, "0.0.0.0", new SimpleMeterRegistry()).internalOpenToOtherHosts())
                .isTrue();
    }

    @Test
    void withoutAWebConfigurationOnlyLoopbackMayChangeState() {
        AccessControl loopback = new AccessControl(null, null, "127.0.0.1", new SimpleMeterRegistry());
        AccessControl exposed = new AccessControl(null, null, "0.0.0.0", new SimpleMeterRegistry());
        assertThat(loopback.refusal(Route.REPLAYS, null, null, "127.0.0.1")).isNull();
        assertThat(loopback.openToOtherHosts()).isFalse();
        assertThat(exposed.openToOtherHosts()).isTrue();
        assertThat(exposed.refusal(Route.REPORT, null, null, "10.0.0.1")).isNull();
        assertThat(exposed.refusal(Route.REPLAYS, null, null, "10.0.0.1").status()).isEqualTo(403);
        assertThat(exposed.refusal(Route.REPLAY, null, null, "10.0.0.1").status()).isEqualTo(403);
    }
}
