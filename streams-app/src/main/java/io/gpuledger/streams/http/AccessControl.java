package io.gpuledger.streams.http;

import io.gpuledger.streams.config.WebConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Who may be answered, route by route ({@link Route#role()}): with a {@link WebConfig}, every route but health and
 * the internal ones needs a user (HTTP Basic, bcrypt) or a bearer token holding the route's role; without one,
 * everything is open on loopback, and on any other address what changes state (admin) is refused, because anyone who
 * can reach the port would otherwise start replays.
 *
 * <p>Failed logins are counted ({@code gpuledger_http_auth_failures_total}) and limited per client address: after
 * {@value #FAILURES_ALLOWED} within a minute, that address gets 429 with {@code Retry-After} until the minute is over,
 * whatever it sends. A successful check is remembered (by a SHA-256 of the header, never the header) so that bcrypt's
 * deliberate cost is paid once per client, not on every scrape.
 */
final class AccessControl {

    static final int FAILURES_ALLOWED = 10;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    private static final int REMEMBERED = 1024;
    private static final String CHALLENGE = "Basic realm=\"gpuledger\", Bearer realm=\"gpuledger\"";

    private final WebConfig config;
    private final byte[] clusterSecret;
    private final boolean loopback;
    private final Counter badCredentials;
    private final Counter throttled;
    private final Map<String, WebConfig.Account> verified = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    /**
     * @param config        null: no authentication ({@code --web-config} not given)
     * @param clusterSecret what internal calls must show; null: internal routes are not authenticated
     */
    AccessControl(WebConfig config, String clusterSecret, String bind, MeterRegistry registry) {
        this.config = config;
        this.clusterSecret = clusterSecret == null ? null : clusterSecret.getBytes(StandardCharsets.UTF_8);
        this.loopback = isLoopback(bind);
        this.badCredentials = Counter.builder("gpuledger_http_auth_failures")
                .description("Requests refused for missing or wrong credentials, or because their address failed too "
                        + "often").tag("reason", "bad_credentials").register(registry);
        this.throttled = Counter.builder("gpuledger_http_auth_failures")
                .description("Requests refused for missing or wrong credentials, or because their address failed too "
                        + "often").tag("reason", "throttled").register(registry);
    }

    boolean enabled() {
        return config != null;
    }

    /** Whether the listener is reachable from other hosts without authentication: worth a warning at startup. */
    boolean openToOtherHosts() {
        return config == null && !loopback;
    }

    /** Whether internal routes are reachable from other hosts without the cluster secret. */
    boolean internalOpenToOtherHosts() {
        return clusterSecret == null && !loopback;
    }

    /** Whether a request showing {@code secretHeader} comes from another instance (always, without a secret). */
    boolean fromPeer(String secretHeader) {
        return clusterSecret == null || secretHeader != null
                && MessageDigest.isEqual(clusterSecret, secretHeader.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Null when the request may be answered; otherwise the refusal (401, 403 or 429). {@code clusterSecretHeader} is
     * what the request showed as the cluster secret (internal routes), {@code authorization} its credentials.
     */
    Responses refusal(Route route, String authorization, String clusterSecretHeader, String clientAddress) {
        Role needed = route.role();
        if (needed == Role.OPEN) {
            return null;
        }
        if (needed == Role.CLUSTER) {
            // Between instances only: a user's credentials, however strong, do not open these.
            return fromPeer(clusterSecretHeader) ? null : Responses.json(403, Map.of("error",
                    route.documentedPath() + " is internal: only instances holding the cluster secret may call it"));
        }
        if (config == null) {
            if (needed == Role.ADMIN && !loopback) {
                return Responses.json(403, Map.of("error", route.documentedPath() + " changes state and needs "
                        + "the admin role: start the service with --web-config to grant it (it is open without one "
                        + "only on a loopback address)"));
            }
            return null;
        }
        if (throttledNow(clientAddress)) {
            throttled.increment();
            return Responses.json(429, Map.of("error", "too many failed logins from " + clientAddress
                    + "; try again later")).withHeader("Retry-After", String.valueOf(FAILURE_WINDOW.toSeconds()));
        }
        Optional<WebConfig.Account> account = authenticate(authorization);
        if (account.isEmpty()) {
            if (authorization != null) {
                recordFailure(clientAddress);
            }
            badCredentials.increment();
            return Responses.json(401, Map.of("error", authorization == null
                    ? "authentication required: HTTP Basic (a user of the web configuration) or a bearer token"
                    : "wrong user, password or token")).withHeader("WWW-Authenticate", CHALLENGE);
        }
        if (!account.get().grants().contains(grant(needed))) {
            return Responses.json(403, Map.of("error", account.get().name() + " lacks the "
                    + needed.name().toLowerCase(java.util.Locale.ROOT) + " role that " + route.documentedPath()
                    + " needs"));
        }
        return null;
    }

    private static WebConfig.Grant grant(Role role) {
        return switch (role) {
            case VIEWER -> WebConfig.Grant.VIEWER;
            case METRICS -> WebConfig.Grant.METRICS;
            case ADMIN -> WebConfig.Grant.ADMIN;
            case OPEN, CLUSTER -> throw new IllegalArgumentException(role + " needs no grant");
        };
    }

    private Optional<WebConfig.Account> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String key = sha256Hex(authorization);
        WebConfig.Account known = verified.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<WebConfig.Account> checked = check(authorization.strip());
        checked.ifPresent(account -> {
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
            verified.put(key, account);
        });
        return checked;
    }

    private Optional<WebConfig.Account> check(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = authorization.substring(0, space);
        String value = authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            byte[] digest = HexFormat.of().parseHex(sha256Hex(value));
            for (WebConfig.Account token : config.tokens().values()) {
                if (MessageDigest.isEqual(digest, HexFormat.of().parseHex(token.secretDigest()))) {
                    return Optional.of(token);
                }
            }
            return Optional.empty();
        }
        if (!scheme.equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        WebConfig.Account user = config.users().get(decoded.substring(0, colon));
        if (user == null) {
            return Optional.empty();
        }
        try {
            return BCrypt.checkpw(decoded.substring(colon + 1), user.secretDigest()) ? Optional.of(user)
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            // A password bcrypt cannot take (over 72 bytes): a wrong password, not an error.
            return Optional.empty();
        }
    }

    private boolean throttledNow(String clientAddress) {
        Deque<Long> times = failures.get(clientAddress);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            expire(times);
            return times.size() >= FAILURES_ALLOWED;
        }
    }

    private void recordFailure(String clientAddress) {
        if (failures.size() > REMEMBERED) {
            failures.clear();
        }
        Deque<Long> times = failures.computeIfAbsent(clientAddress, address -> new ArrayDeque<>());
        synchronized (times) {
            expire(times);
            times.addLast(System.nanoTime());
        }
    }

    private static void expire(Deque<Long> times) {
        long oldest = System.nanoTime() - FAILURE_WINDOW.toNanos();
        while (!times.isEmpty() && times.peekFirst() < oldest) {
            times.removeFirst();
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
