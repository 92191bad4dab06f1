package io.gpuledger.streams.http;

import io.gpuledger.streams.query.ClusterReports;
import io.gpuledger.streams.query.InstanceDirectory;
import io.gpuledger.streams.query.OutsideRetentionException;
import io.gpuledger.streams.query.PeerClient;
import io.gpuledger.streams.query.ReportQuery;
import io.gpuledger.streams.query.ReportType;
import io.gpuledger.streams.report.AllocationReport;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.NoDataException;
import io.gpuledger.streams.report.Report;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.report.TimeSeriesReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.Request;

/**
 * {@code GET /api/v1/report} and the report page {@code GET /}: validate (rules §5.2), then either forward the request
 * to the instance owning the rollups (which computes every report, so every instance gives the same answer) or
 * compute it here, and render it in the asked format.
 */
final class ReportEndpoint {

    /** Points of the page's over-time chart: 24 h at 15 minutes. */
    static final int CHART_BUCKETS = 100;

    private final InstanceDirectory directory;
    private final ClusterReports reports;
    private final PeerClient peers;
    private final QueryRunner runner;
    private final ReportRenderer renderer;
    private final Duration forwardTimeout;

    private final java.util.function.Predicate<String> fromPeer;

    ReportEndpoint(InstanceDirectory directory, ClusterReports reports, PeerClient peers, QueryRunner runner,
                   ReportRenderer renderer, Duration queryTimeout,
                   java.util.function.Predicate<String> fromPeer) {
        this.fromPeer = fromPeer;
        this.directory = directory;
        this.reports = reports;
        this.peers = peers;
        this.runner = runner;
        this.renderer = renderer;
        // The owner's own limit plus the time to reach it, so that its 504 arrives rather than ours.
        this.forwardTimeout = queryTimeout.plusSeconds(5);
    }

    Responses report(Request request, Map<String, List<String>> parameters, boolean page) throws Exception {
        ReportParameters.ReportRequest parsed = page
                ? ReportParameters.parse(parameters, true, ReportFormat.HTML)
                : ReportParameters.parse(parameters);
        if (page && parsed.format() != ReportFormat.HTML) {
            throw ApiException.badParameter(ReportParameters.FORMAT, parsed.format().id(),
                    "the report page is HTML: ask " + ApiHandler.REPORT_PATH + " for format '" + parsed.format().id()
                            + "'");
        }
        // A forwarded-by header counts only with the cluster secret: from outside it is ignored.
        boolean forwarded = request.getHeaders().get(PeerClient.FORWARDED_BY_HEADER) != null
                && fromPeer.test(request.getHeaders().get(PeerClient.CLUSTER_SECRET_HEADER));
        if (!forwarded) {
            HostInfo owner = directory.rollupOwner();
            if (!directory.isSelf(owner)) {
                return forward(owner, request.getHttpURI().getPathQuery(),
                        request.getHeaders().get(org.eclipse.jetty.http.HttpHeader.AUTHORIZATION));
            }
        }
        // A forwarded request is computed here even if ownership moved meanwhile: ClusterReports then refuses it
        // (503), so a request is never forwarded twice.
        Responses answer = runner.run(() -> compute(parsed, page));
        return answer.withHeader(PeerClient.COMPUTED_BY_HEADER, ApiHandler.describe(directory.self()));
    }

    /** {@code authorization}: the caller's credentials, which the owner checks as this instance did (or null). */
    private Responses forward(HostInfo owner, String pathAndQuery, String authorization) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of(PeerClient.FORWARDED_BY_HEADER,
                ApiHandler.describe(directory.self())));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        PeerClient.PeerResponse response = peers.get(owner, pathAndQuery, headers, forwardTimeout);
        Responses relayed = new Responses(response.status(), response.contentType(), Map.of(), response.body());
        if (response.retryAfter() != null) {
            relayed = relayed.withHeader("Retry-After", response.retryAfter());
        }
        return relayed.withHeader(PeerClient.COMPUTED_BY_HEADER,
                response.computedBy() != null ? response.computedBy() : ApiHandler.describe(owner));
    }

    private Responses compute(ReportParameters.ReportRequest request, boolean page) {
        ReportQuery query = request.query();
        ReportFormat format = request.format();
        PageSelection selection = page ? PageSelection.of(query) : null;
        try {
            Report report;
            TimeSeriesReport overTime = null;
            if (format == ReportFormat.HTML && query.type() == ReportType.ALLOCATION) {
                ClusterReports.Charted<AllocationReport> charted = reports.allocationWithChart(query, CHART_BUCKETS);
                report = charted.report();
                overTime = charted.overTime();
            } else if (format == ReportFormat.HTML && query.type() == ReportType.MONTHLY) {
                ClusterReports.Charted<MonthlyReport> charted = reports.monthlyWithChart(query, CHART_BUCKETS);
                report = charted.report();
                overTime = charted.overTime();
            } else {
                report = reports.compute(query);
            }
            String body;
            if (format == ReportFormat.JSON) {
                body = ReportJson.toJson(report) + "\n";
            } else if (page) {
                body = renderer.page(report, overTime, selection);
            } else {
                body = renderer.render(report, overTime, format);
            }
            return Responses.of(200, format, body);
        } catch (NoDataException e) {
            return noData(e, format, selection);
        } catch (OutsideRetentionException e) {
            if (format == ReportFormat.JSON) {
                throw e;
            }
            // Errors follow the requested format: a person reading text or the page gets a sentence, not JSON.
            return Responses.of(404, format == ReportFormat.HTML ? ReportFormat.HTML : ReportFormat.TEXT,
                    renderer.noData(new NoDataException(e.getMessage()),
                            format == ReportFormat.HTML ? ReportFormat.HTML : ReportFormat.TEXT, selection));
        }
    }

    private Responses noData(NoDataException error, ReportFormat format, PageSelection selection) {
        if (format == ReportFormat.HTML) {
            return Responses.of(404, format, renderer.noData(error, format, selection));
        }
        if (format == ReportFormat.TEXT || format == ReportFormat.CSV) {
            // A CSV reader gets the sentence as plain text: no header row it could mistake for data.
            return Responses.of(404, ReportFormat.TEXT, renderer.noData(error, ReportFormat.TEXT, selection));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getMessage());
        if (error.month() != null) {
            body.put("month", error.month());
            body.put("start_date", error.startDate());
            body.put("end_date", error.endDate());
            body.put("total_hours", error.totalHours());
        }
        if (error.history() != null) {
            body.put("earliest_data", error.earliestData().isEmpty() ? null : error.earliestData());
            body.put("latest_data", error.latestData().isEmpty() ? null : error.latestData());
            body.put("history", error.history());
        }
        return Responses.json(404, body);
    }

}
