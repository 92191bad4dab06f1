package io.gpuledger.backfill.support;

import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Generated monthly files for the tests (ingest's generator: realistic rows, deterministic by seed). */
public final class Months {

    private Months() {
    }

    /** All of October 2025 for {@code hosts} machines at a 15-minute cadence: {@code gpu_state_2025-10.db}. */
    public static Path october(Path dir, int hosts) {
        return generate(dir, new GeneratorSettings(LocalDate.of(2025, 10, 1), 31, hosts, 15, 42));
    }

    /** {@code days} days from {@code start} for {@code hosts} machines at a 15-minute cadence. */
    public static Path days(Path dir, LocalDate start, int days, int hosts) {
        return generate(dir, new GeneratorSettings(start, days, hosts, 15, 7));
    }

    private static Path generate(Path dir, GeneratorSettings settings) {
        try {
            Files.createDirectories(dir);
            new SnapshotGenerator(settings).generate(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
