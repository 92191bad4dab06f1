package io.gpuledger.streams.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Plain HTTP GETs to the other instances of the application (their {@code application.server}), for forwarded
 * reports and the internal fan-out endpoints. A peer that cannot be reached is a {@link StoreUnavailableException}:
 * the data it holds is not available now.
 */
public final class PeerClient implements AutoCloseable {

    /** Marks a request one instance sent another, so that a request is forwarded at most once. */
    public static final String FORWARDED_BY_HEADER = "X-Gpuledger-Forwarded-By";
    /** Names the instance that computed a report (relayed unchanged when a report was forwarded). */
    public static final String COMPUTED_BY_HEADER = "X-Gpuledger-Computed-By";

    /** The cluster secret, on every call to a peer: internal routes answer only those who show it. */
    public static final String CLUSTER_SECRET_HEADER = "X-Gpuledger-Cluster-Secret";

    private final ExecutorService executor;
    private final String clusterSecret;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param timeout       how long one request to a peer may take, connection included
     * @param clusterSecret sent with every call, or null when the instances use none
     */
    public PeerClient(Duration timeout, String clusterSecret) {
        this.timeout = timeout;
        this.clusterSecret = clusterSecret;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gpuledger-peer-client");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(Math.min(5, Math.max(1, timeout.toSeconds()))))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** A peer's answer as received (body not decompressed: no Accept-Encoding is sent). */
    public record PeerResponse(int status, String contentType, String retryAfter, String computedBy, byte[] body) {
    }

    public Duration timeout() {
        return timeout;
    }

    /** Sends {@code GET pathAndQuery} to {@code peer}; completes exceptionally with a StoreUnavailableException. */
    public CompletableFuture<PeerResponse> getAsync(HostInfo peer, String pathAndQuery, Map<String, String> headers) {
        return getAsync(peer, pathAndQuery, headers, timeout);
    }

    /** {@link #getAsync(HostInfo, String, Map)} with its own time limit (a forwarded report may take longer). */
    public CompletableFuture<PeerResponse> getAsync(HostInfo peer, String pathAndQuery, Map<String, String> headers,
                                                    Duration requestTimeout) {
        URI uri;
        try {
            uri = URI.create("http://" + hostForUri(peer.host()) + ":" + peer.port() + pathAndQuery);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("bad peer address " + peer));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
        headers.forEach(request::header);
        if (clusterSecret != null) {
            request.header(CLUSTER_SECRET_HEADER, clusterSecret);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(unreachable(peer, failure));
                    }
                    return new PeerResponse(response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                            response.headers().firstValue("Retry-After").orElse(null),
                            response.headers().firstValue(COMPUTED_BY_HEADER).orElse(null),
                            response.body());
                });
    }

    /** Blocking {@link #getAsync(HostInfo, String, Map, Duration)}. */
    public PeerResponse get(HostInfo peer, String pathAndQuery, Map<String, String> headers,
                            Duration requestTimeout) {
        return await(getAsync(peer, pathAndQuery, headers, requestTimeout), peer, requestTimeout);
    }

    /** Waits for a peer's answer for at most the client timeout (plus a margin for the connection). */
    public <T> T await(CompletableFuture<T> pending, HostInfo peer) {
        return await(pending, peer, timeout);
    }

    private <T> T await(CompletableFuture<T> pending, HostInfo peer, Duration limit) {
        try {
            return pending.get(limit.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreUnavailableException unavailable ? unavailable
                    : unreachable(peer, e.getCause());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new StoreUnavailableException("instance " + peer + " did not answer within " + limit.toSeconds()
                    + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for instance " + peer);
        }
    }

    private static StoreUnavailableException unreachable(HostInfo peer, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof StoreUnavailableException unavailable) {
            return unavailable;
        }
        String why = cause instanceof HttpTimeoutException ? "timed out"
                : cause instanceof IOException && cause.getMessage() == null ? cause.getClass().getSimpleName()
                : String.valueOf(cause.getMessage());
        return new StoreUnavailableException("instance " + peer + " cannot be reached: " + why);
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
