package io.gpuledger.ingest.monthly;

import java.nio.file.Path;
import java.util.List;

/**
 * A monthly file that cannot be read: not SQLite, corrupt, no {@code gpu_state} table, a missing required column, an
 * impossible month in its name, or (fail-fast) bad rows. The message is one line and names the file; for bad rows
 * {@link #problems()} holds the first ones found.
 */
public final class SnapshotFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<RowProblem> problems;

    public SnapshotFileException(Path file, String reason) {
        this(file, reason, List.of(), null);
    }

    public SnapshotFileException(Path file, String reason, Throwable cause) {
        this(file, reason, List.of(), cause);
    }

    public SnapshotFileException(Path file, String reason, List<RowProblem> problems) {
        this(file, reason, problems, null);
    }

    private SnapshotFileException(Path file, String reason, List<RowProblem> problems, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    /** The first bad rows' problems when the file was rejected for its rows; empty for a structural error. */
    public List<RowProblem> problems() {
        return problems;
    }
}
