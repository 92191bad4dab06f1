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
                           Duration retryAfter, WebConfig webConfig) {

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
                Duration.ofSeconds(120), threads, 4 * threads, Duration.ofSeconds(30), Duration.ofSeconds(5), null);
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
                .withWebConfig(config.webConfig() == null ? null : WebConfig.load(config.webConfig()));
    }

    /** Who may use the API; null: nobody needs to authenticate (see {@link AccessControl}). */
    public HttpSettings withWebConfig(WebConfig users) {
        return new HttpSettings(bind, port, maxHeaderBytes, idleTimeout, headerTimeout, queryTimeout, queryThreads,
                maxQueuedQueries, peerTimeout, retryAfter, users);
    }

    public HttpSettings withQueryTimeout(Duration timeout) {
        return new HttpSettings(bind, port, maxHeaderBytes, idleTimeout, headerTimeout, timeout, queryThreads,
                maxQueuedQueries, peerTimeout, retryAfter, webConfig);
    }

    public HttpSettings withQueryThreads(int threads, int queued) {
        return new HttpSettings(bind, port, maxHeaderBytes, idleTimeout, headerTimeout, queryTimeout, threads, queued,
                peerTimeout, retryAfter, webConfig);
    }
}
