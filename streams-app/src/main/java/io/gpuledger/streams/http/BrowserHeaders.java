package io.gpuledger.streams.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * What every answer tells a browser, in one place: never guess a content type, never show this service in someone
 * else's frame, never send our URLs (they hold hosts and filters) as a referrer. A page also gets a content security
 * policy: it loads nothing but its own stylesheet assets, runs no script and posts nowhere; its styles are inline (the
 * same HTML goes out as e-mail, where stylesheets are dropped), so inline style attributes are allowed, nothing else.
 */
final class BrowserHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private BrowserHeaders() {
    }

    static void addTo(HttpFields.Mutable headers, String contentType) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        if (contentType != null && contentType.startsWith("text/html")) {
            headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
    }
}
