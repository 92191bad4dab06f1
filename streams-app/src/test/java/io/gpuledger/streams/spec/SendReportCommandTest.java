package io.gpuledger.streams.spec;

import static io.gpuledger.streams.spec.SpecReports.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.StreamsAppCli;
import io.gpuledger.streams.render.HtmlOptions;
import io.gpuledger.streams.render.HtmlRenderer;
import io.gpuledger.streams.render.TextRenderer;
import io.gpuledger.streams.report.MonthlyReport;
import io.gpuledger.streams.report.ReportEngine;
import io.gpuledger.streams.report.ReportJson;
import io.gpuledger.streams.topology.TopologyHarness;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send-report --type monthly} against an HTTP endpoint answering with Example D's May 2026 report in the
 * service's own JSON, text and HTML (same engine and renderers), and a real SMTP server.
 */
class SendReportCommandTest {

    private TopologyHarness harness;
    private HttpServer reports;
    private GreenMail smtp;
    private final List<String> queries = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        harness = new TopologyHarness();
        harness.pipe(SpecExamples.exampleD().snapshots());
        YearMonth may = YearMonth.of(2026, 5);
        MonthlyReport report = ReportEngine.monthly(harness.source(ReportEngine.monthWindow(may)), may,
                config(SpecExamples.exampleDMonthlyQuery()));
        reports = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        reports.createContext("/api/v1/report", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            queries.add(query);
            String body = query.endsWith("format=json") ? ReportJson.toJson(report)
                    : query.endsWith("format=text") ? TextRenderer.monthly(report)
                    : HtmlRenderer.monthly(report, null, HtmlOptions.email());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        reports.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
        reports.stop(0);
        harness.close();
    }

    @Test
    void theOriginalsFlagNamesSendTheMonthlyReport() throws Exception {
        int exit = CliSupport.commandLine(new StreamsAppCli()).execute("send-report", "--url", url(),
                "--type", "monthly", "--email-to", "owners@example.org,ops@example.org",
                "--email-from", "gpu@example.org", "--smtp-server", "127.0.0.1",
                "--smtp-port", Integer.toString(smtp.getSmtp().getPort()), "--smtp-security", "off",
                "--email-timeout", "10", "--email-subject-prefix", "[pool]", "--zone", "America/Chicago");

        assertThat(exit).isZero();
        assertThat(queries).allMatch(query -> query.startsWith("type=monthly&month="));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).startsWith("[pool] ").endsWith(" May 2026");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("gpu@example.org");
    }

    @Test
    void aDryRunWritesTheMessageAndSendsNothing(@TempDir Path dir) throws Exception {
        Path preview = dir.resolve("monthly.eml");

        int exit = CliSupport.commandLine(new StreamsAppCli()).execute("send-report", "--url", url(),
                "--type", "monthly", "--to", "owners@example.org", "--dry-run", "--out", preview.toString());

        assertThat(exit).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(Files.readString(preview)).contains("Subject: CHTC GPU Allocation ").contains("May 2026")
                .contains("multipart/alternative").contains("text/plain").contains("text/html")
                .contains("To: owners@example.org");
    }

    @Test
    void anUnknownTypeIsAUsageError() {
        int exit = CliSupport.commandLine(new StreamsAppCli()).execute("send-report", "--url", url(),
                "--type", "hourly", "--to", "owners@example.org");

        assertThat(exit).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(queries).isEmpty();
    }

    private String url() {
        return "http://127.0.0.1:" + reports.getAddress().getPort();
    }
}
