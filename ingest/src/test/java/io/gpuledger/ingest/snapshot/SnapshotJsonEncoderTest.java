package io.gpuledger.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.sqlite.SqliteMonthFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast encoder writes what a general JSON generator writes, byte for byte, and it reads back the same. */
class SnapshotJsonEncoderTest {

    private final SnapshotJsonEncoder encoder = new SnapshotJsonEncoder();

    @Test
    void generatedMonthEncodesExactlyAsTheTopicSerde(@TempDir Path dir) throws Exception {
        new SnapshotGenerator(GeneratorSettings.small(6, 2, 7)).generate(dir);
        int compared = 0;
        try (MonthFileReader reader = SqliteMonthFile.open(dir.resolve("gpu_state_2025-10.db"))) {
            for (HostSnapshot snapshot = reader.next(); snapshot != null; snapshot = reader.next()) {
                assertSame(snapshot);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    @Test
    void nullsNumbersAndEmptyTextsEncodeAsTheTopicSerde() {
        LocalDateTime time = LocalDateTime.of(2025, 11, 3, 10, 0, 5, 123_456_000);
        assertSame(new HostSnapshot("m", time, List.of()));
        assertSame(new HostSnapshot("m", time, List.of(
                new SlotGpuRow("slot1@m", null, "Unclaimed", null, null, null, null, null, null, null, null),
                new SlotGpuRow("slot1@m", "", "Claimed", "", 0L, "", 0.0, "", "", "", -1L),
                new SlotGpuRow("slot1@m", "GPU-1", "Claimed", "NVIDIA H200", Long.MAX_VALUE, "p1,p2", 1e-7, "u@x",
                        "ap#1.0#2", "GPUHealthy == False", Long.MIN_VALUE),
                new SlotGpuRow("s", "g", "Owner", "d", 143771L, "p", 0.123456789012345678, "o", "j", "r", 5L),
                new SlotGpuRow("s", "g", "Owner", "d", 1L, "p", -0.0, "o", "j", "r", 5L),
                new SlotGpuRow("s", "g", "Owner", "d", 1L, "p", 1.0E300, "o", "j", "r", 5L),
                new SlotGpuRow("s", "g", "Owner", "d", 1L, "p", Double.POSITIVE_INFINITY, "o", "j", "r", 5L),
                new SlotGpuRow("s", "g", "Owner", "d", 1L, "p", Double.NEGATIVE_INFINITY, "o", "j", "r", 5L),
                new SlotGpuRow("s", "g", "Owner", "d", 1L, "p", Double.NaN, "o", "j", "r", 5L))));
    }

    @Test
    void cachedValuesNeverLeakIntoOthersThatShareTheirSlot() {
        // "Aa" and "BB" have the same hash code; 0.0 and -0.0 compare equal as doubles but print differently.
        LocalDateTime time = LocalDateTime.of(2025, 11, 3, 10, 0);
        for (int i = 0; i < 3; i++) {
            assertSame(new HostSnapshot("Aa", time, List.of(
                    new SlotGpuRow("Aa", "BB", "Aa", "BB", 0L, "Aa", 0.0, "BB", "Aa", "BB", 8192L),
                    new SlotGpuRow("BB", "Aa", "BB", "Aa", 8192L, "BB", -0.0, "Aa", "BB", "Aa", 0L))));
            assertSame(new HostSnapshot("BB", time.plusMinutes(i), List.of(
                    new SlotGpuRow(new String("Aa"), "x", "y", null, null, null, -0.0, null, null, null, null))));
        }
    }

    @Test
    void everyCharacterOfTheFirstPlanesAndSurrogatePairsEncodeAsTheTopicSerde() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("\uD83D\uDE00 \uFFFD \u2028 \u2029 \uFEFF end");
        String text = all.toString();
        assertSame(snapshotWithText(text));
        // Each escaped character alone, at the start, in the middle and at the end of a value.
        for (char c = 0; c < 0x100; c++) {
            assertSame(snapshotWithText(String.valueOf(c)));
            assertSame(snapshotWithText("ab" + c + "cd"));
        }
    }

    @Test
    void randomTextsAndNumbersEncodeAsTheTopicSerde() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            List<SlotGpuRow> rows = new ArrayList<>();
            for (int r = random.nextInt(8); r > 0; r--) {
                rows.add(new SlotGpuRow(randomText(random), randomText(random), randomText(random),
                        randomText(random), random.nextBoolean() ? null : random.nextLong(), randomText(random),
                        random.nextBoolean() ? null : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20),
                        randomText(random), randomText(random), randomText(random),
                        random.nextBoolean() ? null : (long) random.nextInt()));
            }
            LocalDateTime time = LocalDateTime.of(2000 + random.nextInt(30), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(1_000_000) * 1000);
            assertSame(new HostSnapshot(randomText(random) + "x", time, rows));
        }
    }

    private static String randomText(Random random) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(30); n > 0; n--) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 8) {
                text.append((char) random.nextInt(0x30));
            } else if (kind < 9) {
                text.append((char) (0x80 + random.nextInt(0xD000)));
            } else {
                text.appendCodePoint(0x10000 + random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    private static HostSnapshot snapshotWithText(String text) {
        return new HostSnapshot("machine" + text, LocalDateTime.of(2025, 1, 1, 10, 0),
                List.of(new SlotGpuRow("slot1@" + text, text, text, text, 1L, text, 0.5, text, text, text, 2L)));
    }

    private static String window(String text, int at) {
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40));
    }

    private void assertSame(HostSnapshot snapshot) {
        byte[] expected = JacksonSnapshotWriter.toBytes(snapshot);
        byte[] actual = encoder.encode(snapshot);
        String want = new String(expected, StandardCharsets.UTF_8);
        String got = new String(actual, StandardCharsets.UTF_8);
        int diff = 0;
        while (diff < Math.min(want.length(), got.length()) && want.charAt(diff) == got.charAt(diff)) {
            diff++;
        }
        // Only the neighbourhood of the first difference: whole documents would bury it.
        assertThat(window(got, diff)).as("JSON around index %d", diff).isEqualTo(window(want, diff));
        assertThat(actual).isEqualTo(expected);
    }
}
