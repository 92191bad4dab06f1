package io.gpuledger.backfill.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.backfill.ReplaySummary;
import io.gpuledger.backfill.progress.ReplayProgress.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static final Path FILE = Path.of("/data/gpu_state_2025-10.db");

    private static ReplayProgress halfway(double seconds) {
        return new ReplayProgress(Phase.SENDING, FILE, 1, 2, 2_500_000, 2_600_000, 5_000_000, true, 500_000, 0,
                seconds + 4, seconds);
    }

    @Test
    void theBarShowsPercentRowsSnapshotsRateEtaAndFile() {
        String line = ConsoleProgress.barLine(halfway(10));

        assertThat(line).isEqualTo("[##########..........]  50.0%  2,500,000 / 5,000,000 rows  500,000 machine-snapshots"
                + "  250,000 rows/s  ETA 0:10  sending gpu_state_2025-10.db (1/2)");
    }

    @Test
    void anEstimatedTotalIsMarkedAndAnUnknownEtaShownAsDashes() {
        ReplayProgress checking = new ReplayProgress(Phase.CHECKING, FILE, 1, 1, 0, 0, 5_240_566, false, 0, 0, 2.5,
                0);

        assertThat(ConsoleProgress.barLine(checking)).contains("0 / ~5,240,566 rows", "ETA --:--",
                "checking gpu_state_2025-10.db").doesNotContain("(1/1)");
        assertThat(ConsoleProgress.logLine(checking)).isEqualTo("checking gpu_state_2025-10.db: 0 of ~5,240,566 "
                + "rows (0.0%), 0 machine-snapshots, 0 rows/s, ETA --:--");
    }

    @Test
    void etaFormats() {
        assertThat(ConsoleProgress.eta(0)).isEqualTo("0:00");
        assertThat(ConsoleProgress.eta(61.4)).isEqualTo("1:01");
        assertThat(ConsoleProgress.eta(3 * 3600 + 5)).isEqualTo("3:00:05");
        assertThat(ConsoleProgress.eta(-1)).isEqualTo("--:--");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAtMostFiveTimesASecond() {
        StringWriter terminal = new StringWriter();
        AtomicLong now = new AtomicLong();
        ConsoleProgress progress = ConsoleProgress.bar(new PrintWriter(terminal), now::get);

        progress.progress(halfway(10));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        progress.progress(halfway(10.05));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        progress.progress(halfway(10.25));
        progress.finished(new ReplaySummary("t", false, List.of(), List.of(), 1, 1, 0, null, 1));

        String drawn = terminal.toString();
        assertThat(drawn.chars().filter(c -> c == '\r').count()).isEqualTo(3);
        assertThat(drawn).startsWith("\r[##########").endsWith("\n").doesNotContain("\n\r");
    }

    @Test
    void aFileEventClearsTheBarSoThatLogLinesStartOnAnEmptyLine() {
        StringWriter terminal = new StringWriter();
        ConsoleProgress progress = ConsoleProgress.bar(new PrintWriter(terminal), System::nanoTime);

        progress.progress(halfway(10));
        int drawn = terminal.toString().length();
        progress.fileStarted(new FileStart(FILE, 2, 2, 10, 0, null, 1.0));

        String cleared = terminal.toString().substring(drawn);
        assertThat(cleared).matches("\r +\r");
    }
}
