package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.TestReplays;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site that followed the original has SQLite months up to spring 2026 and Parquet months since, or converted some:
 * given such a directory, when it is replayed, then its months are one history; a month there in both formats is
 * refused until {@code --prefer} picks one.
 */
@WithKafka
class MixedFormatsIT {

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

    private LoaderSettings settings(KafkaBroker kafka, Path dir, String topic) {
        return TestReplays.settings(kafka, dir, topic, work);
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
