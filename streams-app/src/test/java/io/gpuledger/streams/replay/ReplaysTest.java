package io.gpuledger.streams.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.backfill.LoaderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Replays} decides before any Kafka is involved: refusals, and the records a restart finds. */
class ReplaysTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    private static final ProcessingCatchUp NEVER_ASKED = new ProcessingCatchUp() {
        @Override
        public Map<TopicPartition, Long> inputEndOffsets() {
            throw new AssertionError("no replay should start");
        }

        @Override
        public long recordsBehind(Map<TopicPartition, Long> inputEndOffsets) {
            throw new AssertionError("no replay should start");
        }
    };

    private static Replays replays(List<Path> historyDirs, Path dataDir) {
        return new Replays(historyDirs, null, LoaderSettings::of, dataDir,
                io.gpuledger.streams.metrics.ReplayProgress.NONE, NEVER_ASKED, CLOCK);
    }

    private static ReplayRequest months(String from, String to) {
        return new ReplayRequest(YearMonth.parse(from), YearMonth.parse(to), false);
    }

    @Test
    void withoutAHistoryDirectoryNothingIsReplayed(@TempDir Path data) {
        assertThatThrownBy(() -> replays(List.of(), data).submit(months("2025-10", "2025-12")))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("no history directory is configured (--history-dir)")
                .extracting(e -> ((ReplayRefusedException) e).parameter()).isEqualTo("history-dir");
    }

    @Test
    void aRangeWithoutFilesIsRefusedNamingFrom(@TempDir Path data, @TempDir Path history) throws IOException {
        Files.writeString(history.resolve("gpu_state_2025-09.db"), "");
        Files.writeString(history.resolve("gpu_state_2026-01.db"), "");
        Files.writeString(history.resolve("notes.txt"), "");
        assertThatThrownBy(() -> replays(List.of(history), data).submit(months("2025-10", "2025-12")))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessage("no monthly file of 2025-10..2025-12 in the history directories (1 configured)")
                .extracting(e -> ((ReplayRefusedException) e).parameter()).isEqualTo("from");
        assertThat(replays(List.of(history), data).list()).as("nothing recorded").isEmpty();
    }

    @Test
    void aMissingHistoryDirectoryIsRefusedNamingTheSetting(@TempDir Path data) {
        assertThatThrownBy(() -> replays(List.of(data.resolve("absent")), data).submit(months("2025-10", "2025-10")))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("history directory " + data.resolve("absent") + " cannot be read");
    }

    @Test
    void aRecordLeftRunningByAStoppedServiceReadsBackInterruptedAndIdsGoOn(@TempDir Path data) throws IOException {
        ReplayRecords records = new ReplayRecords(data.resolve("replays"));
        ReplayStatus running = new ReplayStatus("r7", months("2025-10", "2025-11"), ReplayPhase.RUNNING,
                "sending gpu_state_2025-10.db", List.of("gpu_state_2025-10.db", "gpu_state_2025-11.db"), 1200, 5000,
                400.0, 9.5, 0, List.of(), CLOCK.instant(), CLOCK.instant(), null);
        ReplayStatus done = new ReplayStatus("r3", months("2025-09", "2025-09"), ReplayPhase.DONE, null,
                List.of("gpu_state_2025-09.db"), 10, 10, 5.0, 0.0, 0, List.of(), CLOCK.instant(), CLOCK.instant(),
                CLOCK.instant());
        records.write(running);
        records.write(done);
        Files.writeString(data.resolve("replays").resolve("stray.json"), "{\"id\":\"../elsewhere\",\"from\":"
                + "\"2025-10\",\"to\":\"2025-10\",\"phase\":\"running\"}");
        Files.writeString(data.resolve("replays").resolve("broken.json"), "{\"id\":");

        Replays restarted = replays(List.of(), data);

        ReplayStatus interrupted = restarted.get("r7").orElseThrow();
        assertThat(interrupted.phase()).isEqualTo(ReplayPhase.INTERRUPTED);
        assertThat(interrupted.rowsSent()).isEqualTo(1200);
        assertThat(interrupted.endedAt()).isEqualTo(CLOCK.instant());
        assertThat(restarted.get("r3")).contains(done);
        assertThat(restarted.list()).as("neither the stray nor the broken record").extracting(ReplayStatus::id)
                .containsExactly("r7", "r3");
        assertThat(data.resolve("elsewhere.json")).doesNotExist();
        assertThat(restarted.inProgress()).isEmpty();
        assertThat(new ReplayRecords(data.resolve("replays")).load()).as("written back")
                .anySatisfy(status -> assertThat(status.phase()).isEqualTo(ReplayPhase.INTERRUPTED));
        assertThatThrownBy(() -> restarted.cancel("r7")).isInstanceOf(ReplayConflictException.class)
                .hasMessage("replay r7 of 2025-10..2025-11 has already ended (interrupted): nothing to cancel");
        assertThat(restarted.cancel("r99")).isEmpty();
    }

    @Test
    void whileTheStartupReplayRunsARequestIsAConflictNamingIt(@TempDir Path data, @TempDir Path history)
            throws IOException {
        Files.writeString(history.resolve("gpu_state_2025-10.db"), "");
        Replays replays = replays(List.of(history), data);
        replays.startupReplay(true);
        assertThatThrownBy(() -> replays.submit(months("2025-10", "2025-10")))
                .isInstanceOf(ReplayConflictException.class)
                .hasMessageStartingWith("the startup replay (--replay) is in progress")
                .extracting(e -> ((ReplayConflictException) e).replayId()).isEqualTo(Replays.STARTUP);
        assertThat(replays.list()).isEmpty();
    }

    @Test
    void rangesOverlapWhenTheyShareAMonth() {
        assertThat(months("2025-10", "2025-12").overlaps(months("2025-12", "2026-02"))).isTrue();
        assertThat(months("2025-10", "2025-12").overlaps(months("2025-11", "2025-11"))).isTrue();
        assertThat(months("2025-10", "2025-12").overlaps(months("2026-01", "2026-02"))).isFalse();
        assertThat(months("2025-10", "2025-12").overlaps(months("2025-01", "2025-09"))).isFalse();
    }
}
