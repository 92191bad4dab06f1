package io.gpuledger.streams.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Files the pages use, served from the application's own jar under {@code /assets/} (never a CDN: the page must
 * work offline). Only plain names of known types are served.
 */
final class StaticAssets {

    static final String PREFIX = "/assets/";
    private static final String RESOURCE_DIR = "/io/gpuledger/streams/http/assets/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}\\.(css|js|svg|png)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    private StaticAssets() {
    }

    static Responses serve(String path) {
        String name = path.substring(PREFIX.length());
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Responses.json(404, Map.of("error", "no such asset: " + ReportParameters.shown(name)));
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                return Responses.json(404, Map.of("error", "no such asset: " + name));
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return new Responses(200, type, Map.of("Cache-Control", "public, max-age=3600"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read asset " + name, e);
        }
    }
}
