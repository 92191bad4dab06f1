package io.gpuledger.ingest.monthly;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery of the monthly snapshot files (rules §1.1): only names matching exactly {@code gpu_state_YYYY-MM.db} or
 * {@code gpu_state_YYYY-MM.parquet} are read; {@code _dev} copies, {@code gpu_state_2026-3.db},
 * {@code -journal}/{@code -wal}/{@code -shm} files, dot-files and the collector's {@code .tmp} files (a Parquet month
 * is rewritten through {@code .gpu_state_YYYY-MM.parquet.tmp} and a rename) are ignored. A matching name with an
 * impossible month is an error naming the file; so is a month present in both formats, unless a preferred format is
 * given.
 */
public final class MonthlyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(MonthlyFiles.class);

    /** The exact name of a monthly file; {@code \d} matches ASCII digits only. */
    public static final Pattern FILE_NAME = Pattern.compile("^gpu_state_(\\d{4})-(\\d{2})\\.(db|parquet)$");

    /**
     * How far from a month boundary a row may sit in the neighbouring month's file: the collector stamps a row with
     * the start of its pass and writes it moments later, so a few seconds suffice; a day also covers a collector
     * clock that was off for a while.
     */
    public static final Duration BOUNDARY_MARGIN = Duration.ofDays(1);

    /** One monthly file and the month its name gives. */
    public record MonthlyFile(YearMonth month, Path path) {
        /** The format its name gives. */
        public MonthFormat format() {
            return formatOf(path);
        }
    }

    /**
     * The files a replay reads, in month order, and the months it asked for that have no file (each already logged as
     * one warning line).
     */
    public record Selection(List<MonthlyFile> files, List<YearMonth> missingMonths) {
        public Selection {
            files = List.copyOf(files);
            missingMonths = List.copyOf(missingMonths);
        }
    }

    private MonthlyFiles() {
    }

    /** The file name of a month in either format, for messages: {@code gpu_state_2025-10.db/.parquet}. */
    public static String fileName(YearMonth month) {
        return MonthFormat.SQLITE.fileName(month) + "/." + MonthFormat.PARQUET.extension();
    }

    /**
     * The format a monthly file's name gives.
     *
     * @throws IllegalArgumentException when the name is not a monthly file's name
     */
    public static MonthFormat formatOf(Path file) {
        Matcher m = FILE_NAME.matcher(String.valueOf(file.getFileName()));
        if (!m.matches()) {
            throw new IllegalArgumentException(file + ": not a gpu_state_YYYY-MM.db or .parquet file");
        }
        return MonthFormat.ofExtension(m.group(3));
    }

    /**
     * The month a file's name gives, or empty when the name is not a monthly file's name.
     *
     * @throws SnapshotFileException when the name matches but the month is impossible ({@code gpu_state_2025-13.db})
     */
    public static Optional<YearMonth> monthOf(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = FILE_NAME.matcher(name.toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (DateTimeException e) {
            throw new SnapshotFileException(file, "impossible month " + m.group(2) + " in the file name");
        }
    }

    /**
     * Every monthly file directly inside {@code dir}, in month order; a month present in both formats is an error.
     *
     * @throws SnapshotFileException when {@code dir} is not a readable directory, a name has an impossible month, or a
     *                               month is there as both {@code .db} and {@code .parquet}
     */
    public static List<MonthlyFile> scan(Path dir) {
        return scan(dir, null);
    }

    /**
     * Every monthly file directly inside {@code dir}, in month order; of a month present in both formats, the file of
     * {@code prefer}, or (when {@code prefer} is null) an error naming both files.
     */
    public static List<MonthlyFile> scan(Path dir, MonthFormat prefer) {
        if (!Files.isDirectory(dir)) {
            throw new SnapshotFileException(dir, "not a directory");
        }
        List<MonthlyFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Optional<YearMonth> month = monthOf(entry);
                if (month.isPresent() && Files.isRegularFile(entry)) {
                    files.add(new MonthlyFile(month.get(), entry));
                }
            }
        } catch (IOException e) {
            throw new SnapshotFileException(dir, "cannot list the directory: " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(MonthlyFile::month).thenComparing(file -> file.format()));
        return oneFilePerMonth(dir, files, prefer);
    }

    private static List<MonthlyFile> oneFilePerMonth(Path dir, List<MonthlyFile> sorted, MonthFormat prefer) {
        List<MonthlyFile> kept = new ArrayList<>();
        for (MonthlyFile file : sorted) {
            MonthlyFile previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (previous == null || !previous.month().equals(file.month())) {
                kept.add(file);
                continue;
            }
            // Two names can only differ by format: which one is the month's history is the operator's call.
            if (prefer == null) {
                throw new SnapshotFileException(dir, file.month() + " is there twice, as "
                        + previous.path().getFileName() + " and " + file.path().getFileName()
                        + ": keep one, or pick one with --prefer sqlite|parquet");
            }
            if (file.format() == prefer) {
                kept.set(kept.size() - 1, file);
            }
            LOG.info("{} is there as {} and {}: reading the {} file (--prefer)", file.month(),
                    previous.path().getFileName(), file.path().getFileName(), prefer);
        }
        return kept;
    }

    /**
     * The files of the months {@code first}..{@code last} (inclusive) in month order; each missing month is one
     * warning line (a run of missing months is one line naming its first and last month).
     */
    public static Selection select(Path dir, YearMonth first, YearMonth last) {
        List<MonthlyFile> files = new ArrayList<>();
        for (MonthlyFile file : scan(dir)) {
            if (!file.month().isBefore(first) && !file.month().isAfter(last)) {
                files.add(file);
            }
        }
        return new Selection(files, warnMissing(dir, files, first, last));
    }

    /**
     * The files a time range needs, in month order. A row is placed by its own timestamp, and the collector writes to
     * the file of its wall-clock month when it <em>writes</em>, so rows just before or after a month boundary can sit
     * in the neighbouring month's file (rules §1.1, §7.6 "Cross-month"). The selection therefore also takes the file
     * of the month before the range's first month when the range starts within {@link #BOUNDARY_MARGIN} of that
     * month's start, and the file of the month after its last month when the range ends within the margin of the next
     * month's start; the reader filters rows by timestamp value. A range in the middle of a month reads that month's
     * file only. Only months inside the range are warned about when missing. An unbounded side takes every file on
     * that side; its missing months are the gaps between existing files.
     */
    public static Selection forRange(Path dir, TimeRange range) {
        return forRange(dir, range, null);
    }

    /** {@link #forRange(Path, TimeRange)}, preferring {@code prefer} for a month present in both formats. */
    public static Selection forRange(Path dir, TimeRange range, MonthFormat prefer) {
        List<MonthlyFile> all = scan(dir, prefer);
        if (all.isEmpty()) {
            return new Selection(List.of(), List.of());
        }
        YearMonth first = range.hasStart() ? range.firstMonth() : all.get(0).month();
        YearMonth last = range.hasEnd() ? range.lastMonth() : all.get(all.size() - 1).month();
        List<MonthlyFile> core = new ArrayList<>();
        List<MonthlyFile> files = new ArrayList<>();
        for (MonthlyFile file : all) {
            YearMonth month = file.month();
            boolean inside = !month.isBefore(first) && !month.isAfter(last);
            if (inside) {
                core.add(file);
            }
            boolean neighbourBefore = month.equals(first.minusMonths(1))
                    && range.from().isBefore(first.atDay(1).atStartOfDay().plus(BOUNDARY_MARGIN));
            boolean neighbourAfter = month.equals(last.plusMonths(1))
                    && range.to().isAfter(month.atDay(1).atStartOfDay().minus(BOUNDARY_MARGIN));
            if (inside || neighbourBefore || neighbourAfter) {
                files.add(file);
            }
        }
        return new Selection(files, first.isAfter(last) ? List.of() : warnMissing(dir, core, first, last));
    }

    private static List<YearMonth> warnMissing(Path dir, List<MonthlyFile> present, YearMonth first, YearMonth last) {
        List<YearMonth> have = present.stream().map(MonthlyFile::month).toList();
        List<YearMonth> missing = new ArrayList<>();
        YearMonth runStart = null;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            boolean absent = !have.contains(month);
            if (absent) {
                missing.add(month);
                if (runStart == null) {
                    runStart = month;
                }
            }
            if (runStart != null && (!absent || month.equals(last))) {
                YearMonth runEnd = absent ? month : month.minusMonths(1);
                warnRun(dir, runStart, runEnd);
                runStart = null;
            }
        }
        return missing;
    }

    private static void warnRun(Path dir, YearMonth start, YearMonth end) {
        if (start.equals(end)) {
            LOG.warn("no file for {} ({} in {}): month skipped", start, fileName(start), dir);
        } else {
            long months = start.until(end, java.time.temporal.ChronoUnit.MONTHS) + 1;
            LOG.warn("no files for {} to {} ({} months, in {}): months skipped", start, end, months, dir);
        }
    }
}
