package io.gpuledger.streams.http;

import static io.gpuledger.streams.http.HttpFixtures.get;
import static io.gpuledger.streams.http.HttpFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report page as a person sees it: headless Chromium (the system's, driven over the DevTools protocol) opens
 * {@code /} of a running service holding three days of generated snapshots, and the tables and charts it rendered
 * carry the numbers of the JSON API. Screenshots of the page at laptop and phone widths are kept under
 * {@code target/browser/} for CI. Without Chromium this test fails: it is never skipped.
 */
@WithKafka
class ReportPageBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "browser");

    /** The page's facts, read in the browser: visible cell texts, chart sizes, chart data, links. */
    private static final String READ_PAGE = """
            (() => {
              const cells = id => Array.from(document.querySelectorAll('#' + id + ' tbody tr'))
                  .map(tr => Array.from(tr.cells).map(td => td.innerText.trim()));
              const box = selector => {
                const element = document.querySelector(selector);
                if (!element) { return null; }
                const r = element.getBoundingClientRect();
                return {width: r.width, height: r.height};
              };
              return {
                title: document.title,
                h1: document.querySelector('h1') ? document.querySelector('h1').innerText : null,
                period: Array.from(document.querySelectorAll('p')).map(p => p.innerText)
                    .find(text => text.startsWith('Period:')) || null,
                realSlots: cells('table-real-slots'),
                memory: cells('table-memory'),
                tables: Array.from(document.querySelectorAll('table')).map(t => t.id),
                overTimeChart: box('#figure-allocation-over-time svg'),
                deviceChart: box('#figure-device-allocation svg'),
                series: Array.from(document.querySelectorAll('#figure-allocation-over-time g.series')).map(g => ({
                  key: g.dataset.series, percent: g.dataset.usagePercent, claimed: g.dataset.claimed,
                  total: g.dataset.total})),
                bars: Array.from(document.querySelectorAll('#figure-device-allocation g.bar')).map(g => ({
                  classId: g.dataset.class, device: g.dataset.device, allocated: g.dataset.allocated,
                  available: g.dataset.available, width: g.getBoundingClientRect().width})),
                links: Array.from(document.querySelectorAll('#report-nav a')).map(a => a.getAttribute('href')),
                pageWidth: document.documentElement.scrollWidth,
                viewportWidth: window.innerWidth
              };
            })()
            """;

    private static Path dir;
    private static ServiceLauncher.Instance instance;
    private static String url;

    @BeforeAll
    static void start(KafkaBroker kafka) {
        dir = HttpFixtures.tempDir("gpuledger-browser-");
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("browser"), 2);
        List<HostSnapshot> snapshots = new ArrayList<>();
        new SnapshotGenerator(GeneratorSettings.small(16, 3, 5))
                .forEachSnapshot(snapshot -> snapshots.addAll(snapshot.hostSnapshots()));
        HttpFixtures.produce(kafka, topic, snapshots);
        instance = HttpFixtures.start(HttpFixtures.config(kafka, topic, "browser-" + topic, dir, 2, Map.of()));
        url = instance.baseUrl();
        HttpFixtures.awaitReady(url, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
        HttpFixtures.deleteRecursively(dir);
    }

    @Test
    void reportPageShowsTheJsonNumbersInTablesAndCharts() throws Exception {
        JsonNode report = json(report());
        String end = report.path("metadata").path("end_time").asText();
        JsonNode series = json(report("type", "timeseries", "end-time", end, "bucket-minutes", "15"));

        JsonNode page;
        try (ChromiumSession chromium = ChromiumSession.start()) {
            chromium.viewport(1280, 900, false);
            chromium.open(url);
            page = chromium.evaluate(READ_PAGE);
            chromium.screenshot(SCREENSHOTS.resolve("report-page.png"));

            chromium.viewport(390, 844, true);
            chromium.open(url);
            JsonNode phone = chromium.evaluate(READ_PAGE);
            chromium.screenshot(SCREENSHOTS.resolve("report-page-phone.png"));
            assertThat(phone.path("pageWidth").asInt()).as("no sideways scrolling on a phone")
                    .isLessThanOrEqualTo(phone.path("viewportWidth").asInt());
            // Charts keep a readable minimum width and scroll inside their own box on a narrow screen.
            assertThat(phone.path("overTimeChart").path("width").asDouble()).isGreaterThan(200.0);
            assertThat(phone.path("realSlots")).isEqualTo(page.path("realSlots"));
        }

        assertThat(page.path("title").asText()).isEqualTo("CHTC GPU Allocation Report");
        assertThat(page.path("h1").asText()).isEqualTo("CHTC GPU ALLOCATION REPORT");
        assertThat(page.path("period").asText()).isEqualTo("Period: 24 hours");
        assertThat(texts(page.path("links"))).containsExactly("/?hours-back=24", "/?hours-back=168",
                "/?hours-back=720", "/?type=monthly");
        List<String> tables = texts(page.path("tables"));
        assertThat(tables).contains("table-real-slots", "table-memory", "table-allocation-over-time",
                "table-h200-users", "table-excluded-hosts");
        for (JsonNode deviceTable : report.path("device_tables")) {
            assertThat(tables).contains("table-devices-" + deviceTable.path("class_id").asText());
        }
        assertThat(tables.contains("table-draining-summary")).as("draining table iff the JSON has draining")
                .isEqualTo(report.path("draining_stats").path("has_draining").asBoolean());
        assertThat(tables.contains("table-zero-active")).as("zero-active table iff the JSON lists machines")
                .isEqualTo(report.path("zero_active_machines").path("total_machines").asInt() > 0);

        // Real Slots: every row of the JSON, rounded per rules §3.8, in the same order.
        List<List<String>> expectedRows = new ArrayList<>();
        for (JsonNode row : report.path("real_slots")) {
            double prevented = row.path("prevented").asDouble();
            expectedRows.add(List.of(row.path("label").asText(), oneDecimal(row.path("allocated_percent").asDouble())
                    + "%", oneDecimal(row.path("claimed").asDouble()), oneDecimal(row.path("drained").asDouble()),
                    oneDecimal(row.path("available").asDouble()), prevented < 0.05 ? "\u2014" : oneDecimal(prevented)));
        }
        assertThat(rows(page.path("realSlots"))).isEqualTo(expectedRows);
        List<List<String>> expectedMemory = new ArrayList<>();
        for (JsonNode row : report.path("memory_table")) {
            expectedMemory.add(List.of(row.path("label").asText(), oneDecimal(row.path("allocated_percent").asDouble())
                    + "%", oneDecimal(row.path("allocated").asDouble()), oneDecimal(row.path("available").asDouble())));
        }
        assertThat(rows(page.path("memory"))).isEqualTo(expectedMemory);

        // The allocation-over-time chart is drawn and plots the time series' numbers.
        assertThat(page.path("overTimeChart").path("width").asDouble()).isGreaterThan(400);
        assertThat(page.path("overTimeChart").path("height").asDouble()).isGreaterThan(100);
        assertThat(page.path("series")).hasSize(3);
        for (JsonNode line : page.path("series")) {
            String key = line.path("key").asText();
            List<String> claimed = new ArrayList<>();
            List<String> total = new ArrayList<>();
            List<Double> percent = new ArrayList<>();
            for (JsonNode row : series.path("rows")) {
                claimed.add(row.path(key + "_claimed").asText());
                total.add(row.path(key + "_total").asText());
                percent.add(row.path(key + "_usage_percent").asDouble());
            }
            assertThat(line.path("claimed").asText()).as(key).isEqualTo(String.join(",", claimed));
            assertThat(line.path("total").asText()).as(key).isEqualTo(String.join(",", total));
            assertThat(doubles(line.path("percent").asText())).as(key).isEqualTo(percent);
        }

        // The device chart is drawn, one bar per device row of the JSON, with its averages.
        assertThat(page.path("deviceChart").path("width").asDouble()).isGreaterThan(400);
        List<String> expectedBars = new ArrayList<>();
        for (JsonNode table : report.path("device_tables")) {
            for (JsonNode row : table.path("rows")) {
                if (!row.path("key").asText().equals("TOTAL")) {
                    expectedBars.add(table.path("class_id").asText() + "|" + row.path("key").asText() + "|"
                            + row.path("allocated").asDouble() + "|" + row.path("available").asDouble());
                }
            }
        }
        List<String> bars = new ArrayList<>();
        for (JsonNode bar : page.path("bars")) {
            bars.add(bar.path("classId").asText() + "|" + bar.path("device").asText() + "|"
                    + Double.parseDouble(bar.path("allocated").asText()) + "|"
                    + Double.parseDouble(bar.path("available").asText()));
            assertThat(bar.path("width").asDouble()).as("bar drawn").isGreaterThan(0);
        }
        assertThat(bars).isEqualTo(expectedBars).isNotEmpty();

        assertScreenshot(SCREENSHOTS.resolve("report-page.png"), 1280);
        assertScreenshot(SCREENSHOTS.resolve("report-page-phone.png"), 390);
    }

    @Test
    void navigationLinksOpenTheOtherPeriods() throws Exception {
        try (ChromiumSession chromium = ChromiumSession.start()) {
            chromium.viewport(1280, 900, false);
            chromium.open(url + "?hours-back=168");
            JsonNode week = chromium.evaluate(READ_PAGE);
            assertThat(week.path("period").asText()).isEqualTo("Period: 168 hours");
            JsonNode weekJson = json(report("hours-back", "168"));
            assertThat(rows(week.path("realSlots")).get(0)).element(4)
                    .isEqualTo(oneDecimal(weekJson.path("real_slots").get(0).path("available").asDouble()));

            chromium.open(url + "?type=monthly");
            JsonNode month = chromium.evaluate(READ_PAGE);
            // The generated days are 2025-10-01..03, so "last month" (September) has no data: the page says so.
            assertThat(month.path("h1").asText()).isEqualTo("Monthly Summary Error");
            assertThat(month.path("links")).hasSize(4);

            chromium.open(url + "?type=monthly&month=2025-10");
            JsonNode october = chromium.evaluate(READ_PAGE);
            assertThat(october.path("title").asText()).isEqualTo("CHTC Monthly GPU Report - October 2025");
            assertThat(october.path("period").asText()).isEqualTo("Period: 744 hours");
            JsonNode octoberJson = json(report("type", "monthly", "month", "2025-10"));
            assertThat(rows(october.path("realSlots")).get(0)).element(1).isEqualTo(oneDecimal(
                    octoberJson.path("real_slots").get(0).path("allocated_percent").asDouble()) + "%");
        }
    }

    private static JsonNode json(String pathAndQuery) {
        HttpFixtures.Answer answer = get(url, pathAndQuery);
        assertThat(answer.status()).as("%s -> %s", pathAndQuery, answer).isEqualTo(200);
        return answer.json();
    }

    private static void assertScreenshot(Path file, int width) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("PNG at %s", file).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).as("the whole page").isGreaterThan(1500);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("a rendered page, not a blank image").isGreaterThan(50);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<List<String>> rows(JsonNode array) {
        List<List<String>> rows = new ArrayList<>();
        array.forEach(row -> rows.add(texts(row)));
        return rows;
    }

    private static List<Double> doubles(String joined) {
        List<Double> values = new ArrayList<>();
        for (String part : joined.split(",")) {
            values.add(Double.parseDouble(part));
        }
        return values;
    }

    private static String oneDecimal(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
