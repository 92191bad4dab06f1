package io.gpuledger.ingest.sqlite;

import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.snapshot.TimestampBounds;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * Parses stored timestamp texts with {@link SnapshotTime#parse}, remembering the last one: a snapshot's few hundred
 * rows share one text, so almost every row costs a comparison, not a parse. A text outside the {@link TimestampBounds}
 * is rejected like one that does not parse: the scan, the problem listing and the read all hold one of these, so they
 * agree on which rows are bad.
 */
final class TimestampCache {

    private final TimestampBounds bounds;

    private String text;
    private byte[] bytes;
    private LocalDateTime value;
    private String problem;

    TimestampCache(TimestampBounds bounds) {
        this.bounds = bounds;
    }

    /** The value of the UTF-8 text {@code source[start, end)}, or null when it does not parse or lies outside the bounds. */
    LocalDateTime parse(byte[] source, int start, int end) {
        if (bytes == null || !ByteStrings.equal(bytes, source, start, end)) {
            remember(new String(source, start, end - start, StandardCharsets.UTF_8));
            bytes = Arrays.copyOfRange(source, start, end);
        }
        return value;
    }

    /** The value of {@code source}, or null when it does not parse or lies outside the bounds. */
    LocalDateTime parse(String source) {
        if (!source.equals(text)) {
            remember(source);
            bytes = null;
        }
        return value;
    }

    /** Why the last text parsed was rejected, or null when it was accepted. */
    String problem() {
        return problem;
    }

    private void remember(String newText) {
        text = newText;
        try {
            value = SnapshotTime.parse(newText);
            problem = bounds.problem(value);
            if (problem != null) {
                value = null;
            }
        } catch (IllegalArgumentException e) {
            value = null;
            problem = e.getMessage();
        }
    }
}
