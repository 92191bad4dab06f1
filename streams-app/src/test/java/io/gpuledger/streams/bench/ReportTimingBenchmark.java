package io.gpuledger.streams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wall time of reports from a running instance, one request at a time (issue 4's query goals): for each report, 2 s
 * of warm-up requests (a service answers reports for weeks; the first few requests run interpreted code) then 20
 * timed ones; prints median, min and max, the response size, and the instance's heap use
 * from its {@code /metrics}. Each report is timed twice: "computed", where every request names another window end
 * (one minute apart, so nothing computed before can be reused), and "repeated", the same request 20 times (what a
 * dashboard does; answered from reports already computed for unchanged data). Not a test:
 * {@code deploy/bench/queries.sh} runs it.
 *
 * <pre>java -cp ... io.gpuledger.streams.bench.ReportTimingBenchmark http://127.0.0.1:8080/ [hours ...] [--monthly YYYY-MM]</pre>
 */
public final class ReportTimingBenchmark {

    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final int RUNS = 20;

    private ReportTimingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        List<String> hours = new ArrayList<>();
        String month = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--monthly")) {
                month = args[++i];
            } else {
                hours.add(args[i]);
            }
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String latest = json(new String(check(client.send(HttpRequest.newBuilder(
                URI.create(base + "api/v1/report?hours-back=1")).build(), HttpResponse.BodyHandlers.ofByteArray()),
                base), java.nio.charset.StandardCharsets.UTF_8)).at("/metadata/end_time").asText();
        java.time.LocalDateTime end = io.gpuledger.ingest.snapshot.SnapshotTime.parse(latest);
        for (String hoursBack : hours) {
            String url = base + "api/v1/report?hours-back=" + hoursBack;
            time(client, hoursBack + " h, computed", i -> url + "&end-time=" + java.net.URLEncoder.encode(
                    io.gpuledger.ingest.snapshot.SnapshotTime.formatSeconds(end.minusMinutes(i)),
                    java.nio.charset.StandardCharsets.UTF_8));
            time(client, hoursBack + " h, repeated", i -> url);
        }
        if (month != null) {
            String url = base + "api/v1/report?type=monthly&month=" + month;
            // The same month through distinct end-times in the month after it (rules §4.11's default month), so every
            // request is a new query over the same window.
            java.time.LocalDateTime nextMonth = java.time.YearMonth.parse(month).plusMonths(1).atDay(1).atStartOfDay();
            time(client, "monthly " + month + ", computed", i -> base + "api/v1/report?type=monthly&end-time="
                    + java.net.URLEncoder.encode(io.gpuledger.ingest.snapshot.SnapshotTime.formatSeconds(
                            nextMonth.plusMinutes(i + 1)), java.nio.charset.StandardCharsets.UTF_8));
            time(client, "monthly " + month + ", repeated", i -> url);
        }
        System.out.printf("heap used by the instance: %,.0f MB (jvm_memory_used_bytes, area=heap)%n",
                heapUsedBytes(client, base) / 1e6);
    }

    private static void time(HttpClient client, String label, java.util.function.IntFunction<String> urls)
            throws Exception {
        long bytes = 0;
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        // Warm-up windows end 1000+ minutes back, so none of them is a timed request answered from the report cache.
        for (int i = 0; System.nanoTime() < warmUpEnd; i++) {
            String url = urls.apply(1000 + i % 2000);
            bytes = check(client.send(request(url), HttpResponse.BodyHandlers.ofByteArray()), url).length;
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            String url = urls.apply(i);
            HttpRequest request = request(url);
            long start = System.nanoTime();
            check(client.send(request, HttpResponse.BodyHandlers.ofByteArray()), url);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-30s median %8.1f ms   min %8.1f ms   max %8.1f ms   (%,d bytes of JSON, %d runs)%n",
                label, nanos[RUNS / 2] / 1e6, nanos[0] / 1e6, nanos[RUNS - 1] / 1e6, bytes, RUNS);
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build();
    }

    private static byte[] check(HttpResponse<byte[]> response, String url) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
        return response.body();
    }

    /** Sum of the heap pools' used bytes from the Prometheus exposition. */
    private static double heapUsedBytes(HttpClient client, String base) throws Exception {
        String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double used = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }
}
