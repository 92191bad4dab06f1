package io.gpuledger.ingest.monthly;

import java.time.YearMonth;
import java.util.Locale;

/**
 * The two formats of the original's monthly files: SQLite until spring 2026, Parquet since (rules §1.1). A month's
 * history is one file of one format.
 */
public enum MonthFormat {
    SQLITE("db"),
    PARQUET("parquet");

    private final String extension;

    MonthFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The file name of {@code month} in this format: {@code gpu_state_2025-10.db}. */
    public String fileName(YearMonth month) {
        return String.format(Locale.ROOT, "gpu_state_%04d-%02d.%s", month.getYear(), month.getMonthValue(), extension);
    }

    /** The format named on a command line: {@code sqlite} or {@code parquet}, any case. */
    public static MonthFormat parse(String name) {
        for (MonthFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("must be sqlite or parquet, got '" + name + "'");
    }

    /** The format of an extension ({@code db}, {@code parquet}), or null. */
    static MonthFormat ofExtension(String extension) {
        for (MonthFormat format : values()) {
            if (format.extension.equals(extension)) {
                return format;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
