package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.SnapshotKey;
import io.gpuledger.backfill.support.Snapshots;
import io.gpuledger.backfill.support.TestReplays;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.parquet.ParquetMonthFile;
import io.gpuledger.ingest.parquet.ParquetMonthWriter;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet month that grows by replacement (the collector rewrites it every run) replayed again with
 * the same command: only the snapshots added since are sent, and the topic holds every snapshot once.
 */
@WithKafka
class GrownMonthIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String CUTOFF = "2025-10-02 12:00:00";

    @TempDir
    Path work;

    /** The month as the collector had written it when the clock read {@code cutoff}: its rows before then. */
    private static void writeUntil(Path full, Path month, String cutoff) throws IOException {
        try (ParquetMonthWriter writer = ParquetMonthWriter.create(month)) {
            ParquetMonthFile.forEachStoredRow(full, record -> {
                if (record.timestamp().toString().compareTo(cutoff) < 0) {
                    try {
                        writer.append(record);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            writer.finish();
        }
    }

    @Test
    void aRerunOfAGrownMonthSendsOnlyTheNewSnapshots(KafkaBroker kafka) throws Exception {
        // Given three days of October as Parquet, of which the collector had written the first day and a half
        new SnapshotGenerator(GeneratorSettings.small(6, 3, 11))
                .generate(work.resolve("full"), false, MonthFormat.PARQUET);
        Path full = work.resolve("full").resolve("gpu_state_2025-10.parquet");
        Path dir = Files.createDirectories(work.resolve("history"));
        Path month = dir.resolve("gpu_state_2025-10.parquet");
        writeUntil(full, month, CUTOFF);
        Map<SnapshotKey, List<SlotGpuRow>> before = FileSnapshots.of(month);
        String topic = kafka.uniqueTopicName("grown");
        LoaderSettings settings = TestReplays.settings(kafka, dir, topic, work);

        // When it is replayed, the month grows by replacement, and it is replayed again
        ReplaySummary first = new BackfillLoader(settings).run();
        writeUntil(full, month, "9999");
        ReplaySummary second = new BackfillLoader(settings).run();
        ReplaySummary third = new BackfillLoader(settings).run();

        // Then the second run sent only the snapshots after the first day and a half, the third nothing
        Map<SnapshotKey, List<SlotGpuRow>> all = FileSnapshots.of(month);
        assertThat(first.rows()).isEqualTo(FileSnapshots.rows(before));
        assertThat(second.rows()).isEqualTo(FileSnapshots.rows(all) - FileSnapshots.rows(before)).isPositive();
        assertThat(third.rows()).isZero();
        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(records.size()).as("each snapshot exactly once").isEqualTo(all.size());
        Snapshots.assertSame(records.distinctSnapshots(), all);
    }
}
