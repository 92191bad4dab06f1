package io.gpuledger.streams.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceTable;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.RatioRow;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.report.ReportMetadata;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HtmlRendererTest {

    private static HtmlDocument exampleAWithChart() {
        SpecExample a = SpecExamples.exampleA();
        return HtmlDocument.parse(HtmlRenderer.allocation(ExampleReports.allocation(a),
                ExampleReports.timeSeries(a, 15), HtmlOptions.email()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // rules §6.2 structure

    @Test
    void exampleAHasTheSpecElementsInOrder() {
        HtmlDocument page = exampleAWithChart();

        assertThat(page.text("/html/head/title")).isEqualTo("CHTC GPU Allocation Report");
        List<String> sequence = new ArrayList<>();
        for (Element element : page.elements("//div[@id='report-body']//*[self::h1 or self::h2 or self::p or self::hr]")) {
            sequence.add(element.getTagName() + ":" + element.getTextContent());
        }
        assertThat(sequence).containsSubsequence(
                "h1:CHTC GPU ALLOCATION REPORT",
                "p:Period: 1 hour",
                "h2:Real Slots",
                "h2:Real Slots by Memory Category (filtered)",
                "h2:H200 Usage by Slot Type and User",
                "h2:Backfill Usage by Slot Type and User (filtered)",
                "h2:Usage by Device Type (filtered)",
                "h2:GPU Draining Status",
                "h2:GPUs with PreventJobsReason Set",
                "p:No GPUs have PreventJobsReason set during this period.",
                "h2:Excluded Hosts",
                "h2:Methodology",
                "p:Data Period: 2025-11-03 10:00:05 to 2025-11-03 10:15:04",
                "hr:",
                "p:Report generated in 0.42 seconds | Generated: 2025-11-03 10:16:00");
        assertThat(page.texts("//h2")).containsExactly("Real Slots", "Real Slots by Memory Category (filtered)",
                "H200 Usage by Slot Type and User", "Backfill Usage by Slot Type and User (filtered)",
                "Usage by Device Type (filtered)", "GPU Draining Status", "GPUs with PreventJobsReason Set",
                "Excluded Hosts", "Methodology");
        assertThat(page.texts("//h3")).containsExactly("Researcher-Owned Hardware", "Researcher-Reserved Capacity",
                "Open Capacity", "Researcher-Owned Hardware (secondary)", "Researcher-Reserved Capacity (secondary)");
        // Data Period: centred, in italics.
        Element dataPeriod = page.element("//p[em[starts-with(., 'Data Period:')]]");
        assertThat(dataPeriod.getAttribute("style")).contains("text-align:center");
        // The footer is the last thing of the report.
        assertThat(page.element("//div[@id='report-body']/*[last()]").getTextContent()).startsWith("Report generated in");
    }

    @Test
    void exampleATablesHaveTheSpecHeadersAndCells() {
        HtmlDocument page = exampleAWithChart();

        assertThat(page.headers("table-real-slots")).containsExactly("Class", "Allocated %", "Allocated (avg.)",
                "Drained (avg.)", "Available (avg.)", "Prevented (avg.)");
        assertThat(page.rows("table-real-slots")).containsExactly(
                List.of("TOTAL (primary + secondary)", "50.0%", "4.0", "0.5", "8.0", "—"),
                List.of("Prioritized (TOTAL)", "50.0%", "3.0", "0.0", "6.0", "—"),
                List.of("Primary", "33.3%", "2.0", "0.0", "6.0", "—"),
                List.of("Researcher-Owned Hardware", "37.5%", "1.5", "0.0", "4.0", "—"),
                List.of("Researcher-Reserved Capacity", "25.0%", "0.5", "0.0", "2.0", "—"),
                List.of("Secondary (Backfill)", "25.0%", "1.0", "0.0", "4.0", "—"),
                List.of("Researcher-Owned Hardware (secondary)", "40.0%", "1.0", "0.0", "2.5", "—"),
                List.of("Researcher-Reserved Capacity (secondary)", "0.0%", "0.0", "0.0", "1.5", "—"),
                List.of("Open Capacity (TOTAL)", "50.0%", "1.0", "0.5", "2.0", "—"),
                List.of("Open Capacity (Flagship)", "50.0%", "1.0", "0.5", "2.0", "—"));
        assertThat(page.headers("table-memory")).containsExactly("Memory Category", "Allocated %",
                "Allocated (avg.)", "Available (avg.)");
        assertThat(page.rows("table-memory")).containsExactly(
                List.of("TOTAL", "43.8%", "3.5", "8.0"),
                List.of("48GB", "37.5%", "1.5", "4.0"),
                List.of("80GB", "25.0%", "0.5", "2.0"),
                List.of(">80GB", "75.0%", "1.5", "2.0"));
        assertThat(page.headers("table-h200-users")).containsExactly("Slot Type / User", "GPU-Hours", "% of Total");
        assertThat(page.rows("table-h200-users")).containsExactly(
                List.of("Open Capacity (1 users)", "1.0", "100.0%"),
                List.of("dave@chtc.wisc.edu", "1.0", "100.0%"));
        assertThat(page.rows("table-backfill-users")).containsExactly(
                List.of("Researcher-Owned Hardware (1 users)", "1.0", "100.0%"),
                List.of("carol@chtc.wisc.edu", "1.0", "100.0%"));
        assertThat(page.headers("table-devices-Shared")).containsExactly("Device Type", "Allocated %",
                "Allocated (avg.)", "Available (avg.)");
        assertThat(page.rows("table-devices-Shared")).containsExactly(
                List.of("TOTAL", "75.0%", "1.5", "2.0"),
                List.of("H200", "75.0%", "1.5", "2.0"));
        assertThat(page.rows("table-draining-summary")).containsExactly(
                List.of("Hosts with drained GPUs", "1"),
                List.of("Unique GPUs drained", "1"),
                List.of("Total draining intervals", "1"),
                List.of("Total draining time (hours)", "0.25"));
        assertThat(page.headers("table-draining-hosts")).containsExactly("Host", "Drained GPUs", "Intervals",
                "Total Hours");
        assertThat(page.rows("table-draining-hosts")).containsExactly(
                List.of("gpu2003.chtc.wisc.edu", "1", "1", "0.25"));
        assertThat(page.headers("table-excluded-hosts")).containsExactly("Host", "Reason");
        assertThat(page.rows("table-excluded-hosts")).containsExactly(
                List.of("voyles2000", "Prioritized via hardcoded start expression, not PrioritizedProjects"),
                List.of("gpulab2003", "Interactive slots only."),
                List.of("gpulab2004", "Interactive slots only."));
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?%?|\u2014");

    @Test
    void numericCellsAreRightAlignedAndLabelsLeftAligned() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(ExampleReports.allocation(
                SpecExamples.exampleD(), SpecExamples.exampleDAllDevicesQuery()), null, HtmlOptions.email()));

        List<Element> cells = page.elements("//td");
        assertThat(cells).hasSizeGreaterThan(50);
        for (Element cell : cells) {
            boolean first = cell.getPreviousSibling() == null;
            if (first) {
                assertThat(cell.getAttribute("style")).as(cell.getTextContent()).doesNotContain("text-align:right");
            } else if (NUMBER.matcher(cell.getTextContent()).matches()) {
                assertThat(cell.getAttribute("style")).as(cell.getTextContent()).contains("text-align:right");
            }
        }
        for (Element header : page.elements("//th")) {
            boolean numeric = header.getAttribute("style").contains("text-align:right");
            assertThat(numeric).as(header.getTextContent()).isEqualTo(header.getPreviousSibling() != null
                    && !List.of("GPU Type", "Prioritized Projects", "Reason", "Reason(s)", "Status", "Last seen")
                    .contains(header.getTextContent()));
        }
    }

    @Test
    void htmlShowsTheSameRoundedValuesAsTheText() {
        for (AllocationReport report : List.of(
                ExampleReports.allocation(SpecExamples.exampleA()),
                ExampleReports.allocation(SpecExamples.exampleC()),
                ExampleReports.allocation(SpecExamples.exampleD()),
                ExampleReports.allocation(SpecExamples.exampleD(), SpecExamples.exampleDAllDevicesQuery()),
                ExampleReports.allocation(SpecExamples.exampleE2()))) {
            List<String> text = TextRendererTest.lines(TextRenderer.allocation(report))
                    .stream().map(String::strip).toList();
            HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(report, null, HtmlOptions.email()));

            for (List<String> row : page.rows("table-real-slots")) {
                assertThat(text).contains(row.get(0) + ": " + row.get(1) + " (" + row.get(2) + "/" + row.get(4)
                        + " GPUs), drained " + row.get(3) + ", prevented " + row.get(5));
            }
            for (List<String> row : page.rows("table-memory")) {
                assertThat(text).contains(row.get(0) + ": " + row.get(1) + " (" + row.get(2) + "/" + row.get(3)
                        + " GPUs)");
            }
            for (DeviceTable table : report.deviceTables()) {
                for (List<String> row : page.rows("table-devices-" + table.classId())) {
                    String label = row.get(0).equals("TOTAL") ? "TOTAL " + table.title() : row.get(0);
                    assertThat(text).contains(label + ": " + row.get(1) + " (avg " + row.get(2) + "/" + row.get(3)
                            + " GPUs)");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (filtered), optional sections, messages

    @Test
    void allDevicesDropsEveryFilteredSuffixAndShowsTheZeroActiveMachine() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(ExampleReports.allocation(
                SpecExamples.exampleD(), SpecExamples.exampleDAllDevicesQuery()), null, HtmlOptions.email()));

        assertThat(page.texts("//h2")).noneMatch(heading -> heading.contains("(filtered)"));
        assertThat(page.texts("//h2")).contains("Real Slots by Memory Category",
                "Backfill Usage by Slot Type and User", "Usage by Device Type",
                "Machines with Zero Active Primary Slot GPUs");
        assertThat(page.text("//h2[.='Machines with Zero Active Primary Slot GPUs']/following-sibling::p[1]"))
                .isEqualTo("Total machines: 1 | Total idle GPUs: 2");
        assertThat(page.headers("table-zero-active")).containsExactly("Machine", "GPU Type", "GPUs", "Avg Backfill",
                "Prioritized Projects");
        assertThat(page.rows("table-zero-active")).containsExactly(
                List.of("gpu3.chtc.wisc.edu", "Tesla P100 16GB", "2", "0.0", "Open Capacity"));
        assertThat(page.rows("table-real-slots")).contains(
                List.of("TOTAL (primary + secondary)", "60.0%", "3.0", "0.5", "5.0", "1.0"),
                List.of("Open Capacity (TOTAL)", "0.0%", "0.0", "0.0", "2.0", "1.0"));
    }

    @Test
    void filteredReportMarksExactlyTheThreeFilteredSections() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(
                ExampleReports.allocation(SpecExamples.exampleD()), null, HtmlOptions.email()));

        assertThat(page.texts("//h2").stream().filter(h -> h.endsWith(" (filtered)")))
                .containsExactly("Real Slots by Memory Category (filtered)",
                        "Backfill Usage by Slot Type and User (filtered)", "Usage by Device Type (filtered)");
        assertThat(page.texts("//h2")).doesNotContain("Machines with Zero Active Primary Slot GPUs");
        assertThat(page.rows("table-real-slots")).contains(
                List.of("TOTAL (primary + secondary)", "100.0%", "3.0", "0.5", "3.0", "—"));
    }

    @Test
    void preventJobsSectionHasReasonAndHostTablesAndTheFootnote() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(
                ExampleReports.allocation(SpecExamples.exampleE2()), null, HtmlOptions.email()));

        assertThat(page.headers("table-prevent-reasons")).containsExactly("Reason", "Hosts", "GPUs");
        assertThat(page.rows("table-prevent-reasons")).containsExactly(List.of("GPUHealthy == False", "2", "2"));
        assertThat(page.headers("table-prevent-hosts")).containsExactly("Host", "GPUs", "Reason(s)", "Status",
                "Last seen");
        assertThat(page.rows("table-prevent-hosts")).containsExactly(
                List.of("hostA.chtc.wisc.edu", "1", "GPUHealthy == False", "Lifted", "2026-07-02 12:00"),
                List.of("hostB.chtc.wisc.edu", "1", "GPUHealthy == False", "Active", "2026-07-02 12:15"));
        assertThat(page.texts("//p")).contains("Active: the reason was set in the latest interval that has reason "
                + "data. Lifted: set earlier in the period only.");
        assertThat(page.rows("table-real-slots")).contains(
                List.of("Open Capacity (TOTAL)", "25.0%", "0.5", "0.0", "2.0", "1.5"));
    }

    @Test
    void sparseReasonDataIsNotedInTheHeading() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(
                ExampleReports.allocation(SpecExamples.exampleE7()), null, HtmlOptions.email()));

        assertThat(page.texts("//h2")).contains(
                "GPUs with PreventJobsReason Set (reason data in 1 of 5 intervals)");
    }

    @Test
    void emptySectionsPrintTheirMessagesAndOptionalOnesAreOmitted() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(
                ExampleReports.allocation(SpecExamples.exampleC()), null, HtmlOptions.email()));

        assertThat(page.text("//h2[.='GPU Draining Status']/following-sibling::*[1]"))
                .isEqualTo("No GPUs were drained during this period.");
        assertThat(page.text("//h2[.='GPUs with PreventJobsReason Set']/following-sibling::*[1]"))
                .isEqualTo("No GPUs have PreventJobsReason set during this period.");
        assertThat(page.texts("//h2")).doesNotContain("H200 Usage by Slot Type and User",
                "Machines with Zero Active Primary Slot GPUs");
    }

    @Test
    void periodSaysHoursForMoreThanOne() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(ExampleReports.allocation(
                SpecExamples.exampleA(), SpecExamples.exampleAHours24Query()), null, HtmlOptions.email()));

        assertThat(page.texts("//p")).contains("Period: 24 hours").doesNotContain("Period: 1 hour");
        assertThat(page.rows("table-h200-users")).contains(List.of("dave@chtc.wisc.edu", "24.0", "100.0%"));
    }

    @Test
    void footerShowsMinutesFromSixtySecondsAndOmitsAMissingGenerationTime() {
        AllocationReport report = ExampleReports.allocation(SpecExamples.exampleA());
        ReportMetadata slow = report.metadata().withRuntime(75.25, "2025-11-03 10:17:15.999999");
        ReportMetadata unstamped = report.metadata().withRuntime(0.5, null);

        assertThat(HtmlDocument.parse(HtmlRenderer.allocation(report.withMetadata(slow), null, HtmlOptions.email()))
                .texts("//p")).contains("Report generated in 1m 15.2s | Generated: 2025-11-03 10:17:15");
        assertThat(HtmlDocument.parse(HtmlRenderer.allocation(report.withMetadata(unstamped), null,
                HtmlOptions.email())).texts("//p")).contains("Report generated in 0.50 seconds");
    }

    @Test
    void methodologyIsShippedStaticText() {
        HtmlDocument page = exampleAWithChart();

        String methodology = page.text("//h2[.='Methodology']/following-sibling::div[@id='methodology']");
        assertThat(methodology).contains("15-minute", "claimed", "Drained", "Prevented", "Researcher-Owned Hardware",
                "Open Capacity", "half-to-even");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Escaping

    @Test
    void userProvidedTextIsEscaped() {
        AllocationReport report = ExampleReports.allocation(SpecExamples.exampleA());
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("gpu<b>&x", "<script>alert('x')</script>");
        hostile.put("\"quoted\"", "a & b > c");
        ReportMetadata metadata = report.metadata();
        ReportMetadata withHostile = new ReportMetadata(metadata.startTime(), metadata.endTime(),
                metadata.windowStart(), metadata.windowEnd(), metadata.numIntervals(), metadata.totalRecords(),
                metadata.hoursBack(), hostile, metadata.excludedRecords(), metadata.hostFilter(),
                metadata.allDevices(), metadata.gaps(), metadata.analysisRuntimeSeconds(), metadata.generatedAt(), false, null);

        String html = HtmlRenderer.allocation(report.withMetadata(withHostile), null, HtmlOptions.email());

        assertThat(html).doesNotContain("<script>", "<b>&x").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(HtmlDocument.parse(html).rows("table-excluded-hosts")).containsExactly(
                List.of("gpu<b>&x", "<script>alert('x')</script>"),
                List.of("\"quoted\"", "a & b > c"));
    }

    @Test
    void escaperCoversEveryMarkupCharacter() {
        assertThat(HtmlWriter.escape("<a href=\"x\">O'Brien & co</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;");
        assertThat(HtmlWriter.escape(null)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Charts

    private static List<Double> doubles(String commaList) {
        return Arrays.stream(commaList.split(",")).map(Double::valueOf).toList();
    }

    @Test
    void allocationOverTimeChartCarriesTheTimeSeriesNumbers() {
        SpecExample a = SpecExamples.exampleA();
        TimeSeriesReport series = ExampleReports.timeSeries(a, 15);
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(ExampleReports.allocation(a), series,
                HtmlOptions.email()));

        Element svg = page.element("//svg[@id='chart-allocation-over-time']");
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(page.text("//svg[@id='chart-allocation-over-time']/title")).isEqualTo(
                "Allocation % per class, 2025-11-03 10:00 to 2025-11-03 10:15");
        assertThat(svg.getAttribute("data-timestamps")).isEqualTo("2025-11-03 10:00:00,2025-11-03 10:15:00");
        assertThat(svg.getAttribute("data-bucket-minutes")).isEqualTo("15");
        Element priority = page.element("//svg[@id='chart-allocation-over-time']//g[@data-series='priority']");
        Element shared = page.element("//svg[@id='chart-allocation-over-time']//g[@data-series='shared']");
        Element backfill = page.element("//svg[@id='chart-allocation-over-time']//g[@data-series='backfill']");
        assertThat(doubles(priority.getAttribute("data-usage-percent")))
                .containsExactly(series.rows().get(0).priorityUsagePercent(), series.rows().get(1).priorityUsagePercent());
        assertThat(doubles(shared.getAttribute("data-usage-percent"))).containsExactly(50.0, 100.0);
        assertThat(doubles(backfill.getAttribute("data-usage-percent"))).containsExactly(20.0, 25.0);
        assertThat(priority.getAttribute("data-claimed")).isEqualTo("2,2");
        assertThat(priority.getAttribute("data-total")).isEqualTo("6,6");
        assertThat(shared.getAttribute("data-total")).isEqualTo("2,1");
        assertThat(backfill.getAttribute("data-total")).isEqualTo("5,4");
        assertThat(page.texts("//svg[@id='chart-allocation-over-time']//circle/title")).containsExactly(
                "11-03 10:00 Priority 33.3% (2/6)", "11-03 10:15 Priority 33.3% (2/6)",
                "11-03 10:00 Shared 50.0% (1/2)", "11-03 10:15 Shared 100.0% (1/1)",
                "11-03 10:00 Backfill 20.0% (1/5)", "11-03 10:15 Backfill 25.0% (1/4)");
        // The legend repeats the text report's means.
        assertThat(page.texts("//svg[@id='chart-allocation-over-time']//g[@class='legend-item']/text"))
                .containsExactly("Priority (mean 33.3%)", "Shared (mean 75.0%)", "Backfill (mean 22.5%)");
    }

    @Test
    void allocationOverTimeChartSitsUnderRealSlotsWithItsNumbersInATable() {
        HtmlDocument page = exampleAWithChart();

        assertThat(page.element("//table[@id='table-real-slots']/following::*[local-name()='svg'][1]")
                .getAttribute("id")).isEqualTo("chart-allocation-over-time");
        assertThat(page.text("//svg[@id='chart-allocation-over-time']/following::h2[1]"))
                .isEqualTo("Real Slots by Memory Category (filtered)");
        page.element("//figure[@id='figure-allocation-over-time']//details//table[@id='table-allocation-over-time']");
        assertThat(page.headers("table-allocation-over-time")).containsExactly("Bucket", "Priority", "Shared",
                "Backfill");
        assertThat(page.rows("table-allocation-over-time")).containsExactly(
                List.of("2025-11-03 10:00:00", "33.3% (2/6)", "50.0% (1/2)", "20.0% (1/5)"),
                List.of("2025-11-03 10:15:00", "33.3% (2/6)", "100.0% (1/1)", "25.0% (1/4)"));
    }

    @Test
    void withoutATimeSeriesThereIsNoOverTimeChart() {
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(
                ExampleReports.allocation(SpecExamples.exampleA()), null, HtmlOptions.email()));

        assertThat(page.elements("//svg[@id='chart-allocation-over-time']")).isEmpty();
        assertThat(page.elements("//table[@id='table-allocation-over-time']")).isEmpty();
        assertThat(page.elements("//svg[@id='chart-device-allocation']")).hasSize(1);
    }

    @Test
    void deviceChartBarsMatchTheJsonAndTheDeviceTables() throws Exception {
        AllocationReport report = ExampleReports.allocation(SpecExamples.exampleD(),
                SpecExamples.exampleDAllDevicesQuery());
        JsonNode deviceStats = ReportJson.mapper().readTree(ReportJson.toJson(report)).get("device_stats");
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(report, null, HtmlOptions.email()));

        assertThat(page.element("//h2[starts-with(., 'Usage by Device Type')]/following-sibling::figure[1]"
                + "//*[local-name()='svg']").getAttribute("id")).isEqualTo("chart-device-allocation");
        List<Element> bars = page.elements("//svg[@id='chart-device-allocation']//g[@class='bar']");
        assertThat(bars).extracting(bar -> bar.getAttribute("data-class") + "/" + bar.getAttribute("data-device"))
                .containsExactly("Priority-ResearcherOwned/NVIDIA A100-SXM4-40GB", "Priority-CHTCOwned/NVIDIA H200",
                        "Shared/Tesla P100-PCIE-16GB", "Backfill-ResearcherOwned/NVIDIA A100-SXM4-40GB",
                        "Backfill-CHTCOwned/NVIDIA H200");
        for (Element bar : bars) {
            JsonNode stat = deviceStats.get(bar.getAttribute("data-class")).get(bar.getAttribute("data-device"));
            assertThat(Double.parseDouble(bar.getAttribute("data-allocated")))
                    .isEqualTo(stat.get("avg_claimed").asDouble() + stat.get("avg_drained").asDouble());
            assertThat(Double.parseDouble(bar.getAttribute("data-available")))
                    .isEqualTo(stat.get("avg_total_available").asDouble());
            // The tooltip's rounded figures are the device table's cells for that device.
            List<String> tableRow = page.rows("table-devices-" + bar.getAttribute("data-class")).stream()
                    .filter(row -> row.get(0).equals(bar.getAttribute("data-device-label")))
                    .findFirst().orElseThrow();
            assertThat(bar.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(
                    bar.getAttribute("data-class-label") + ", " + tableRow.get(0) + ": " + tableRow.get(1) + " ("
                            + tableRow.get(2) + "/" + tableRow.get(3) + ") GPUs");
        }
        assertThat(bars.get(0).getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("Researcher-Owned Hardware, A100 40GB: 75.0% (1.5/2.0) GPUs");
    }

    @Test
    void deviceChartScaleCoversTheLargestBarAndAllocatedBeyondAvailableStaysVisible() {
        List<DeviceTable> tables = List.of(new DeviceTable("Shared", "Open Capacity", List.of(
                new RatioRow("TOTAL", "TOTAL", 120.0, 2.4, 2.0),
                new RatioRow("H200", "NVIDIA H200", 120.0, 2.4, 2.0))));
        HtmlWriter html = new HtmlWriter();
        SvgCharts.deviceAllocation(html, tables);
        HtmlDocument chart = HtmlDocument.parse(html.toString());

        // Largest bar 2.4: a quarter of it is 0.6, so ticks step by 1 and the axis ends at 3.
        assertThat(chart.element("/svg").getAttribute("data-axis-max")).isEqualTo("3");
        assertThat(chart.texts("/svg/text[not(@class)]")).contains("0", "1", "2", "3");
        List<Element> rects = chart.elements("//g[@class='bar']/rect");
        double available = Double.parseDouble(rects.get(0).getAttribute("width"));
        double allocated = Double.parseDouble(rects.get(1).getAttribute("width"));
        assertThat(allocated).isGreaterThan(available);
        assertThat(chart.texts("//g[@class='bar']/title")).containsExactly("Open Capacity, H200: 120.0% (2.4/2.0) GPUs");
    }

    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(SvgCharts.niceStep(0.9).toPlainString()).isEqualTo("1");
        assertThat(SvgCharts.niceStep(1.3).toPlainString()).isEqualTo("2");
        assertThat(SvgCharts.niceStep(2.2).toPlainString()).isEqualTo("2.5");
        assertThat(SvgCharts.niceStep(37).toPlainString()).isEqualTo("50");
        assertThat(SvgCharts.niceStep(0.06).toPlainString()).isEqualTo("0.1");
        assertThat(SvgCharts.niceStep(0).toPlainString()).isEqualTo("1");
    }

    @Test
    void chartBucketWidthIsTheNarrowestAllowedOneWithinTheBudget() {
        assertThat(HtmlRenderer.chartBucketMinutes(1, 100)).isEqualTo(15);
        assertThat(HtmlRenderer.chartBucketMinutes(24, 100)).isEqualTo(15);
        assertThat(HtmlRenderer.chartBucketMinutes(24, 24)).isEqualTo(60);
        assertThat(HtmlRenderer.chartBucketMinutes(168, 100)).isEqualTo(120);
        assertThat(HtmlRenderer.chartBucketMinutes(168, 24)).isEqualTo(480);
        assertThat(HtmlRenderer.chartBucketMinutes(720, 100)).isEqualTo(480);
        assertThat(HtmlRenderer.chartBucketMinutes(8760, 100)).isEqualTo(1440);
    }

    @Test
    void aDayAtFifteenMinutesKeepsItsMarkersAndALongerSeriesDropsThem() {
        List<TimeSeriesReport.Row> rows = new ArrayList<>();
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2025, 11, 2, 10, 15);
        for (int i = 0; i < 101; i++) {
            rows.add(new TimeSeriesReport.Row(io.gpuledger.ingest.snapshot.SnapshotTime.formatSeconds(
                    start.plusMinutes(15L * i)), 1, 2, 50.0, 0, 0, 0, 0, 0, 0));
        }
        HtmlDocument day = HtmlDocument.parse(HtmlRenderer.timeSeries(new TimeSeriesReport("timeseries",
                ExampleReports.allocation(SpecExamples.exampleA()).metadata(), 15, rows.subList(0, 97)),
                HtmlOptions.email()));
        HtmlDocument longer = HtmlDocument.parse(HtmlRenderer.timeSeries(new TimeSeriesReport("timeseries",
                ExampleReports.allocation(SpecExamples.exampleA()).metadata(), 15, rows), HtmlOptions.email()));

        assertThat(day.elements("//circle")).hasSize(3 * 97);
        assertThat(longer.elements("//circle")).isEmpty();
        assertThat(doubles(longer.element("//g[@data-series='priority']").getAttribute("data-usage-percent")))
                .hasSize(101).containsOnly(50.0);
        assertThat(longer.rows("table-allocation-over-time")).hasSize(101);
    }

    @Test
    void anOutageBreaksTheLineInsteadOfBridgingIt() {
        TimeSeriesReport series = ExampleReports.timeSeries(SpecExamples.exampleB(), 15);
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.timeSeries(series, HtmlOptions.email()));

        String path = page.element("//g[@data-series='shared']/path").getAttribute("d");
        // Buckets 10:00 and 10:15, then nothing until 10:45: two segments, the second a single dot.
        assertThat(path.chars().filter(c -> c == 'M').count()).isEqualTo(2);
        assertThat(path).endsWith(" l0.01 0");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Page chrome vs e-mail

    @Test
    void pageAddsNavigationAndFormsAroundTheSameBodyAsTheEmail() {
        AllocationReport report = ExampleReports.allocation(SpecExamples.exampleA());
        TimeSeriesReport series = ExampleReports.timeSeries(SpecExamples.exampleA(), 15);
        PageChrome chrome = new PageChrome("/api/v1/report", Map.of("format", "html"),
                PageChrome.Selection.allocation(24));
        String page = HtmlRenderer.allocation(report, series, HtmlOptions.page(chrome));
        String mail = HtmlRenderer.allocation(report, series, HtmlOptions.email());

        assertThat(mail).doesNotContain("<nav", "<form", "<input", "href=");
        assertThat(reportBody(page)).isEqualTo(reportBody(mail));
        HtmlDocument parsed = HtmlDocument.parse(page);
        assertThat(parsed.elements("//nav[@id='report-nav']/a")).extracting(a -> a.getTextContent() + " -> "
                + a.getAttribute("href")).containsExactly(
                "Last 24 hours -> /api/v1/report?format=html&hours-back=24",
                "Last 7 days -> /api/v1/report?format=html&hours-back=168",
                "Last 30 days -> /api/v1/report?format=html&hours-back=720",
                "Last month -> /api/v1/report?format=html&type=monthly");
        assertThat(parsed.text("//nav/a[@aria-current='page']")).isEqualTo("Last 24 hours");
        Element allocationForm = parsed.element("//form[@id='form-allocation']");
        assertThat(allocationForm.getAttribute("action")).isEqualTo("/api/v1/report");
        assertThat(allocationForm.getAttribute("method")).isEqualTo("get");
        assertThat(parsed.elements("//form[@id='form-allocation']//input")).extracting(i -> i.getAttribute("name"))
                .containsExactly("format", "type", "hours-back", "end-time", "host", "all-devices");
        assertThat(parsed.elements("//form[@id='form-monthly']//input")).extracting(i -> i.getAttribute("name"))
                .containsExactly("format", "type", "month", "all-devices");
        assertThat(parsed.element("//form[@id='form-allocation']//input[@name='hours-back']").getAttribute("value"))
                .isEqualTo("24");
        // The chrome comes before the report, never inside it.
        assertThat(parsed.elements("//div[@id='report-body']//nav | //div[@id='report-body']//form")).isEmpty();
    }

    @Test
    void navigationMarksLastMonthOnAMonthlyPage() {
        PageChrome chrome = PageChrome.at("/", PageChrome.Selection.lastMonth());
        String html = HtmlRenderer.monthlyError("No data found for May 2026", HtmlOptions.page(chrome));

        assertThat(HtmlDocument.parse(html).text("//nav/a[@aria-current='page']")).isEqualTo("Last month");
    }

    @Test
    void chromeRejectsAnActionPathWithAQuery() {
        assertThatThrownBy(() -> PageChrome.at("/report?format=html", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixedParameters");
    }

    private static String reportBody(String html) {
        int start = html.indexOf("<div id=\"report-body\">");
        assertThat(start).isNotNegative();
        return html.substring(start);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Monthly, monthly error, time series

    @Test
    void monthlyHtmlFollowsTheMonthlyRules() {
        SpecExample d = SpecExamples.exampleD();
        MonthlyReport month = ExampleReports.monthly(d, d.query(), YearMonth.of(2026, 5));
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.monthly(month, null, HtmlOptions.email()));

        assertThat(page.text("/html/head/title")).isEqualTo("CHTC Monthly GPU Report - May 2026");
        assertThat(page.text("//h1")).isEqualTo("CHTC MONTHLY GPU REPORT - MAY 2026");
        assertThat(page.texts("//p")).contains("Period: 744 hours",
                "Data Period: 2026-05-01 00:00:00 to 2026-05-31 23:59:59");
        assertThat(page.texts("//h2")).containsExactly("Real Slots", "Real Slots by Memory Category (filtered)",
                "H200 Usage by Slot Type and User", "Usage by Device Type (filtered)", "GPU Draining Status",
                "GPUs with PreventJobsReason Set", "Excluded Hosts", "Methodology");
        assertThat(page.elements("//hr")).isEmpty();
        assertThat(page.html).doesNotContain("Report generated in");
        assertThat(page.rows("table-h200-users")).contains(List.of("bob@chtc.wisc.edu", "744.0", "66.7%"),
                List.of("dave@chtc.wisc.edu", "372.0", "33.3%"));
        assertThat(page.element("//div[@id='report-body']/*[last()]").getTextContent())
                .isEqualTo("Data Period: 2026-05-01 00:00:00 to 2026-05-31 23:59:59");
    }

    @Test
    void monthlyErrorPageIsTheHeadingAndTheMessage() {
        SpecExample a = SpecExamples.exampleA();
        NoDataException error = org.junit.jupiter.api.Assertions.assertThrows(NoDataException.class,
                () -> ExampleReports.monthly(a, a.query(), YearMonth.of(2026, 5)));
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.monthlyError(error.getMessage(), HtmlOptions.email()));

        assertThat(page.texts("//div[@id='report-body']/*")).containsExactly("Monthly Summary Error",
                "No data found for May 2026");
        assertThat(page.element("//div[@id='report-body']/*[1]").getTagName()).isEqualTo("h1");
    }

    @Test
    void timeSeriesHtmlHasHeaderChartTableAndFooter() {
        TimeSeriesReport series = ExampleReports.timeSeries(SpecExamples.exampleC(), 15);
        HtmlDocument page = HtmlDocument.parse(HtmlRenderer.timeSeries(series, HtmlOptions.email()));

        assertThat(page.text("/html/head/title")).isEqualTo("CHTC GPU Time Series Report");
        assertThat(page.text("//h1")).isEqualTo("CHTC GPU TIME SERIES REPORT");
        assertThat(page.texts("//p")).contains("Period: 1 hour",
                "Data Period: 2025-01-01 10:00:00 to 2025-01-01 10:15:00");
        page.element("//svg[@id='chart-allocation-over-time']");
        assertThat(page.rows("table-allocation-over-time")).containsExactly(
                List.of("2025-01-01 10:00:00", "50.0% (1/2)", "33.3% (1/3)", "50.0% (1/2)"),
                List.of("2025-01-01 10:15:00", "0.0% (0/1)", "50.0% (1/2)", "0.0% (0/0)"));
        assertThat(page.element("//div[@id='report-body']/*[last()]").getTextContent())
                .startsWith("Report generated in 0.42 seconds");
    }

    @Test
    void everyExampleRendersWellFormedHtmlWithBothCharts() {
        int rendered = 0;
        for (SpecExample example : SpecExamples.all()) {
            AllocationReport report;
            TimeSeriesReport series;
            try {
                report = ExampleReports.allocation(example);
                series = ExampleReports.timeSeries(example, 15);
            } catch (NoDataException empty) {
                continue;
            }
            HtmlDocument page = HtmlDocument.parse(HtmlRenderer.allocation(report, series, HtmlOptions.email()));
            rendered++;
            assertThat(page.elements("//svg[@id='chart-allocation-over-time']")).as("%s", example).hasSize(1);
            assertThat(page.elements("//svg[@id='chart-device-allocation']")).as("%s", example)
                    .hasSize(SvgCharts.hasDeviceRows(report.deviceTables()) ? 1 : 0);
            assertThat(page.html).as("%s", example).doesNotContain("NaN", "Infinity");
        }
        assertThat(rendered).isGreaterThanOrEqualTo(20);
    }
}
