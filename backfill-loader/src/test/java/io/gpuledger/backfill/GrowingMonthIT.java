package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Snapshots;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.parquet.ParquetMonthFile;
import io.gpuledger.ingest.parquet.ParquetMonthWriter;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector rewrites the current month's Parquet file on every pass, the new snapshot appended. Replaying that
 * month again and again (a cron every five minutes) must cost only what is new: given a month replayed once, when the
 * file grows by replacement and is replayed again, then only the new snapshots are sent, and the topic holds every
 * snapshot of the file. SQLite and Parquet months, mixed in one directory, are one history.
 */
@WithKafka
class GrowingMonthIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    private static Path fullMonth;

    @TempDir
    Path work;

    @BeforeAll
    static void generate() throws IOException {
        Path dir = Files.createDirectories(shared.resolve("generated"));
        GeneratorSettings settings = GeneratorSettings.small(6, 3, 5).withStart(LocalDate.of(2025, 10, 10));
        new SnapshotGenerator(settings).generate(dir, false, MonthFormat.PARQUET);
        fullMonth = dir.resolve(MonthFormat.PARQUET.fileName(settings.months().get(0)));
    }

    /** The month as the collector had written it by {@code until}: its snapshots before that time. */
    private static void writeUntil(Path target, LocalDateTime until) {
        try (ParquetMonthWriter writer = ParquetMonthWriter.create(target)) {
            ParquetMonthFile.forEachStoredRow(fullMonth, row -> {
                if (SnapshotTime.parse(row.timestamp().toString()).isBefore(until)) {
                    try {
                        writer.append(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LoaderSettings settings(KafkaBroker kafka, Path dir, String topic) {
        return LoaderSettings.of(dir)
                .with(LoaderSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(CommonSettings.TOPIC, topic)
                .with(CommonSettings.PARTITIONS, 2)
                .with(LoaderSettings.CHECKPOINT_DIR, work.resolve("checkpoints"))
                .with(LoaderSettings.DELIVERY_TIMEOUT, Duration.ofSeconds(30));
    }

    @Test
    void aMonthGrownByReplacementSendsOnlyItsNewSnapshots(KafkaBroker kafka) throws Exception {
        Path dir = Files.createDirectories(work.resolve("current"));
        Path month = dir.resolve(fullMonth.getFileName());
        String topic = kafka.uniqueTopicName("growing");
        LoaderSettings settings = settings(kafka, dir, topic);

        writeUntil(month, LocalDateTime.of(2025, 10, 11, 12, 0));
        long firstRows = FileSnapshots.rows(FileSnapshots.of(month));
        ReplaySummary first = new BackfillLoader(settings).run();

        writeUntil(month, LocalDateTime.of(2025, 10, 12, 6, 0));
        long grownRows = FileSnapshots.rows(FileSnapshots.of(month));
        ReplaySummary second = new BackfillLoader(settings).run();
        ReplaySummary unchanged = new BackfillLoader(settings).run();

        assertThat(first.rows()).isEqualTo(firstRows).isPositive();
        assertThat(grownRows).isGreaterThan(firstRows);
        assertThat(second.rows()).as("only the snapshots after the first run's").isEqualTo(grownRows - firstRows);
        assertThat(unchanged.rows()).as("nothing new").isZero();
        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, READ_TIMEOUT);
        assertThat(records.size()).as("each snapshot exactly once").isEqualTo(FileSnapshots.of(month).size());
        Snapshots.assertSame(records.distinctSnapshots(), FileSnapshots.of(month));
    }

    @Test
    void sqliteMonthsThenParquetMonthsReplayAsOneHistoryAndAMonthInBothNeedsAPreference(KafkaBroker kafka)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve("mixed"));
        Path september = dir.resolve("gpu_state_2025-09.db");
        GeneratorSettings lastDays = GeneratorSettings.small(6, 2, 9).withStart(LocalDate.of(2025, 9, 29));
        new SnapshotGenerator(lastDays).generate(dir, false, MonthFormat.SQLITE);
        Files.copy(fullMonth, dir.resolve(fullMonth.getFileName()));
        Files.writeString(dir.resolve(".gpu_state_2025-10.parquet.tmp"), "the collector's next pass, half written");
        String topic = kafka.uniqueTopicName("mixed");

        ReplaySummary summary = new BackfillLoader(settings(kafka, dir, topic)).run();

        assertThat(summary.rows()).isEqualTo(FileSnapshots.rows(FileSnapshots.of(september))
                + FileSnapshots.rows(FileSnapshots.of(fullMonth)));
        // The site converted October too: the month is there twice.
        Files.copy(september, dir.resolve("gpu_state_2025-10.db"));
        assertThatThrownBy(() -> new BackfillLoader(settings(kafka, dir, topic)).run())
                .isInstanceOf(LoaderException.class)
                .hasMessageContaining("2025-10 is there twice, as gpu_state_2025-10.db and gpu_state_2025-10.parquet");
        ReplaySummary preferred = new BackfillLoader(settings(kafka, dir, topic)
                .with(CommonSettings.PREFER, MonthFormat.PARQUET)).run();
        assertThat(preferred.rows()).as("both months' checkpoints say complete").isZero();
    }
}
