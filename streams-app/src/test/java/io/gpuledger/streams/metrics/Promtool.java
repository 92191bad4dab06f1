package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool} (Debian package {@code prometheus}, installed by {@code .ci/run}). A missing
 * promtool fails the test: these checks are part of the definition of done, never skipped.
 */
final class Promtool {

    /** Exit code and combined output of one run. */
    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("promtool is not installed: apt-get install prometheus (.ci/run installs it)");
    }

    /** Runs promtool with {@code args}, feeding {@code stdin} when not null; at most 120 s. */
    static Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("promtool-", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                if (stdin == null) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                }
                Process process = builder.start();
                if (stdin != null) {
                    try (var in = process.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                boolean finished = process.waitFor(120, TimeUnit.SECONDS);
                if (!finished) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                assertThat(finished).as("promtool %s finished within 120 s", args[0]).isTrue();
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run promtool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while promtool ran", e);
        }
    }
}
