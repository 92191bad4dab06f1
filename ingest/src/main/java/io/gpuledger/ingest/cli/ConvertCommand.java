package io.gpuledger.ingest.cli;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.monthly.MonthlyFiles;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.parquet.ParquetMonthFile;
import io.gpuledger.ingest.parquet.ParquetMonthWriter;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import io.gpuledger.ingest.sqlite.GpuStateWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ingest convert --to parquet|sqlite --out DIR FILE...}: copies clean monthly files into the other format, row
 * for row in file order, every column the file has (the original's migration script, and back). A file with bad rows
 * is refused (one line; {@code ingest validate} lists them): a conversion never silently drops or changes a row.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Copy clean gpu_state_YYYY-MM months between SQLite (.db) and Parquet (.parquet), row for row.")
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CliSupport.VerboseOption verbose;

    @Option(names = "--to", required = true, paramLabel = "sqlite|parquet", converter = FormatConverter.class,
            description = "Format to write.")
    MonthFormat to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the converted months.")
    Path out;

    @Option(names = "--force", description = "Overwrite existing files in --out.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "gpu_state_YYYY-MM.db or .parquet files")
    List<Path> files;

    /** Parses --to with one clear line on a bad value. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<MonthFormat> {
        @Override
        public MonthFormat convert(String value) {
            return MonthFormat.parse(value);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(out);
        int failed = 0;
        for (Path file : files) {
            try {
                convert(file, stdout);
            } catch (SnapshotFileException | ConversionException e) {
                failed++;
                stdout.flush();
                err.println(spec.qualifiedName() + ": " + CliSupport.oneLine(e));
                err.flush();
            }
        }
        stdout.flush();
        return failed == 0 ? CliSupport.EXIT_OK : CliSupport.EXIT_FAILURE;
    }

    private void convert(Path file, PrintWriter stdout) {
        YearMonth month = MonthlyFiles.monthOf(file).orElseThrow(() -> new ConversionException(file
                + ": not named gpu_state_YYYY-MM.db or .parquet, so its month is unknown"));
        MonthFormat from = MonthlyFiles.formatOf(file);
        if (from == to) {
            throw new ConversionException(file + ": already " + to);
        }
        try (MonthFileReader reader = HistoryFiles.open(file)) {
            FileCheck check = reader.check();
            if (!check.clean()) {
                throw new ConversionException(file + ": " + check.badRows() + " bad rows; convert copies clean months"
                        + " only (ingest validate lists them)");
            }
        }
        Path target = out.resolve(to.fileName(month));
        if (Files.exists(target) && !force) {
            throw new ConversionException(target + ": already exists (use --force to overwrite)");
        }
        long started = System.nanoTime();
        long rows = to == MonthFormat.PARQUET ? toParquet(file, target) : toSqlite(file, target);
        stdout.printf(Locale.ROOT, "%s -> %s: %,d rows in %.1f s%n", file, target, rows,
                (System.nanoTime() - started) / 1e9);
    }

    private static long toParquet(Path file, Path target) {
        try (ParquetMonthWriter writer = ParquetMonthWriter.replacing(target)) {
            sqliteRecords(file, writer::append);
            long rows = writer.rows();
            writer.commit();
            return rows;
        }
    }

    private static long toSqlite(Path file, Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long[] rows = {0};
        try {
            try (GpuStateWriter writer = GpuStateWriter.create(partial)) {
                ParquetMonthFile.forEachRecord(file, record -> {
                    try {
                        writer.append(record);
                        rows[0]++;
                    } catch (SQLException e) {
                        throw new ConversionException(partial + ": " + e.getMessage());
                    }
                });
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return rows[0];
        } catch (SQLException e) {
            throw new ConversionException(target + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of a SQLite month in rowid order, the columns it has by name, values as stored. */
    private static void sqliteRecords(Path file, Consumer<GpuStateRecord> consumer) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath()
                + "?mode=ro");
             Statement statement = connection.createStatement()) {
            List<String> present = new ArrayList<>();
            try (ResultSet columns = statement.executeQuery("SELECT name FROM pragma_table_info('"
                    + GpuStateColumns.TABLE + "')")) {
                while (columns.next()) {
                    present.add(columns.getString(1));
                }
            }
            List<String> wanted = GpuStateColumns.names();
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < wanted.size(); i++) {
                sql.append(i == 0 ? "" : ", ")
                        .append(present.contains(wanted.get(i)) ? '"' + wanted.get(i) + '"' : "NULL");
            }
            sql.append(" FROM ").append(GpuStateColumns.TABLE).append(" ORDER BY rowid");
            try (ResultSet rs = statement.executeQuery(sql.toString())) {
                while (rs.next()) {
                    Object[] v = new Object[wanted.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rs.getObject(i + 1);
                    }
                    consumer.accept(new GpuStateRecord(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                            v[10], v[11], v[12], v[13]));
                }
            }
        } catch (SQLException e) {
            throw new ConversionException(file + ": " + e.getMessage());
        }
    }

    /** A file that cannot be converted: one line. */
    static final class ConversionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConversionException(String message) {
            super(message);
        }
    }
}
