package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's table of metric label values and report names says what the gauges really carry. */
class MetricLabelNamesTest {

    private static final Path README = Path.of("README.md");

    @Test
    void everyClassTotalAndTierLabelIsInTheReadmeWithItsReportName() throws IOException {
        String readme = Files.readString(README);

        assertRows(readme, "class", AllocationSamples.CLASS_ROWS);
        assertRows(readme, "total", AllocationSamples.TOTAL_ROWS);
        assertRows(readme, "tier", AllocationSamples.TIER_ROWS);
    }

    private static void assertRows(String readme, String label, Map<String, String> labelValueByReportName) {
        assertThat(labelValueByReportName).isNotEmpty();
        labelValueByReportName.forEach((reportName, labelValue) -> assertThat(readme)
                .as("README row for %s=%s", label, labelValue)
                .contains("| `" + label + "` | `" + labelValue + "` | " + reportName + " |"));
    }
}
