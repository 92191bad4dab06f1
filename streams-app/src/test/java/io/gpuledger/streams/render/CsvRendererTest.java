package io.gpuledger.streams.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.ingest.testdata.SpecExample;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.DeviceStat;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRendererTest {

    /** RFC 4180 read back: records end with CRLF; quoted fields may hold commas, CR, LF and doubled quotes. */
    static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = csv.charAt(i);
                    if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertThat(csv.charAt(i + 1)).as("CR is followed by LF at %d", i).isEqualTo('\n');
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare LF or quote outside a quoted field at %d", i).isNotIn('\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(record).as("the last record ends with CRLF").isEmpty();
        assertThat(field).isEmpty();
        return records;
    }

    @Test
    void exampleAAllocationCsvCarriesTheJsonNumbersUnrounded() throws Exception {
        AllocationReport report = ExampleReports.allocation(SpecExamples.exampleA());
        JsonNode deviceStats = ReportJson.mapper().readTree(ReportJson.toJson(report)).get("device_stats");

        List<List<String>> records = parse(CsvRenderer.allocation(report));

        assertThat(records.get(0)).containsExactly("class", "device", "avg_claimed", "avg_drained",
                "avg_total_available", "avg_prevented", "allocation_usage_percent", "drained_percent",
                "num_intervals");
        List<List<String>> rows = records.subList(1, records.size());
        assertThat(rows).extracting(row -> row.get(0) + "/" + row.get(1)).containsExactly(
                "Priority-ResearcherOwned/NVIDIA L40S",
                "Priority-CHTCOwned/NVIDIA H100 80GB HBM3",
                "Shared/NVIDIA H200",
                "Backfill-ResearcherOwned/NVIDIA L40S",
                "Backfill-CHTCOwned/NVIDIA H100 80GB HBM3",
                "Backfill-OpenCapacity/NVIDIA H200");
        for (List<String> row : rows) {
            JsonNode stat = deviceStats.get(row.get(0)).get(row.get(1));
            List<String> fields = records.get(0);
            for (int column = 2; column < fields.size(); column++) {
                assertThat(Double.parseDouble(row.get(column))).as("%s %s", row.subList(0, 2), fields.get(column))
                        .isEqualTo(stat.get(fields.get(column)).asDouble());
            }
        }
        // rules §7.1: BRO's raw allocation % is 41.666…, unrounded.
        assertThat(rows.get(3)).containsExactly("Backfill-ResearcherOwned", "NVIDIA L40S", "1.0", "0.0", "2.5", "0.0",
                "41.666666666666664", "0.0", "2");
    }

    @Test
    void everyLineEndsWithCrlf() {
        String csv = CsvRenderer.allocation(ExampleReports.allocation(SpecExamples.exampleD()));

        assertThat(csv).endsWith("\r\n");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n", "\r");
        // Header, the four cells left once the old P100 is filtered out (rules §7.4), and nothing after the last CRLF.
        assertThat(csv.split("\r\n", -1)).hasSize(1 + 4 + 1);
        assertThat(csv).doesNotContain("P100");
    }

    @Test
    void fieldsWithCommasQuotesOrNewlinesAreQuotedAndQuotesDoubled() {
        Map<String, Map<String, DeviceStat>> stats = new LinkedHashMap<>();
        Map<String, DeviceStat> devices = new LinkedHashMap<>();
        DeviceStat stat = new DeviceStat(0.5, 0, 1, 0, 50, 0, 2);
        devices.put("Weird, \"quoted\" GPU", stat);
        devices.put("two\nlines", stat);
        devices.put("carriage\rreturn", stat);
        devices.put("plain", stat);
        stats.put("Shared", devices);

        String csv = CsvRenderer.deviceStats(stats);

        assertThat(csv).contains("Shared,\"Weird, \"\"quoted\"\" GPU\",0.5,", "Shared,plain,0.5,");
        assertThat(parse(csv)).extracting(row -> row.get(1)).containsExactly("device", "Weird, \"quoted\" GPU",
                "two\nlines", "carriage\rreturn", "plain");
        assertThat(CsvRenderer.field("no quoting needed")).isEqualTo("no quoting needed");
        assertThat(CsvRenderer.field(null)).isEmpty();
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralisedAndNumbersAreNot() {
        // a user name from the pool, as an attacker might register it
        assertThat(CsvRenderer.field("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvRenderer.field("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(CsvRenderer.field("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvRenderer.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvRenderer.field("\tindented")).isEqualTo("'\tindented");
        assertThat(CsvRenderer.field("\rreturn")).isEqualTo("\"'\rreturn\"");
        assertThat(CsvRenderer.field("-12.5")).isEqualTo("-12.5");
        assertThat(CsvRenderer.field("+0.25")).isEqualTo("+0.25");
        assertThat(CsvRenderer.field("-Infinity")).isEqualTo("'-Infinity");
        assertThat(CsvRenderer.field("user@wisc.edu")).isEqualTo("user@wisc.edu");
    }

    @Test
    void monthlyCsvIsTheMonthsDeviceStats() {
        SpecExample d = SpecExamples.exampleD();
        MonthlyReport month = ExampleReports.monthly(d, d.query(), YearMonth.of(2026, 5));

        List<List<String>> records = parse(CsvRenderer.monthly(month));

        assertThat(records).hasSize(1 + month.deviceStats().values().stream().mapToInt(Map::size).sum());
        assertThat(records.get(1)).containsExactly("Priority-ResearcherOwned", "NVIDIA A100-SXM4-40GB", "1.0", "0.5",
                "2.0", "0.0", "50.0", "25.0", "2");
    }

    @Test
    void timeSeriesCsvHasOneRowPerBucket() {
        TimeSeriesReport series = ExampleReports.timeSeries(SpecExamples.exampleB(), 15);

        List<List<String>> records = parse(CsvRenderer.timeSeries(series));

        assertThat(records.get(0)).containsExactly("timestamp", "priority_claimed", "priority_total",
                "priority_usage_percent", "shared_claimed", "shared_total", "shared_usage_percent",
                "backfill_claimed", "backfill_total", "backfill_usage_percent");
        assertThat(records.subList(1, records.size())).containsExactly(
                List.of("2025-11-03 10:00:00", "0", "0", "0.0", "1", "2", "50.0", "0", "0", "0.0"),
                List.of("2025-11-03 10:15:00", "0", "0", "0.0", "0", "0", "0.0", "0", "0", "0.0"),
                List.of("2025-11-03 10:45:00", "0", "0", "0.0", "0", "1", "0.0", "0", "0", "0.0"));
    }
}
