package io.gpuledger.ingest.monthly;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The rejects file of a skip-bad-rows replay (rules §1.2): tab-separated, one line per problem, with a header
 * {@code file rowid column value reason}. Tabs, newlines and backslashes inside a field are written as {@code \t},
 * {@code \n}, {@code \r} and {@code \\}, so every problem stays on one line.
 */
public final class RejectsFile implements Consumer<RowProblem>, AutoCloseable {

    public static final String HEADER = "file\trowid\tcolumn\tvalue\treason";

    private final Path path;
    private final BufferedWriter out;
    private long problems;

    private RejectsFile(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    /** Creates (or replaces) the file and writes the header. */
    public static RejectsFile create(Path path) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.newLine();
        return new RejectsFile(path, out);
    }

    @Override
    public void accept(RowProblem problem) {
        try {
            out.write(field(problem.file().toString()));
            out.write('\t');
            out.write(Long.toString(problem.rowid()));
            out.write('\t');
            out.write(field(problem.column()));
            out.write('\t');
            out.write(field(problem.value()));
            out.write('\t');
            out.write(field(problem.reason()));
            out.newLine();
            problems++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Problems written so far. */
    public long problems() {
        return problems;
    }

    public Path path() {
        return path;
    }

    private static String field(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
