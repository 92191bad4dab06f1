package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.history.MonthWriter;
import io.gpuledger.ingest.monthly.MonthFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes snapshots into {@code gpu_state_YYYY-MM.db} files, each row into the file of its timestamp's month, one
 * transaction per file.
 *
 * <p>A file is written under a {@code .partial} name (which no reader picks up, rules §1.1) and renamed when complete, so
 * a failed run never leaves a half-written month behind a valid name.
 */
final class MonthlyFileSink implements AutoCloseable {

    private final Path dir;
    private final List<GenerationSummary.FileSummary> finished = new ArrayList<>();
    private final Set<YearMonth> closedMonths = new HashSet<>();
    private OpenFile current;

    /** The file being written. */
    private static final class OpenFile {
        final YearMonth month;
        final Path target;
        final Path partial;
        final MonthWriter writer;
        long rows;
        long snapshots;
        LocalDateTime first;
        String firstText;
        LocalDateTime last;
        String lastText;

        OpenFile(YearMonth month, Path target, Path partial, MonthWriter writer) {
            this.month = month;
            this.target = target;
            this.partial = partial;
            this.writer = writer;
        }
    }

    private final MonthFormat format;

    MonthlyFileSink(Path dir, MonthFormat format) {
        this.dir = dir;
        this.format = format;
    }

    static Path fileFor(Path dir, YearMonth month, MonthFormat format) {
        return dir.resolve(format.fileName(month));
    }

    void write(GeneratedSnapshot snapshot) throws IOException {
        YearMonth month = snapshot.month();
        if (current == null || !current.month.equals(month)) {
            finishCurrent();
            open(month);
        }
        OpenFile file = current;
        try {
            for (GeneratedRow row : snapshot.rows()) {
                file.writer.append(row.toRecord());
            }
        } catch (IOException e) {
            throw new IOException("writing " + file.target + ": " + e.getMessage(), e);
        }
        file.rows += snapshot.rows().size();
        file.snapshots++;
        if (file.first == null || snapshot.timestamp().isBefore(file.first)) {
            file.first = snapshot.timestamp();
            file.firstText = snapshot.timestampText();
        }
        if (file.last == null || snapshot.timestamp().isAfter(file.last)) {
            file.last = snapshot.timestamp();
            file.lastText = snapshot.timestampText();
        }
    }

    private void open(YearMonth month) throws IOException {
        if (!closedMonths.add(month)) {
            // Reopening would replace the rows already written: the generator never goes back a month.
            throw new IllegalStateException("snapshots of " + month + " arrived after a later month");
        }
        Path target = fileFor(dir, month, format);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        current = new OpenFile(month, target, partial, MonthWriter.create(partial, format));
    }

    private void finishCurrent() throws IOException {
        if (current == null) {
            return;
        }
        OpenFile file = current;
        current = null;
        file.writer.finish();
        Files.move(file.partial, file.target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished.add(new GenerationSummary.FileSummary(file.target, file.month, file.rows, file.snapshots,
                file.firstText, file.lastText, Files.size(file.target)));
    }

    /** Completes the last file and returns every file written, in month order. */
    List<GenerationSummary.FileSummary> finish() throws IOException {
        finishCurrent();
        return List.copyOf(finished);
    }

    /** Drops the file being written, if any: used after a failure. */
    @Override
    public void close() {
        if (current == null) {
            return;
        }
        OpenFile file = current;
        current = null;
        try {
            file.writer.close();
        } catch (IOException ignored) {
            // The partial file is deleted below; its content no longer matters.
        }
        try {
            Files.deleteIfExists(file.partial);
        } catch (IOException ignored) {
            // A leftover .partial file is harmless: no reader picks it up.
        }
    }
}
