package io.gpuledger.backfill.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A monthly file as it was when a checkpoint was taken: a file that has changed since (the collector appended rows to
 * the current month, someone restored a backup) is replayed from its start rather than resumed at a point that may no
 * longer mean the same thing.
 *
 * @param file           absolute, normalised path
 * @param size           bytes
 * @param modifiedMillis last modification time, epoch ms
 */
public record FileIdentity(Path file, long size, long modifiedMillis) {

    /** The identity of {@code file} now. */
    public static FileIdentity of(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            return new FileIdentity(absolute, attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + absolute + ": " + e.getMessage(), e);
        }
    }
}
