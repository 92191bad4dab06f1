package io.gpuledger.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a test watching a replay from outside (another process) can read of the loader's checkpoints: how many rows
 * the broker has acknowledged so far, so a fault can be aimed at the middle of a file.
 */
public final class LoaderCheckpoints {

    private LoaderCheckpoints() {
    }

    /** Every checkpoint file under {@code root} (none when it does not exist yet). */
    public static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".checkpoint")).toList();
        }
    }

    /** The acknowledged rows of every checkpoint under {@code root}, summed. */
    public static long acknowledgedRows(Path root) throws IOException {
        long acknowledged = 0;
        for (Path file : files(root)) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                // Being replaced right now: counted at the next poll.
                continue;
            }
            acknowledged += Long.parseLong(properties.getProperty("rows.acknowledged", "0"));
        }
        return acknowledged;
    }
}
