package io.gpuledger.streams.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The device chart's labels and figures, as a reader of the page sees them. */
class SvgChartsTest {

    @Test
    void migProfilesOfOneModelKeepDistinctReadableLabels() {
        String small = SvgCharts.barLabel("NVIDIA A100-SXM4-40GB MIG 1g.5gb");
        String large = SvgCharts.barLabel("NVIDIA A100-SXM4-40GB MIG 3g.20gb");

        assertThat(small).isNotEqualTo(large).startsWith("A100-SXM").endsWith("1g.5gb").hasSizeLessThanOrEqualTo(17);
        assertThat(large).startsWith("A100-SXM").endsWith("3g.20gb").hasSizeLessThanOrEqualTo(17);
        assertThat(SvgCharts.barLabel("NVIDIA H200")).isEqualTo("H200");
    }

    @Test
    void noCapacityIsADashNotZeroPercent() {
        assertThat(SvgCharts.barFigures(0.0, 0.0, 0.0)).isEqualTo("\u2014");
        assertThat(SvgCharts.barFigures(50.0, 1.0, 2.0)).isEqualTo("50.0% (1.0/2.0)");
    }
}
