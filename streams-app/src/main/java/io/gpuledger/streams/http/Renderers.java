package io.gpuledger.streams.http;

/** The renderer the API uses. */
final class Renderers {

    private Renderers() {
    }

    static ReportRenderer standard() {
        return new PlainReportRenderer();
    }
}
