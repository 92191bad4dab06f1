package io.gpuledger.streams.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code format} parameter (rules §5.1) and the content type each is served with. */
public enum ReportFormat {
    JSON("json", "application/json; charset=utf-8"),
    TEXT("text", "text/plain; charset=utf-8"),
    HTML("html", "text/html; charset=utf-8"),
    CSV("csv", "text/csv; charset=utf-8; header=present");

    private final String id;
    private final String contentType;

    ReportFormat(String id, String contentType) {
        this.id = id;
        this.contentType = contentType;
    }

    public String id() {
        return id;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ReportFormat> byId(String id) {
        return Arrays.stream(values()).filter(format -> format.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ReportFormat::id).toList();
    }
}
