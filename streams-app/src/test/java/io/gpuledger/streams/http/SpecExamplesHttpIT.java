package io.gpuledger.streams.http;

import static io.gpuledger.streams.http.HttpFixtures.get;
import static io.gpuledger.streams.http.HttpFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rules §7's worked examples A, C and D through HTTP: their snapshots are produced to the topic as the loader does, the
 * service is started on it and asked over HTTP, and the JSON carries the rules' numbers. The three examples lie on
 * different days, so each is asked with its own {@code end-time} (the default end is Example D's latest snapshot).
 * The CHTC-owned list is the shipped one plus Example D's {@code gpu2.chtc.wisc.edu}, which no other example uses.
 */
@WithKafka
class SpecExamplesHttpIT {

    private static final Offset<Double> EXACT = within(1e-9);
    private static final String A_END = SpecExamples.A.T2;
    private static final String C_END = "2025-01-01 10:15:00";

    private static Path dir;
    private static ServiceLauncher.Instance instance;
    private static String url;

    @BeforeAll
    static void start(KafkaBroker kafka) throws IOException {
        dir = HttpFixtures.tempDir("gpuledger-examples-");
        Path chtc = dir.resolve("chtc_owned.txt");
        List<String> hosts = new ArrayList<>(ChtcOwnedList.shippedDefault().hosts());
        hosts.add("gpu2.chtc.wisc.edu");
        Files.write(chtc, hosts);
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("examples"), 3);
        List<HostSnapshot> snapshots = new ArrayList<>();
        snapshots.addAll(SpecExamples.exampleA().snapshots());
        snapshots.addAll(SpecExamples.exampleC().snapshots());
        snapshots.addAll(SpecExamples.exampleD().snapshots());
        HttpFixtures.produce(kafka, topic, snapshots);
        instance = HttpFixtures.start(HttpFixtures.config(kafka, topic, "examples-" + topic, dir, 3,
                Map.of("chtc-owned", chtc.toString(), "history-days", "1000")));
        url = instance.baseUrl();
        HttpFixtures.awaitReady(url, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
        HttpFixtures.deleteRecursively(dir);
    }

    private static JsonNode json(String pathAndQuery) {
        HttpFixtures.Answer answer = get(url, pathAndQuery);
        assertThat(answer.status()).as("%s -> %s", pathAndQuery, answer).isEqualTo(200);
        assertThat(answer.header("content-type")).startsWith("application/json");
        return answer.json();
    }

    private static JsonNode realSlots(JsonNode report, String label) {
        for (JsonNode row : report.path("real_slots")) {
            if (row.path("label").asText().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("no Real Slots row '" + label + "' in " + report.path("real_slots"));
    }

    private static List<String> realSlotsLabels(JsonNode report) {
        List<String> labels = new ArrayList<>();
        report.path("real_slots").forEach(row -> labels.add(row.path("label").asText()));
        return labels;
    }

    private static void assertRow(JsonNode row, double percent, double claimed, double drained, double available) {
        assertThat(row.path("allocated_percent").asDouble()).as("%s %%", row).isCloseTo(percent, within(1e-9));
        assertThat(row.path("claimed").asDouble()).as("%s claimed", row).isCloseTo(claimed, EXACT);
        assertThat(row.path("drained").asDouble()).as("%s drained", row).isCloseTo(drained, EXACT);
        assertThat(row.path("available").asDouble()).as("%s available", row).isCloseTo(available, EXACT);
    }

    private static JsonNode ratioRow(JsonNode rows, String label) {
        for (JsonNode row : rows) {
            if (row.path("label").asText().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("no row '" + label + "' in " + rows);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Example A (rules §7.1)

    @Test
    void exampleARealSlots() {
        JsonNode report = json(report("end-time", A_END, "hours-back", "1"));
        assertThat(report.path("metadata").path("num_intervals").asInt()).isEqualTo(2);
        assertThat(report.path("metadata").path("total_records").asInt()).isEqualTo(31);
        assertThat(report.path("metadata").path("start_time").asText()).isEqualTo(SpecExamples.A.T1);
        assertThat(report.path("metadata").path("end_time").asText()).isEqualTo(SpecExamples.A.T2);
        assertThat(realSlotsLabels(report)).containsExactly("TOTAL (primary + secondary)", "Prioritized (TOTAL)",
                "Primary", "Researcher-Owned Hardware", "Researcher-Reserved Capacity", "Secondary (Backfill)",
                "Researcher-Owned Hardware (secondary)", "Researcher-Reserved Capacity (secondary)",
                "Open Capacity (TOTAL)", "Open Capacity (Flagship)");
        assertRow(realSlots(report, "TOTAL (primary + secondary)"), 50.0, 4.0, 0.5, 8.0);
        assertRow(realSlots(report, "Prioritized (TOTAL)"), 50.0, 3.0, 0.0, 6.0);
        assertRow(realSlots(report, "Primary"), 100.0 * 2.0 / 6.0, 2.0, 0.0, 6.0);
        assertRow(realSlots(report, "Researcher-Owned Hardware"), 37.5, 1.5, 0.0, 4.0);
        assertRow(realSlots(report, "Researcher-Reserved Capacity"), 25.0, 0.5, 0.0, 2.0);
        assertRow(realSlots(report, "Secondary (Backfill)"), 25.0, 1.0, 0.0, 4.0);
        assertRow(realSlots(report, "Researcher-Owned Hardware (secondary)"), 40.0, 1.0, 0.0, 2.5);
        assertRow(realSlots(report, "Researcher-Reserved Capacity (secondary)"), 0.0, 0.0, 0.0, 1.5);
        assertRow(realSlots(report, "Open Capacity (TOTAL)"), 50.0, 1.0, 0.5, 2.0);
        assertRow(realSlots(report, "Open Capacity (Flagship)"), 50.0, 1.0, 0.5, 2.0);
        report.path("real_slots").forEach(row -> assertThat(row.path("prevented").asDouble()).isZero());
        assertThat(report.path("subject_percentages").toString()).isEqualTo("[37.5,25.0,50.0,25.0]");
    }

    @Test
    void exampleARawDeviceStatsMemoryUsersDraining() {
        JsonNode report = json(report("end-time", A_END, "hours-back", "1"));
        JsonNode devices = report.path("device_stats");
        assertThat(devices.fieldNames()).toIterable().containsExactly("Priority-ResearcherOwned",
                "Priority-CHTCOwned", "Shared", "Backfill-ResearcherOwned", "Backfill-CHTCOwned",
                "Backfill-OpenCapacity");
        JsonNode pro = devices.path("Priority-ResearcherOwned").path(SpecExamples.L40S);
        assertThat(pro.path("avg_claimed").asDouble()).isEqualTo(1.5);
        assertThat(pro.path("avg_total_available").asDouble()).isEqualTo(4.0);
        assertThat(pro.path("allocation_usage_percent").asDouble()).isEqualTo(37.5);
        assertThat(pro.path("num_intervals").asInt()).isEqualTo(2);
        JsonNode shared = devices.path("Shared").path(SpecExamples.H200);
        assertThat(shared.path("avg_claimed").asDouble()).isEqualTo(1.0);
        assertThat(shared.path("avg_drained").asDouble()).isEqualTo(0.5);
        assertThat(shared.path("drained_percent").asDouble()).isEqualTo(25.0);
        JsonNode bro = devices.path("Backfill-ResearcherOwned").path(SpecExamples.L40S);
        assertThat(bro.path("avg_total_available").asDouble()).isEqualTo(2.5);
        assertThat(bro.path("allocation_usage_percent").asDouble()).isCloseTo(125.0 / 3.0, within(1e-9));
        assertThat(devices.path("Backfill-CHTCOwned").path(SpecExamples.H100).path("avg_total_available").asDouble())
                .isEqualTo(1.5);
        assertThat(devices.path("Backfill-OpenCapacity").path(SpecExamples.H200).path("avg_total_available")
                .asDouble()).isEqualTo(0.5);

        JsonNode memory = report.path("memory_stats");
        assertThat(memory.fieldNames()).toIterable().containsExactly("48GB", "80GB", ">80GB");
        assertThat(memory.path(">80GB").path("avg_claimed").asDouble()).isEqualTo(1.0);
        assertThat(memory.path(">80GB").path("avg_drained").asDouble()).isEqualTo(0.5);
        assertThat(memory.path("48GB").path("num_intervals").asInt()).isEqualTo(2);
        JsonNode total = ratioRow(report.path("memory_table"), "TOTAL");
        assertThat(total.path("allocated").asDouble()).isEqualTo(3.5);
        assertThat(total.path("available").asDouble()).isEqualTo(8.0);
        assertThat(total.path("allocated_percent").asDouble()).isEqualTo(43.75);

        assertThat(report.path("h200_user_stats").path("num_buckets").asInt()).isEqualTo(2);
        assertThat(report.path("h200_user_stats").path("users").path(SpecExamples.A.DAVE).path("total_gpu_hours")
                .asDouble()).isEqualTo(1.0);
        assertThat(report.path("backfill_user_stats").path("users").path(SpecExamples.A.CAROL)
                .path("total_gpu_hours").asDouble()).isEqualTo(1.0);

        JsonNode draining = report.path("draining_stats");
        assertThat(draining.path("has_draining").asBoolean()).isTrue();
        assertThat(draining.path("num_hosts").asInt()).isEqualTo(1);
        assertThat(draining.path("num_unique_gpus").asInt()).isEqualTo(1);
        assertThat(draining.path("num_intervals").asInt()).isEqualTo(1);
        assertThat(draining.path("total_hours").asDouble()).isEqualTo(0.25);
        assertThat(report.path("zero_active_machines").path("total_machines").asInt()).isZero();
        assertThat(report.path("prevent_jobs_stats").path("has_prevent_jobs").asBoolean()).isFalse();
    }

    @Test
    void exampleAWith24HoursMultipliesByTheRequestedLength() {
        JsonNode report = json(report("end-time", A_END));
        assertThat(report.path("metadata").path("hours_back").asInt()).isEqualTo(24);
        assertThat(report.path("h200_user_stats").path("users").path(SpecExamples.A.DAVE).path("total_gpu_hours")
                .asDouble()).isEqualTo(24.0);
        assertThat(report.path("backfill_user_stats").path("users").path(SpecExamples.A.CAROL)
                .path("total_gpu_hours").asDouble()).isEqualTo(24.0);
    }

    @Test
    void exampleATimeSeries() {
        JsonNode report = json(report("type", "timeseries", "end-time", A_END, "hours-back", "1"));
        JsonNode rows = report.path("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("timestamp").asText()).isEqualTo("2025-11-03 10:00:00");
        assertThat(series(rows.get(0))).isEqualTo("P 2/6 S 1/2 B 1/5");
        assertThat(series(rows.get(1))).isEqualTo("P 2/6 S 1/1 B 1/4");
        assertThat(rows.get(1).path("shared_usage_percent").asDouble()).isEqualTo(100.0);
    }

    private static String series(JsonNode row) {
        return "P " + row.path("priority_claimed").asInt() + "/" + row.path("priority_total").asInt()
                + " S " + row.path("shared_claimed").asInt() + "/" + row.path("shared_total").asInt()
                + " B " + row.path("backfill_claimed").asInt() + "/" + row.path("backfill_total").asInt();
    }

    @Test
    void inlineExclusionsReplaceTheConfiguredOnes() {
        JsonNode report = json(report("end-time", A_END, "hours-back", "1",
                "exclude-hosts", "excluded_hosts:\n  gpu2003: \"test exclusion\"\n"));
        JsonNode metadata = report.path("metadata");
        assertThat(metadata.path("excluded_hosts").toString()).isEqualTo("{\"gpu2003\":\"test exclusion\"}");
        assertThat(metadata.path("excluded_records").asInt()).isEqualTo(7);
        assertThat(metadata.path("total_records").asInt()).as("counted before exclusions").isEqualTo(31);
        assertThat(realSlotsLabels(report)).doesNotContain("Open Capacity (TOTAL)");
        assertRow(realSlots(report, "TOTAL (primary + secondary)"), 50.0, 3.0, 0.0, 6.0);

        JsonNode none = json(report("end-time", A_END, "hours-back", "1", "exclude-hosts", ""));
        assertThat(none.path("metadata").path("excluded_hosts").size()).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Example C (rules §7.3)

    @Test
    void exampleC() {
        JsonNode report = json(report("end-time", C_END, "hours-back", "1"));
        assertThat(report.path("metadata").path("total_records").asInt()).isEqualTo(9);
        assertThat(report.path("metadata").path("num_intervals").asInt()).isEqualTo(2);
        assertRow(realSlots(report, "TOTAL (primary + secondary)"), 100.0 * 2.0 / 3.5, 2.0, 0.0, 3.5);
        assertRow(realSlots(report, "Prioritized (TOTAL)"), 100.0 / 1.5, 1.0, 0.0, 1.5);
        assertRow(realSlots(report, "Primary"), 100.0 * 0.5 / 1.5, 0.5, 0.0, 1.5);
        assertRow(realSlots(report, "Secondary (Backfill)"), 50.0, 0.5, 0.0, 1.0);
        assertRow(realSlots(report, "Open Capacity (TOTAL)"), 50.0, 1.0, 0.0, 2.0);
        assertThat(realSlotsLabels(report)).doesNotContain("Researcher-Reserved Capacity");
        JsonNode memory = ratioRow(report.path("memory_table"), "<48GB");
        assertThat(memory.path("allocated").asDouble()).isEqualTo(1.5);
        assertThat(memory.path("available").asDouble()).isEqualTo(3.5);
        assertThat(report.path("backfill_user_stats").path("users").path("user3@domain.com").path("total_gpu_hours")
                .asDouble()).isEqualTo(0.5);
        JsonNode subject = report.path("subject_percentages");
        assertThat(subject).hasSize(3);
        assertThat(subject.get(0).asDouble()).isCloseTo(100.0 / 3.0, within(1e-9));
        assertThat(subject.get(1).asDouble()).isEqualTo(50.0);
        assertThat(subject.get(2).asDouble()).isEqualTo(50.0);

        JsonNode early = json(report("end-time", "2025-01-01 10:10:00", "hours-back", "1"));
        assertThat(early.path("metadata").path("total_records").asInt()).isEqualTo(6);
        assertThat(early.path("metadata").path("num_intervals").asInt()).isEqualTo(1);

        JsonNode host1 = json(report("end-time", C_END, "hours-back", "1", "host", "host1"));
        assertThat(host1.path("device_stats").fieldNames()).toIterable()
                .containsExactly("Priority-ResearcherOwned", "Backfill-ResearcherOwned");
        assertThat(host1.path("metadata").path("host_filter").asText()).isEqualTo("host1");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Example D (rules §7.4): the latest data, so also the default end

    @Test
    void exampleDWithTheDefaultEnd() {
        JsonNode report = json(report("hours-back", "1"));
        assertThat(report.path("metadata").path("end_time").asText()).isEqualTo("2026-05-15 10:15:00.000000");
        assertThat(report.path("metadata").path("num_intervals").asInt()).isEqualTo(2);
        assertRow(realSlots(report, "TOTAL (primary + secondary)"), 100.0, 3.0, 0.5, 3.0);
        assertRow(realSlots(report, "Primary"), 100.0 * 2.0 / 3.0, 2.0, 0.5, 3.0);
        assertRow(realSlots(report, "Researcher-Owned Hardware"), 50.0, 1.0, 0.5, 2.0);
        assertRow(realSlots(report, "Researcher-Reserved Capacity"), 100.0, 1.0, 0.0, 1.0);
        assertThat(realSlotsLabels(report)).doesNotContain("Open Capacity (TOTAL)");
        JsonNode memory = ratioRow(report.path("memory_table"), "TOTAL");
        assertThat(memory.path("allocated").asDouble()).isEqualTo(2.5);
        assertThat(memory.path("available").asDouble()).isEqualTo(3.0);
        JsonNode h200 = report.path("h200_user_stats").path("users");
        assertThat(h200.path(SpecExamples.D.BOB).path("total_gpu_hours").asDouble()).isEqualTo(1.0);
        assertThat(h200.path(SpecExamples.D.DAVE).path("total_gpu_hours").asDouble()).isEqualTo(0.5);
        JsonNode prevent = report.path("prevent_jobs_stats");
        assertThat(prevent.path("has_prevent_jobs").asBoolean()).isTrue();
        assertThat(prevent.path("num_hosts").asInt()).isEqualTo(1);
        assertThat(prevent.path("num_unique_gpus").asInt()).isEqualTo(1);
        assertThat(report.path("draining_stats").path("total_hours").asDouble()).isEqualTo(0.25);
        assertThat(report.path("zero_active_machines").path("total_machines").asInt()).isZero();
        assertThat(report.path("subject_percentages").toString()).isEqualTo("[50.0,100.0,50.0]");

        // The rules' own query (end-time 10:30) covers the same two buckets.
        JsonNode specQuery = json(report("hours-back", "1", "end-time", "2026-05-15 10:30:00"));
        assertThat(HttpFixtures.comparable(specQuery).path("real_slots"))
                .isEqualTo(HttpFixtures.comparable(report).path("real_slots"));
    }

    @Test
    void exampleDWithAllDevices() {
        JsonNode report = json(report("hours-back", "1", "all-devices", "true"));
        assertRow(realSlots(report, "TOTAL (primary + secondary)"), 60.0, 3.0, 0.5, 5.0);
        assertThat(realSlots(report, "TOTAL (primary + secondary)").path("prevented").asDouble()).isEqualTo(1.0);
        assertRow(realSlots(report, "Open Capacity (TOTAL)"), 0.0, 0.0, 0.0, 2.0);
        assertThat(realSlots(report, "Open Capacity (TOTAL)").path("prevented").asDouble()).isEqualTo(1.0);
        JsonNode memory = ratioRow(report.path("memory_table"), "TOTAL");
        assertThat(memory.path("allocated").asDouble()).isEqualTo(2.5);
        assertThat(memory.path("available").asDouble()).isEqualTo(5.0);
        JsonNode zeroActive = report.path("zero_active_machines");
        assertThat(zeroActive.path("total_machines").asInt()).isEqualTo(1);
        assertThat(zeroActive.path("machines").get(0).path("machine").asText()).isEqualTo(SpecExamples.D.GPU3);
        assertThat(zeroActive.path("machines").get(0).path("all_gpus").asInt()).isEqualTo(2);
        assertThat(report.path("subject_percentages").toString()).isEqualTo("[50.0,100.0,0.0,50.0]");
    }

    @Test
    void exampleDMonthly() {
        JsonNode report = json(report("type", "monthly", "end-time", "2026-06-01 00:00:00"));
        assertThat(report.path("month").asText()).isEqualTo("May 2026");
        assertThat(report.path("start_date").asText()).isEqualTo("2026-05-01 00:00:00");
        assertThat(report.path("end_date").asText()).isEqualTo("2026-05-31 23:59:59");
        assertThat(report.path("total_hours").asInt()).isEqualTo(744);
        assertThat(report.path("data_coverage").path("total_records").asInt()).isEqualTo(14);
        assertThat(report.path("data_coverage").path("unique_intervals").asInt()).isEqualTo(2);
        JsonNode h200 = report.path("h200_user_stats").path("users");
        assertThat(h200.path(SpecExamples.D.BOB).path("total_gpu_hours").asDouble()).isEqualTo(744.0);
        assertThat(h200.path(SpecExamples.D.DAVE).path("total_gpu_hours").asDouble()).isEqualTo(372.0);
        assertThat(report.has("backfill_user_stats")).isFalse();

        assertThat(HttpFixtures.comparable(json(report("type", "monthly", "month", "2026-05"))))
                .as("month=2026-05 is the same report").isEqualTo(HttpFixtures.comparable(report));
    }

    @Test
    void exampleDGpuModelSnapshot() {
        JsonNode listing = json(report("type", "gpu_model_snapshot", "snapshot-time", "2026-05-15 10:00:00"));
        assertThat(listing.path("models").toString()).isEqualTo(
                "[\"NVIDIA A100-SXM4-40GB\",\"NVIDIA H200\",\"Tesla P100-PCIE-16GB\"]");
        JsonNode report = json(report("type", "gpu_model_snapshot", "snapshot-time", "2026-05-15 10:00:00",
                "gpu-model", SpecExamples.H200));
        JsonNode snapshot = report.path("snapshot");
        assertThat(snapshot.path("snapshot_time").asText()).isEqualTo("2026-05-15 10:00:00");
        assertThat(snapshot.path("total_gpus").asInt()).isEqualTo(2);
        assertThat(snapshot.path("claimed_gpus").asInt()).isEqualTo(2);
        assertThat(snapshot.path("machines").toString()).isEqualTo("[\"gpu2.chtc.wisc.edu\"]");
        assertThat(snapshot.path("active_jobs")).hasSize(2);
        assertThat(snapshot.path("by_class").path("Priority").path("claimed").asInt()).isEqualTo(1);
        assertThat(snapshot.path("by_class").path("Backfill").path("claimed").asInt()).isEqualTo(1);

        HttpFixtures.Answer missing = get(url, report("type", "gpu_model_snapshot",
                "snapshot-time", "2026-05-15 10:00:00", "gpu-model", "NVIDIA B200"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText())
                .isEqualTo("No data found for NVIDIA B200 around 2026-05-15 10:00:00");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Text, HTML and CSV carry the same numbers, rounded per rules §3.8

    @Test
    void exampleATextIsTheSpecGoldenReport() throws IOException {
        HttpFixtures.Answer text = get(url, report("end-time", A_END, "hours-back", "1", "format", "text"));
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.header("content-type")).startsWith("text/plain");
        try (var golden = SpecExamplesHttpIT.class.getResourceAsStream("/render/example-a-allocation.txt")) {
            assertThat(golden).as("rules §7.1 golden text").isNotNull();
            assertThat(text.body()).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void exampleAHtmlShowsTheRoundedNumbers() {
        HttpFixtures.Answer html = get(url, report("end-time", A_END, "hours-back", "1", "format", "html"));
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("content-type")).startsWith("text/html");
        String page = html.body();
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>CHTC GPU Allocation Report</title>")
                .contains("<p style=\"margin:6px 0 10px;\">Period: 1 hour</p>").doesNotContain("report-nav");
        Map<String, List<String>> realSlots = HtmlTables.rowsByLabel(page, "table-real-slots");
        assertThat(realSlots.get("TOTAL (primary + secondary)")).containsExactly("50.0%", "4.0", "0.5", "8.0", "\u2014");
        assertThat(realSlots.get("Primary")).containsExactly("33.3%", "2.0", "0.0", "6.0", "\u2014");
        assertThat(realSlots.get("Researcher-Owned Hardware (secondary)"))
                .containsExactly("40.0%", "1.0", "0.0", "2.5", "\u2014");
        Map<String, List<String>> memory = HtmlTables.rowsByLabel(page, "table-memory");
        assertThat(memory.get("TOTAL")).containsExactly("43.8%", "3.5", "8.0");
        assertThat(memory.get(">80GB")).containsExactly("75.0%", "1.5", "2.0");
        assertThat(HtmlTables.rowsByLabel(page, "table-h200-users").get(SpecExamples.A.DAVE))
                .containsExactly("1.0", "100.0%");
        assertThat(HtmlTables.rows(page, "table-draining-summary")).contains(List.of("Total draining time (hours)",
                "0.25"));
        // The over-time chart carries the time series' numbers.
        JsonNode series = json(report("type", "timeseries", "end-time", A_END, "hours-back", "1"));
        assertThat(HtmlTables.attribute(page, "data-series=\"priority\"", "data-claimed")).isEqualTo(
                series.path("rows").get(0).path("priority_claimed").asInt() + ","
                        + series.path("rows").get(1).path("priority_claimed").asInt());
        assertThat(page).contains("id=\"figure-device-allocation\"");
    }

    @Test
    void exampleACsvIsTheDeviceStats() {
        HttpFixtures.Answer csv = get(url, report("end-time", A_END, "hours-back", "1", "format", "csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("class,device,avg_claimed,avg_drained,avg_total_available,avg_prevented,"
                + "allocation_usage_percent,drained_percent,num_intervals");
        JsonNode devices = json(report("end-time", A_END, "hours-back", "1")).path("device_stats");
        int cells = 0;
        for (var gpuClass = devices.fields(); gpuClass.hasNext(); ) {
            var entry = gpuClass.next();
            for (var device = entry.getValue().fields(); device.hasNext(); ) {
                var stat = device.next();
                cells++;
                String[] fields = lines[cells].split(",");
                assertThat(fields[0]).isEqualTo(entry.getKey());
                assertThat(fields[1]).isEqualTo(stat.getKey());
                assertThat(Double.parseDouble(fields[2])).isEqualTo(stat.getValue().path("avg_claimed").asDouble());
                assertThat(Double.parseDouble(fields[4]))
                        .isEqualTo(stat.getValue().path("avg_total_available").asDouble());
                assertThat(Double.parseDouble(fields[6]))
                        .isEqualTo(stat.getValue().path("allocation_usage_percent").asDouble());
            }
        }
        assertThat(lines).hasSize(cells + 1).hasSize(7);
        HttpFixtures.Answer series = get(url, report("type", "timeseries", "end-time", A_END, "hours-back", "1",
                "format", "csv"));
        assertThat(series.body().split("\r\n")).hasSize(3);
        assertThat(series.body().split("\r\n")[1]).startsWith("2025-11-03 10:00:00,2,6,");
    }

    @Test
    void exampleATimeSeriesAndGpuModelText() {
        String text = get(url, report("type", "timeseries", "end-time", A_END, "hours-back", "1", "format", "text"))
                .body();
        assertThat(text).contains("Time Series Analysis:", "  Priority: 33.3% (2.0/6.0 GPUs)",
                "  Shared: 75.0% (1.0/1.5 GPUs)", "  Backfill: 22.5% (1.0/4.5 GPUs)");
        String model = get(url, report("type", "gpu_model_snapshot", "snapshot-time", "2026-05-15 10:00:00",
                "gpu-model", SpecExamples.H200, "format", "text")).body();
        assertThat(model).contains("GPU MODEL ACTIVITY REPORT: NVIDIA H200", "Snapshot Time: 2026-05-15 10:00:00");
    }

    @Test
    void exampleDMonthlyHtmlAndItsNoDataPage() {
        HttpFixtures.Answer html = get(url, report("type", "monthly", "end-time", "2026-06-01 00:00:00",
                "format", "html"));
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("<title>CHTC Monthly GPU Report - May 2026</title>",
                "CHTC MONTHLY GPU REPORT - MAY 2026", "Period: 744 hours");
        assertThat(HtmlTables.rowsByLabel(html.body(), "table-h200-users").get(SpecExamples.D.BOB))
                .containsExactly("744.0", "66.7%");
        HttpFixtures.Answer missing = get(url, report("type", "monthly", "month", "2026-03", "format", "html"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("<h1", "Monthly Summary Error", "No data found for March 2026");
        HttpFixtures.Answer missingText = get(url, report("type", "monthly", "month", "2026-03", "format", "text"));
        // The rules' sentence, then the range that does exist (this instance holds every example's rows).
        String time = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
        assertThat(missingText.body()).matches("No data found for March 2026; history holds " + time + " \\.\\. "
                + time + "\n");
    }

    @Test
    void reportPageShowsTheLast24HoursWithNavigation() {
        HttpFixtures.Answer page = get(url, "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("id=\"report-nav\"", "id=\"form-allocation\"", "id=\"form-monthly\"",
                "href=\"/?hours-back=168\"", "href=\"/?hours-back=720\"", "href=\"/?type=monthly\"",
                "Period: 24 hours", "id=\"figure-allocation-over-time\"");
        JsonNode day = json(report());
        Map<String, List<String>> realSlots = HtmlTables.rowsByLabel(page.body(), "table-real-slots");
        JsonNode total = realSlots(day, "TOTAL (primary + secondary)");
        assertThat(realSlots.get("TOTAL (primary + secondary)").subList(0, 4)).containsExactly(
                oneDecimal(total.path("allocated_percent").asDouble()) + "%", oneDecimal(total.path("claimed")
                        .asDouble()), oneDecimal(total.path("drained").asDouble()),
                oneDecimal(total.path("available").asDouble()));
        assertThat(realSlots.get("TOTAL (primary + secondary)")).containsExactly("100.0%", "3.0", "0.5", "3.0",
                "\u2014");

        // The form sends its empty fields; the page reads them as not given.
        HttpFixtures.Answer form = get(url, "/?type=allocation&hours-back=24&end-time=&host=");
        assertThat(form.status()).as("%s", form).isEqualTo(200);
        // Last month before the latest data (May 2026) is April 2026, which has none: the page says so, with its
        // navigation.
        HttpFixtures.Answer monthlyForm = get(url, "/?type=monthly&month=");
        assertThat(monthlyForm.status()).as("%s", monthlyForm).isEqualTo(404);
        assertThat(monthlyForm.body()).contains("Monthly Summary Error", "No data found for April 2026",
                "id=\"report-nav\"");
        HttpFixtures.Answer may = get(url, "/?type=monthly&month=2026-05&all-devices=true");
        assertThat(may.status()).as("%s", may).isEqualTo(200);
        assertThat(may.body()).contains("CHTC MONTHLY GPU REPORT - MAY 2026", "id=\"report-nav\"");
        assertThat(get(url, "/?format=json").status()).isEqualTo(400);
    }

    private static String oneDecimal(double value) {
        return new java.math.BigDecimal(value).setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
