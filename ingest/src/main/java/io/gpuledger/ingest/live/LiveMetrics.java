package io.gpuledger.ingest.live;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Progress and health of {@code ingest live}, in Prometheus text on {@code /metrics}: when the last collection
 * succeeded (alert when it is older than a few cadences), the ads, rows and records so far, and the collections that
 * failed, by why. Plain counters behind the JDK's HTTP server: this program has no other HTTP needs.
 */
public final class LiveMetrics implements AutoCloseable {

    /** Why a collection did not go through. */
    public enum Failure {
        /** The command exited non-zero or could not start; the input was not JSON. */
        FAILED,
        /** The command ran past {@code --timeout}. */
        TIMEOUT,
        /** Stamped further in the future than {@code --max-future-skew}. */
        REFUSED,
        /** Kafka or the monthly file did not take it. */
        NOT_STORED
    }

    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong ads = new AtomicLong();
    private final AtomicLong badAds = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong[] failures = new AtomicLong[Failure.values().length];
    private final AtomicReference<Double> lastSuccessSeconds = new AtomicReference<>(0.0);
    private final AtomicReference<Double> lastDurationSeconds = new AtomicReference<>(0.0);
    private final AtomicLong lastRows = new AtomicLong();
    private HttpServer server;

    public LiveMetrics() {
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new AtomicLong();
        }
    }

    void succeeded(Collection collection, int published, double seconds, long epochMillis) {
        collections.incrementAndGet();
        ads.addAndGet(collection.ads());
        badAds.addAndGet(collection.problems().size());
        rows.addAndGet(collection.rows().size());
        records.addAndGet(published);
        lastRows.set(collection.rows().size());
        lastDurationSeconds.set(seconds);
        lastSuccessSeconds.set(epochMillis / 1000.0);
    }

    void failed(Failure why) {
        failures[why.ordinal()].incrementAndGet();
    }

    public long failures(Failure why) {
        return failures[why.ordinal()].get();
    }

    public long collections() {
        return collections.get();
    }

    /** Serves {@code /metrics} on {@code host:port} (0 = a free port); returns the port. */
    public int serve(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    /** The Prometheus text exposition. */
    public String render() {
        StringBuilder out = new StringBuilder();
        gauge(out, "gpuledger_live_last_success_timestamp_seconds",
                "When the last collection was published (and written), Unix seconds; 0 before the first.",
                lastSuccessSeconds.get());
        out.append("# HELP gpuledger_live_last_collection_rows Rows of the last successful collection.\n");
        out.append("# TYPE gpuledger_live_last_collection_rows gauge\n");
        out.append("gpuledger_live_last_collection_rows ").append(lastRows.get()).append('\n');
        gauge(out, "gpuledger_live_last_collection_duration_seconds",
                "From the start of the last successful collection to its last acknowledgement.",
                lastDurationSeconds.get());
        counter(out, "gpuledger_live_collections_total", "Collections published (or, with --dry-run, processed).",
                collections.get());
        counter(out, "gpuledger_live_ads_total", "Ads read in successful collections, bad ones included.", ads.get());
        counter(out, "gpuledger_live_bad_ads_total", "Ads skipped as bad (no Name/Machine, wrong types).",
                badAds.get());
        counter(out, "gpuledger_live_rows_total", "Rows made from ads (rules §1.7).", rows.get());
        counter(out, "gpuledger_live_records_total", "Host snapshots published to Kafka.", records.get());
        out.append("# HELP gpuledger_live_failures_total Collections that did not go through, by reason.\n");
        out.append("# TYPE gpuledger_live_failures_total counter\n");
        for (Failure why : Failure.values()) {
            out.append("gpuledger_live_failures_total{reason=\"").append(why.name().toLowerCase(Locale.ROOT))
                    .append("\"} ").append(failures[why.ordinal()].get()).append('\n');
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
