package io.gpuledger.ingest.sqlite;

import java.nio.file.Path;

/**
 * One bad value of one row (rules §1.2): the file, the row's {@code rowid}, the column, the stored value rendered as an
 * SQL literal ({@code 'text'}, {@code 42}, {@code X'00FF'}, {@code NULL}) and the reason.
 */
public record RowProblem(Path file, long rowid, String column, String value, String reason) {

    /** {@code gpu_state_2025-10.db: rowid 17, column State, value 'Runing': unknown state} */
    public String message() {
        return file + ": rowid " + rowid + ", column " + column + ", value " + value + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
