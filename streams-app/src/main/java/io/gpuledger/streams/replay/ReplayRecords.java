package io.gpuledger.streams.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replays' records, one small JSON file each under {@code <data-dir>/replays/}: they outlive a restart, so a
 * client polling a replay the service stopped under learns it was interrupted instead of getting a 404.
 */
final class ReplayRecords {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRecords.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";
    /** The ids {@code Replays} hands out; a record with another id is not one of ours (its id becomes a file name). */
    private static final Pattern ID = Pattern.compile("r[0-9]{1,9}");

    private final Path directory;

    ReplayRecords(Path directory) {
        this.directory = directory;
    }

    /** Every readable record; one that cannot be read is logged and left alone. */
    List<ReplayStatus> load() {
        List<ReplayStatus> records = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return records;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    ReplayStatus status = ReplayStatus.fromJson(JSON.readTree(file.toFile()));
                    if (!ID.matcher(status.id()).matches()) {
                        throw new IllegalArgumentException("not a replay id: " + status.id());
                    }
                    records.add(status);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Ignoring replay record {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list replay records in {}: {}", directory, e.getMessage());
        }
        return records;
    }

    /**
     * Writes {@code status} whole (a temporary file moved over the old one), so a crash leaves the previous record
     * or the new one, never half of one. A failure is logged: the replay itself goes on.
     */
    void write(ReplayStatus status) {
        Path target = directory.resolve(status.id() + SUFFIX);
        Path temporary = directory.resolve(status.id() + SUFFIX + ".tmp");
        try {
            Files.createDirectories(directory);
            JSON.writeValue(temporary.toFile(), status.toJson());
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot write replay record {}: {}", target, e.getMessage());
        }
    }
}
