package io.gpuledger.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** rules §1.5 (stored timestamp text), 1.6 (naive wall clock, DST) and 3.2 (15-minute buckets). */
class SnapshotTimeTest {

    @ParameterizedTest(name = "[{0}] = {1} µs after {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # stored text                  | µs     | whole second
            2025-11-03 10:00:05.123456     | 123456 | 2025-11-03T10:00:05
            2025-01-01 10:00:00            | 0      | 2025-01-01T10:00:00
            # 1-6 fraction digits, padded on the right
            2025-01-01 10:00:00.5          | 500000 | 2025-01-01T10:00:00
            2025-01-01 10:00:00.05         | 50000  | 2025-01-01T10:00:00
            2025-01-01 10:00:00.123        | 123000 | 2025-01-01T10:00:00
            2025-01-01 10:00:00.12345      | 123450 | 2025-01-01T10:00:00
            2025-01-01 10:00:00.000001     | 1      | 2025-01-01T10:00:00
            2025-01-01 10:00:00.000000     | 0      | 2025-01-01T10:00:00
            2024-02-29 23:59:59.999999     | 999999 | 2024-02-29T23:59:59
            2025-11-02 01:10:04            | 0      | 2025-11-02T01:10:04
            """)
    void acceptedForms(String text, int micros, LocalDateTime second) {
        assertThat(SnapshotTime.parse(text)).isEqualTo(second.plusNanos(micros * 1000L));
    }

    @ParameterizedTest(name = "[{0}] is rejected")
    @NullAndEmptySource
    @ValueSource(strings = {
            "2025-11-03T10:00:05",              // ISO T
            "2025-11-03T10:00:05.123456",
            "2025-11-03 10:00:05Z",             // zone suffixes
            "2025-11-03 10:00:05+00:00",
            "2025-11-03 10:00:05.123456-05:00",
            "2025-11-03 10:00:05 CST",
            "2025-02-30 10:00:00",              // impossible dates and times
            "2023-02-29 10:00:00",
            "2025-13-01 10:00:00",
            "2025-00-10 10:00:00",
            "2025-11-03 24:00:00",
            "2025-11-03 10:60:00",
            "2025-11-03 10:00:60",
            "1762164005",                       // a number
            "1762164005.123456",
            "2025-11-03 10:00:05.",             // a dot without digits
            "2025-11-03 10:00:05.1234567",      // more than 6 digits
            "2025-11-03 10:00",                 // no seconds
            "2025-11-03",
            "2025-11-3 10:00:05",               // unpadded fields
            "2025-11-03 9:00:05",
            " 2025-11-03 10:00:05",             // surrounding spaces
            "2025-11-03 10:00:05 ",
            "2025/11/03 10:00:05",
            "2025-11-03 10:00:05.12a",
            "2025-11-03 10:00:05,123"})
    void rejectedFormsAreOneLineErrors(String text) {
        assertThatThrownBy(() -> SnapshotTime.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void parsedValuesCompareAsValuesNotAsText() {
        // different texts, one value: one snapshot (rules §1.5)
        assertThat("2025-01-01 10:00:00").isNotEqualTo("2025-01-01 10:00:00.000000");
        assertThat(SnapshotTime.parse("2025-01-01 10:00:00"))
                .isEqualTo(SnapshotTime.parse("2025-01-01 10:00:00.000000"));
        assertThat(SnapshotTime.parse("2025-01-01 10:00:00.5"))
                .isEqualTo(SnapshotTime.parse("2025-01-01 10:00:00.500000"));
        assertThat(SnapshotTime.parse("2025-01-01 10:00:00.5"))
                .isAfter(SnapshotTime.parse("2025-01-01 10:00:00.499999"));
        assertThat(SnapshotTime.parse("2025-01-01 10:00:00.000001"))
                .isAfter(SnapshotTime.parse("2025-01-01 10:00:00"));
    }

    @ParameterizedTest(name = "{0} -> bucket {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # timestamp                    | bucket start
            2025-11-03 10:14:59.999999     | 2025-11-03T10:00
            2025-11-03 10:15:04.987654     | 2025-11-03T10:15
            2025-11-03 10:00:05.123456     | 2025-11-03T10:00
            2025-11-03 10:00:00            | 2025-11-03T10:00
            2025-11-03 10:15:00            | 2025-11-03T10:15
            2025-11-03 10:29:59            | 2025-11-03T10:15
            2025-11-03 10:30:00.000001     | 2025-11-03T10:30
            2025-11-03 10:45:10            | 2025-11-03T10:45
            2025-11-03 23:59:59.999999     | 2025-11-03T23:45
            """)
    void bucketFloorsToFifteenMinutes(String text, LocalDateTime bucket) {
        LocalDateTime timestamp = SnapshotTime.parse(text);

        assertThat(SnapshotTime.bucketStart(timestamp)).isEqualTo(bucket);
        assertThat(SnapshotTime.fromMicros(SnapshotTime.bucketStartMicros(SnapshotTime.toMicros(timestamp))))
                .isEqualTo(bucket);
    }

    @Test
    void dstFallBackSnapshotsAreTwoSnapshotsInOneBucket() {
        // rules §1.6 / 7.6: 01:10:02 (CDT) and 01:10:04 (CST) reuse the wall clock, so one bucket 01:00
        LocalDateTime cdt = SnapshotTime.parse("2025-11-02 01:10:02");
        LocalDateTime cst = SnapshotTime.parse("2025-11-02 01:10:04");

        assertThat(cdt).isNotEqualTo(cst);
        assertThat(SnapshotTime.bucketStart(cdt)).isEqualTo(SnapshotTime.bucketStart(cst))
                .isEqualTo(LocalDateTime.of(2025, 11, 2, 1, 0));
        assertThat(SnapshotTime.toRecordMillis(cst) - SnapshotTime.toRecordMillis(cdt)).isEqualTo(2000);
    }

    @Test
    void formatsKeepSixDigitsOrTruncate() {
        LocalDateTime t = SnapshotTime.parse("2025-11-03 10:15:04.987654");

        assertThat(SnapshotTime.format(t)).isEqualTo("2025-11-03 10:15:04.987654");
        assertThat(SnapshotTime.format(SnapshotTime.parse("2025-01-01 10:00:00.5")))
                .isEqualTo("2025-01-01 10:00:00.500000");
        assertThat(SnapshotTime.format(SnapshotTime.parse("0999-01-01 00:00:00")))
                .isEqualTo("0999-01-01 00:00:00.000000");
        // truncated, never rounded (rules §3.8)
        assertThat(SnapshotTime.formatSeconds(SnapshotTime.parse("2025-11-03 10:00:05.999999")))
                .isEqualTo("2025-11-03 10:00:05");
        assertThat(SnapshotTime.formatMinutes(SnapshotTime.parse("2025-11-03 10:14:59.999999")))
                .isEqualTo("2025-11-03 10:14");
    }

    @Test
    void naiveValueIsReadAsUtcForNumbers() {
        LocalDateTime epochPlus = SnapshotTime.parse("1970-01-01 00:00:01.000002");

        assertThat(SnapshotTime.toMicros(epochPlus)).isEqualTo(1_000_002L);
        assertThat(SnapshotTime.toRecordMillis(epochPlus)).isEqualTo(1_000L);
        assertThat(SnapshotTime.toRecordMillis(SnapshotTime.parse("1969-12-31 23:59:59.999999"))).isEqualTo(-1L);
        assertThat(SnapshotTime.fromMicros(SnapshotTime.toMicros(SnapshotTime.parse("2025-11-03 10:00:05.123456"))))
                .isEqualTo(SnapshotTime.parse("2025-11-03 10:00:05.123456"));
        assertThat(SnapshotTime.fromMicros(-1)).isEqualTo(SnapshotTime.parse("1969-12-31 23:59:59.999999"));
    }
}
