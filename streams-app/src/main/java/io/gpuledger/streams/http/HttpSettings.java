package io.gpuledger.streams.http;

import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.config.WebConfig;
import java.time.Duration;

/**
 * The HTTP listener and its limits.
 *
 * @param bind               address to listen on ({@code 127.0.0.1} unless exposed on purpose)
 * @param port               port, 0 for any free one ({@link HttpApi#port()} tells which)
 * @param maxHeaderBytes     request line plus headers: a longer URL or header block is refused with 431
 * @param idleTimeout        a connection idle this long is closed
 * @param queryTimeout       a report still computing after this long is answered 504
 * @param queryThreads       reports computed at once; more wait in a queue
 * @param maxQueuedQueries   reports waiting beyond these are answered 503 with Retry-After
 * @param headerTimeout      how long a new connection may take to send its first request header
 * @param peerTimeout        how long another instance may take for its share of a query
 * @param retryAfter         the Retry-After of 503 answers while data are unavailable (rebalance, start)
 */
public record HttpSettings(String bind, int port, int maxHeaderBytes, Duration idleTimeout, Duration headerTimeout,
                           Duration queryTimeout, int queryThreads, int maxQueuedQueries, Duration peerTimeout,
                           Duration retryAfter, WebConfig webConfig,
                           String clusterSecret) {

    /**
     * HTTP threads beyond those that computed reports can hold (running or queued): health, metrics, the page's
     * assets, internal calls and the quick 503 of a report past the bound always find a thread.
     */
    static final int HEADROOM_THREADS = 48;

    public HttpSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (queryThreads < 1 || maxQueuedQueries < 0) {
            throw new IllegalArgumentException("queryThreads must be >= 1 and maxQueuedQueries >= 0");
        }
    }

    /**
     * Defaults for {@code bind:port}: 16 KiB of headers, 30 s idle, 10 s to send a connection's first request header,
     * 120 s per report, one computed report per core (at least 2) and 4 waiting per running one.
     */
    public static HttpSettings defaults(String bind, int port) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new HttpSettings(bind, port, 16 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(120), threads, 4 * threads, Duration.ofSeconds(30), Duration.ofSeconds(5), null,
                null);
    }

    /**
     * The HTTP server's thread bound: more than the reports that can run or wait, so that a report past the bound
     * is answered 503 at once instead of waiting for an HTTP thread (where latency, not the bound, would grow).
     */
    public int httpThreads() {
        return queryThreads + maxQueuedQueries + HEADROOM_THREADS;
    }

    /** The settings of {@code config}, its web configuration read and checked (a bad file stops the start). */
    public static HttpSettings from(StreamsAppConfig config) {
        return defaults(config.bind(), config.httpPort())
                .withWebConfig(config.webConfig() == null ? null : WebConfig.load(config.webConfig()))
                .withClusterSecret(config.clusterSecretFile() == null ? null
                        : readClusterSecret(config.clusterSecretFile()));
    }

    /** The secret instances show each other; null: internal calls are not authenticated. */
    public HttpSettings withClusterSecret(String secret) {
        return new HttpSettings(bind, port, maxHeaderBytes, idleTimeout, headerTimeout, queryTimeout, queryThreads,
                maxQueuedQueries, peerTimeout, retryAfter, webConfig, secret);
    }

    private static String readClusterSecret(java.nio.file.Path file) {
        String secret;
        try {
            secret = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new io.gpuledger.streams.config.ConfigException("--cluster-secret-file " + file
                    + ": cannot read it (" + e.getMessage() + ")");
        }
        if (secret.length() < 16 || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new io.gpuledger.streams.config.ConfigException("--cluster-secret-file " + file
                    + ": the secret must be at least 16 printable ASCII characters without spaces");
        }
        return secret;
    }

    /** Who may use the API; null: nobody needs to authenticate (see {@link AccessControl}). */
    public HttpSettings withWebConfig(WebConfig users) {
        return new HttpSettings(bind, port, maxHeaderBytes, idleTimeout, headerTimeout, queryTimeout, queryThreads,
                maxQueuedQueries, peerTimeout, retryAfter, users, clusterSecret);
    }

    public HttpSettings withQueryTimeout(Duration timeout) {
        return new HttpSettings(bind, port, maxHeaderBytes, idleTimeout, headerTimeout, timeout, queryThreads,
                maxQueuedQueries, peerTimeout, retryAfter, webConfig, clusterSecret);
    }

    public HttpSettings withQueryThreads(int threads, int queued) {
        return new HttpSettings(bind, port, maxHeaderBytes, idleTimeout, headerTimeout, queryTimeout, threads, queued,
                peerTimeout, retryAfter, webConfig, clusterSecret);
    }
}
