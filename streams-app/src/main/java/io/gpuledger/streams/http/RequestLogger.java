package io.gpuledger.streams.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request once it is answered: method, path and query (as sent, so still URL-encoded), status, ms. */
final class RequestLogger implements RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.gpuledger.streams.http.access");
    private static final int MAX_TARGET_LENGTH = 300;

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String target = request.getHttpURI().getPathQuery();
        if (target == null) {
            target = "";
        } else if (target.length() > MAX_TARGET_LENGTH) {
            target = target.substring(0, MAX_TARGET_LENGTH) + "...";
        }
        LOG.info("{} {} {} {} ms", request.getMethod(), target, response.getStatus(),
                NanoTime.millisSince(request.getBeginNanoTime()));
    }
}
