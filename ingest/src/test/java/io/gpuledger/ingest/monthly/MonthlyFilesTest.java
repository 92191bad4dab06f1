package io.gpuledger.ingest.monthly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.monthly.MonthlyFiles.MonthlyFile;
import io.gpuledger.ingest.monthly.MonthlyFiles.Selection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonthlyFilesTest {

    @TempDir
    Path dir;

    private Path touch(String name) throws IOException {
        return Files.createFile(dir.resolve(name));
    }

    @Test
    void onlyExactMonthlyNamesAreRead() throws IOException {
        // rules §7.6 "File names"
        Path march = touch("gpu_state_2026-03.db");
        touch("gpu_state_2026-03_dev.db");
        touch("gpu_state_2026-3.db");
        touch("gpu_state_2026-03.db-journal");
        touch("gpu_state_2026-03.db-wal");
        touch("gpu_state_2026-03.db-shm");
        touch("GPU_STATE_2026-04.db");
        touch("gpu_state_2026-04.db.bak");
        touch("gpu_state_２０２６-05.db");
        Files.createDirectory(dir.resolve("gpu_state_2026-06.db"));

        assertThat(MonthlyFiles.scan(dir)).containsExactly(new MonthlyFile(YearMonth.of(2026, 3), march));
    }

    @Test
    void filesComeInMonthOrder() throws IOException {
        Path b = touch("gpu_state_2026-01.db");
        Path a = touch("gpu_state_2025-12.db");
        Path c = touch("gpu_state_2026-02.db");

        assertThat(MonthlyFiles.scan(dir)).extracting(MonthlyFile::path).containsExactly(a, b, c);
    }

    @Test
    void impossibleMonthIsAnErrorNamingTheFile() throws IOException {
        touch("gpu_state_2025-12.db");
        touch("gpu_state_2025-13.db");

        assertThatThrownBy(() -> MonthlyFiles.scan(dir))
                .isInstanceOf(SnapshotFileException.class)
                .hasMessageContaining("gpu_state_2025-13.db")
                .hasMessageContaining("impossible month 13");
        assertThatThrownBy(() -> MonthlyFiles.monthOf(Path.of("gpu_state_2025-00.db")))
                .hasMessageContaining("gpu_state_2025-00.db");
    }

    @Test
    void monthOfOtherNamesIsEmpty() {
        assertThat(MonthlyFiles.monthOf(Path.of("x/gpu_state_2025-10.db"))).contains(YearMonth.of(2025, 10));
        assertThat(MonthlyFiles.monthOf(Path.of("gpu_state_2025-10_dev.db"))).isEmpty();
        assertThat(MonthlyFiles.monthOf(Path.of("gpu_state_2026-05.parquet"))).contains(YearMonth.of(2026, 5));
        assertThat(MonthlyFiles.monthOf(Path.of(".gpu_state_2026-05.parquet.tmp"))).isEmpty();
        assertThat(MonthlyFiles.monthOf(Path.of("gpu_state_2026-05.parquet.tmp"))).isEmpty();
        assertThat(MonthlyFiles.fileName(YearMonth.of(2025, 1))).isEqualTo("gpu_state_2025-01.db/.parquet");
        assertThat(MonthFormat.PARQUET.fileName(YearMonth.of(2025, 1))).isEqualTo("gpu_state_2025-01.parquet");
    }

    @Test
    void sqliteMonthsThenParquetMonthsAreOneHistoryAndTheCollectorsTemporaryFilesAreIgnored() throws IOException {
        Path march = touch("gpu_state_2026-03.db");
        Path april = touch("gpu_state_2026-04.db");
        Path may = touch("gpu_state_2026-05.parquet");
        Path june = touch("gpu_state_2026-06.parquet");
        touch(".gpu_state_2026-06.parquet.tmp");
        touch("gpu_state_2026-06.parquet.tmp");
        touch(".gpu_state_2026-07.parquet");

        assertThat(MonthlyFiles.scan(dir)).extracting(MonthlyFile::path).containsExactly(march, april, may, june);
        assertThat(MonthlyFiles.scan(dir)).extracting(MonthlyFile::format).containsExactly(MonthFormat.SQLITE,
                MonthFormat.SQLITE, MonthFormat.PARQUET, MonthFormat.PARQUET);
    }

    @Test
    void aMonthInBothFormatsIsRefusedWithOneLineUnlessAFormatIsPreferred() throws IOException {
        touch("gpu_state_2026-03.db");
        Path aprilDb = touch("gpu_state_2026-04.db");
        Path aprilParquet = touch("gpu_state_2026-04.parquet");

        assertThatThrownBy(() -> MonthlyFiles.scan(dir)).isInstanceOf(SnapshotFileException.class)
                .hasMessage(dir + ": 2026-04 is there twice, as gpu_state_2026-04.db and gpu_state_2026-04.parquet: "
                        + "keep one, or pick one with --prefer sqlite|parquet");
        assertThat(MonthlyFiles.scan(dir, MonthFormat.PARQUET)).extracting(MonthlyFile::path).contains(aprilParquet)
                .doesNotContain(aprilDb).hasSize(2);
        assertThat(MonthlyFiles.scan(dir, MonthFormat.SQLITE)).extracting(MonthlyFile::path).contains(aprilDb)
                .doesNotContain(aprilParquet).hasSize(2);
    }

    @Test
    void missingMonthsInASelectionAreReportedNotFatal() throws IOException {
        touch("gpu_state_2025-10.db");
        touch("gpu_state_2026-01.db");
        touch("gpu_state_2026-03.db");

        Selection selection = MonthlyFiles.select(dir, YearMonth.of(2025, 10), YearMonth.of(2026, 2));

        assertThat(selection.files()).extracting(MonthlyFile::month)
                .containsExactly(YearMonth.of(2025, 10), YearMonth.of(2026, 1));
        assertThat(selection.missingMonths())
                .containsExactly(YearMonth.of(2025, 11), YearMonth.of(2025, 12), YearMonth.of(2026, 2));
    }

    @Test
    void aTimeRangeAlsoTakesTheNeighbouringMonthsThatExist() throws IOException {
        touch("gpu_state_2026-05.db");
        touch("gpu_state_2026-06.db");
        touch("gpu_state_2026-07.db");
        touch("gpu_state_2026-08.db");
        touch("gpu_state_2026-09.db");

        Selection selection = MonthlyFiles.forRange(dir, TimeRange.ofFlags("2026-07-01", "2026-07-02"));

        // Rows of the first hours of July may sit in the June file: rows are filtered by value. The range ends weeks
        // before August, so August's file is not read.
        assertThat(selection.files()).extracting(MonthlyFile::month)
                .containsExactly(YearMonth.of(2026, 6), YearMonth.of(2026, 7));
        assertThat(selection.missingMonths()).isEmpty();
    }

    @Test
    void aRangeAtTheEndOfAMonthReadsTheNextMonthNotThePrevious() throws IOException {
        touch("gpu_state_2026-10.db");
        touch("gpu_state_2026-11.db");
        touch("gpu_state_2026-12.db");

        Selection selection = MonthlyFiles.forRange(dir, TimeRange.ofFlags("2026-11-30", "2026-11-30"));

        // The last rows of November may have been written after midnight into December's file.
        assertThat(selection.files()).extracting(MonthlyFile::month)
                .containsExactly(YearMonth.of(2026, 11), YearMonth.of(2026, 12));
    }

    @Test
    void aRangeInsideAMonthReadsThatMonthOnly() throws IOException {
        touch("gpu_state_2026-10.db");
        touch("gpu_state_2026-11.db");
        touch("gpu_state_2026-12.db");

        Selection selection = MonthlyFiles.forRange(dir, TimeRange.ofFlags("2026-11-10", "2026-11-20"));

        assertThat(selection.files()).extracting(MonthlyFile::month).containsExactly(YearMonth.of(2026, 11));
    }

    @Test
    void onlyMonthsInsideTheRangeAreWarnedAbout() throws IOException {
        touch("gpu_state_2026-05.db");

        Selection selection = MonthlyFiles.forRange(dir, TimeRange.ofFlags("2026-06", "2026-07"));

        assertThat(selection.files()).extracting(MonthlyFile::month).containsExactly(YearMonth.of(2026, 5));
        assertThat(selection.missingMonths()).containsExactly(YearMonth.of(2026, 6), YearMonth.of(2026, 7));
    }

    @Test
    void anUnboundedRangeTakesEveryFileAndWarnsAboutGaps() throws IOException {
        touch("gpu_state_2025-11.db");
        touch("gpu_state_2026-02.db");

        Selection selection = MonthlyFiles.forRange(dir, TimeRange.ALL);

        assertThat(selection.files()).hasSize(2);
        assertThat(selection.missingMonths()).containsExactly(YearMonth.of(2025, 12), YearMonth.of(2026, 1));
        assertThat(MonthlyFiles.forRange(dir, TimeRange.ofFlags("2026-01", null)).files())
                .extracting(MonthlyFile::month)
                .containsExactly(YearMonth.of(2026, 2));
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> MonthlyFiles.scan(dir.resolve("nope")))
                .isInstanceOf(SnapshotFileException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("not a directory");
    }
}
