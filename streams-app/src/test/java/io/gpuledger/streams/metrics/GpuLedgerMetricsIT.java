package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry without a service: JVM meters, HTTP timers, replay counters, content negotiation. */
class GpuLedgerMetricsIT {

    private GpuLedgerMetrics metrics;

    @BeforeEach
    void create() {
        metrics = GpuLedgerMetrics.create();
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    private String text() {
        GpuLedgerMetrics.Scrape scrape = metrics.scrape(null);
        assertThat(scrape.contentType()).isEqualTo(GpuLedgerMetrics.PROMETHEUS_TEXT);
        return new String(scrape.body(), StandardCharsets.UTF_8);
    }

    @Test
    void jvmAndProcessMetersAreBound() {
        assertThat(text()).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ",
                "jvm_classes_loaded_classes ", "process_uptime_seconds ", "system_cpus ", "process_cpu_seconds_total ", "jvm_info{");
    }

    @Test
    void requestsAreTimedByRouteAndStatus() {
        metrics.recordRequest("/api/v1/report", 200, 3_000_000);
        metrics.recordRequest("/api/v1/report", 200, 5_000_000);
        metrics.recordRequest("/api/v1/report", 400, 1_000_000);
        metrics.recordRequest(null, 404, 1_000_000);
        String text = text();
        assertThat(text).contains("http_server_requests_seconds_count{route=\"/api/v1/report\",status=\"200\"} 2")
                .contains("http_server_requests_seconds_sum{route=\"/api/v1/report\",status=\"200\"} 0.008")
                .contains("http_server_requests_seconds_count{route=\"/api/v1/report\",status=\"400\"} 1")
                .contains("http_server_requests_seconds_count{route=\"unmatched\",status=\"404\"} 1");
    }

    @Test
    void replayCountersAppearAtZeroPerSourceAndCount() {
        ReplayProgress progress = metrics.replayProgress();
        progress.started("gpu_state_2025-11.db");
        assertThat(text()).contains("gpuledger_replay_bad_rows_total{source=\"gpu_state_2025-11.db\"} 0.0")
                .contains("gpuledger_replay_rejected_files_total{source=\"gpu_state_2025-11.db\"} 0.0");
        progress.rowsRead("gpu_state_2025-11.db", 1200);
        progress.rowsRead("gpu_state_2025-11.db", 300);
        progress.snapshotsSent("gpu_state_2025-11.db", 40);
        progress.badRows("gpu_state_2025-11.db", 2);
        progress.fileCompleted("gpu_state_2025-11.db");
        progress.fileRejected("gpu_state_2025-12.db");
        assertThat(text()).contains("gpuledger_replay_rows_total{source=\"gpu_state_2025-11.db\"} 1500.0")
                .contains("gpuledger_replay_snapshots_total{source=\"gpu_state_2025-11.db\"} 40.0")
                .contains("gpuledger_replay_bad_rows_total{source=\"gpu_state_2025-11.db\"} 2.0")
                .contains("gpuledger_replay_completed_files_total{source=\"gpu_state_2025-11.db\"} 1.0")
                .contains("gpuledger_replay_rejected_files_total{source=\"gpu_state_2025-12.db\"} 1.0")
                .contains("gpuledger_replay_rows_total{source=\"gpu_state_2025-12.db\"} 0.0");
    }

    @Test
    void openMetricsIsServedWhenPrometheusAsksForIt() {
        GpuLedgerMetrics.Scrape scrape = metrics.scrape(
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        assertThat(scrape.contentType()).isEqualTo(GpuLedgerMetrics.OPENMETRICS_TEXT);
        assertThat(new String(scrape.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }

    @Test
    void thePrometheusTextOfTheRegistryPassesPromtoolsLint() {
        metrics.recordRequest("/metrics", 200, 2_000_000);
        metrics.replayProgress().started("gpu_state_2025-11.db");
        Promtool.Result check = Promtool.run(text(), "check", "metrics");
        assertThat(check.exitCode()).as("promtool check metrics:\n%s", check.output()).isZero();
    }
}
