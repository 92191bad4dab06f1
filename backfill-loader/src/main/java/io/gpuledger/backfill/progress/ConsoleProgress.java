package io.gpuledger.backfill.progress;

import io.gpuledger.backfill.FileResult;
import io.gpuledger.backfill.ReplaySummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a replay's progress to a person: on a terminal a one-line bar redrawn in place a few times a second; otherwise
 * (a pipe, a log file, a CI job) one log line every few seconds, so logs stay readable.
 *
 * <pre>[##########..........]  48.9%  2,570,112 / 5,255,170 rows  520,034 snapshots  351,220 rows/s  ETA 0:08  gpu_state_2025-10.db</pre>
 */
public final class ConsoleProgress implements ProgressListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);
    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();

    private final PrintWriter terminal;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastShown = Long.MIN_VALUE;
    private int lastWidth;
    private ReplayProgress latest;

    private ConsoleProgress(PrintWriter terminal, long intervalNanos, LongSupplier nanoTime) {
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
    }

    /** A bar on {@code terminal} when the JVM has a console, else log lines every {@code logInterval}. */
    public static ConsoleProgress auto(PrintWriter terminal, Duration logInterval) {
        return System.console() != null ? bar(terminal, System::nanoTime) : log(logInterval, System::nanoTime);
    }

    /** A live bar redrawn with {@code \r} on {@code terminal}. */
    public static ConsoleProgress bar(PrintWriter terminal, LongSupplier nanoTime) {
        return new ConsoleProgress(terminal, REDRAW_NANOS, nanoTime);
    }

    /** One INFO log line per {@code interval}. */
    public static ConsoleProgress log(Duration interval, LongSupplier nanoTime) {
        return new ConsoleProgress(null, interval.toNanos(), nanoTime);
    }

    @Override
    public void fileStarted(FileStart start) {
        // The loader logs a line about the file next: it must not land on the bar's line.
        clearBar();
    }

    @Override
    public void fileFinished(FileResult result) {
        clearBar();
    }

    @Override
    public void progress(ReplayProgress progress) {
        latest = progress;
        long now = nanoTime.getAsLong();
        if (lastShown != Long.MIN_VALUE && now - lastShown < intervalNanos) {
            return;
        }
        lastShown = now;
        show(progress);
    }

    @Override
    public void finished(ReplaySummary summary) {
        if (terminal != null && latest != null) {
            show(latest);
            terminal.println();
            terminal.flush();
            lastWidth = 0;
        }
    }

    private void show(ReplayProgress progress) {
        if (terminal == null) {
            LOG.info(logLine(progress));
            return;
        }
        String line = barLine(progress);
        StringBuilder redraw = new StringBuilder(line.length() + 8).append('\r').append(line);
        for (int i = line.length(); i < lastWidth; i++) {
            redraw.append(' ');
        }
        lastWidth = line.length();
        terminal.print(redraw);
        terminal.flush();
    }

    private void clearBar() {
        if (terminal == null || lastWidth == 0) {
            return;
        }
        terminal.print("\r" + " ".repeat(lastWidth) + "\r");
        terminal.flush();
        lastWidth = 0;
        // Draw the bar again at the next progress call, whatever the interval.
        lastShown = Long.MIN_VALUE;
    }

    /** The terminal bar for {@code progress}. */
    public static String barLine(ReplayProgress progress) {
        int filled = (int) Math.round(progress.fraction() * BAR_WIDTH);
        StringBuilder line = new StringBuilder(160);
        line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        line.append(String.format(Locale.ROOT, "%5.1f%%  %,d / %s%,d rows  %,d machine-snapshots", 100 * progress.fraction(),
                progress.rowsDone(), progress.totalExact() ? "" : "~", progress.rowsTotal(),
                progress.snapshotsDone()));
        if (progress.badRows() > 0) {
            line.append(String.format(Locale.ROOT, "  %,d bad", progress.badRows()));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f rows/s  ETA %s", progress.rowsPerSecond(),
                eta(progress.etaSeconds())));
        line.append("  ").append(activity(progress));
        return line.toString();
    }

    /** The log line for {@code progress}. */
    public static String logLine(ReplayProgress progress) {
        return String.format(Locale.ROOT, "%s: %,d of %s%,d rows (%.1f%%), %,d machine-snapshots%s, %,.0f rows/s, ETA %s",
                activity(progress), progress.rowsDone(), progress.totalExact() ? "" : "~", progress.rowsTotal(),
                100 * progress.fraction(), progress.snapshotsDone(),
                progress.badRows() > 0 ? String.format(Locale.ROOT, ", %,d bad rows skipped", progress.badRows()) : "",
                progress.rowsPerSecond(), eta(progress.etaSeconds()));
    }

    private static String activity(ReplayProgress progress) {
        String file = progress.file() == null ? "" : String.valueOf(progress.file().getFileName());
        String position = progress.files() > 1 ? " (" + progress.fileIndex() + "/" + progress.files() + ")" : "";
        return switch (progress.phase()) {
            case CHECKING -> "checking " + file + position;
            case SENDING -> "sending " + file + position;
            case FLUSHING -> "waiting for the last acknowledgements";
            case DONE -> "done";
        };
    }

    /** {@code m:ss}, {@code h:mm:ss}, or {@code --:--} when unknown. */
    static String eta(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = (total % 3600) / 60;
        long secs = total % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }
}
