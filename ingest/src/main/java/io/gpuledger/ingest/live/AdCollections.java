package io.gpuledger.ingest.live;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads collections as {@code condor_status -json} prints them: one JSON array of ads per collection; a stream (stdin,
 * a file) may hold several arrays one after another. Bad ads are skipped with one line each naming the source, the
 * ad's position and {@code Name}; JSON that cannot be parsed stops the stream with one line naming where.
 */
public final class AdCollections implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final JsonParser parser;
    private final Supplier<LocalDateTime> collectionStart;

    private AdCollections(String source, JsonParser parser, Supplier<LocalDateTime> collectionStart) {
        this.source = source;
        this.parser = parser;
        this.collectionStart = collectionStart;
    }

    /**
     * Collections read from {@code reader}, named {@code source} in messages; each is stamped with
     * {@code collectionStart} when its array begins.
     */
    public static AdCollections open(String source, Reader reader, Supplier<LocalDateTime> collectionStart)
            throws IOException {
        return new AdCollections(source, JSON.getFactory().createParser(reader), collectionStart);
    }

    /** The one collection of {@code json} (a command's whole output), stamped {@code timestamp}. */
    public static Collection parse(String source, String json, LocalDateTime timestamp) {
        try (AdCollections collections = open(source, new java.io.StringReader(json), () -> timestamp)) {
            Collection collection = collections.next();
            if (collection == null) {
                throw new LiveInputException(source + ": no JSON array of ads (empty output)");
            }
            return collection;
        } catch (IOException e) {
            throw new LiveInputException(source + ": " + firstLine(e));
        }
    }

    /** The next collection, or null at the end of the stream. */
    public Collection next() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new LiveInputException(source + ": expected a JSON array of ads at line "
                        + parser.currentLocation().getLineNr() + ", got " + token.asString());
            }
            LocalDateTime timestamp = collectionStart.get();
            String stamp = SnapshotTime.format(timestamp);
            List<GpuStateRecord> rows = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            int ads = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int line = parser.currentLocation().getLineNr();
                JsonNode ad = JSON.readTree(parser);
                ads++;
                try {
                    rows.addAll(AdRows.rows(ad, stamp));
                } catch (BadAdException e) {
                    String name = AdRows.nameOf(ad);
                    problems.add(source + ": ad " + ads + " (line " + line
                            + (name == null ? "" : ", Name " + name) + "): " + e.getMessage() + "; skipped");
                }
            }
            return new Collection(timestamp, ads, rows, problems);
        } catch (JsonProcessingException e) {
            throw new LiveInputException(source + ": not JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new LiveInputException(source + ": " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
