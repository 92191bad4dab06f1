package io.gpuledger.ingest.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A collector command such as {@code condor_status -json ...}, run once per collection with a time limit. The output
 * is read while the command runs (a full pipe must never stall it); a run past its limit is killed with everything it
 * started, so a hung {@code condor_status} cannot pile up processes.
 */
final class CollectorCommand {

    /** How one run ended. */
    sealed interface Outcome permits Output, Failed, TimedOut {
    }

    /** Exit 0: its standard output. */
    record Output(String stdout) implements Outcome {
    }

    /** Could not start, or a non-zero exit: why, on one line. */
    record Failed(String reason) implements Outcome {
    }

    /** Killed at the time limit. */
    record TimedOut(Duration limit) implements Outcome {
    }

    private final List<String> argv;
    private final Duration timeout;

    CollectorCommand(String commandLine, Duration timeout) {
        this.argv = split(commandLine);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("--command is empty");
        }
        this.timeout = timeout;
    }

    List<String> argv() {
        return argv;
    }

    Outcome run() {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                    "/dev/null"))).start();
        } catch (IOException e) {
            return new Failed("cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new TimedOut(timeout);
            }
            byte[] out = stdout.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                String message = new String(stderr.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
                return new Failed(argv.get(0) + " exited with " + process.exitValue()
                        + (message.isEmpty() ? "" : ": " + message.lines().findFirst().orElse("")));
            }
            return new Output(new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            kill(process);
            return new Failed("cannot read the output of " + argv.get(0) + ": " + e.getMessage());
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (stream) {
                stream.transferTo(bytes);
            } catch (IOException e) {
                // The process was killed: what was read is all there is.
            }
            return bytes.toByteArray();
        }, runnable -> {
            Thread thread = new Thread(runnable, "collector-output");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Splits on spaces; '...' and "..." keep their contents (spaces included) together, as a shell would. */
    static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("--command: unbalanced " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
