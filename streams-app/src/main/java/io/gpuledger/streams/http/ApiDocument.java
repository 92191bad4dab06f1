package io.gpuledger.streams.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The public HTTP API as an OpenAPI 3 document, served at {@link Route#OPENAPI}. Written by hand next to this class;
 * a test holds it to the real routes ({@link Route}) and parameters ({@link ReportParameters#names()}), so it cannot
 * drift from them.
 */
final class ApiDocument {

    static final String RESOURCE = "openapi.json";
    private static final byte[] BODY = load();

    private ApiDocument() {
    }

    static Responses response() {
        return new Responses(200, "application/json", Map.of("Cache-Control", "max-age=300"), BODY);
    }

    static byte[] body() {
        return BODY.clone();
    }

    private static byte[] load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
