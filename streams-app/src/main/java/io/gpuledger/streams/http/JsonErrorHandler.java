package io.gpuledger.streams.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors Jetty answers itself (a malformed request line, headers over the limit, a handler failure) as the same
 * one-line JSON as the API's own errors, never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        if (cause != null && code >= 500) {
            LOG.error("{} {} failed: {}", request.getMethod(), request.getHttpURI().getPath(), cause.toString(), cause);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ReportFormat.JSON.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        BrowserHeaders.addTo(response.getHeaders(), ReportFormat.JSON.contentType());
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ReportFormat.JSON.contentType()));
        return ByteBuffer.wrap(body(status, reason));
    }

    /** A client error keeps Jetty's reason (it describes the request); a server error says nothing internal. */
    private static byte[] body(int code, String message) {
        String text = code >= 500 ? "internal error" : message == null || message.isBlank()
                ? HttpStatus.getMessage(code) : message.replaceAll("\\s+", " ").strip();
        return (Responses.json(Map.of("error", text)) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
