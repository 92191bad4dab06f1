package io.gpuledger.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.cli.CliSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code report} client says in plain words why it got no answer, one line, non-zero exit. */
class ReportCommandTest {

    @Test
    void aPortNobodyListensOnIsNamedAsSuch() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        Run run = report("--url", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode).isNotZero();
        assertThat(run.stderr).contains("cannot reach http://127.0.0.1:" + closedPort)
                .contains("nothing listens there").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsNamedAsSuch() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // A peer that accepts and hangs up after reading the request, as a stopping service does. It keeps
            // accepting because the HTTP client retries an idempotent GET once on a fresh connection.
            Thread closer = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket accepted = server.accept()) {
                        accepted.getInputStream().read(new byte[1024]);
                    } catch (IOException serverClosed) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();

            Run run = report("--url", "http://127.0.0.1:" + server.getLocalPort());

            assertThat(run.exitCode).isNotZero();
            assertThat(run.stderr).contains("closed").doesNotContain("Exception").hasLineCount(1);
        }
    }

    @Test
    void aMonthWithoutDataNamesTheRangeTheHistoryHolds() throws IOException {
        // The service's 404 body for a month without rows (ReportValidationHttpIT checks the service sends it).
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("{\"error\":\"No data found for November 2025\",\"month\":\"November 2025\","
                + "\"history\":\"history holds 2025-09-01 00:00:00 .. 2025-10-31 23:55:00\"}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Run run = report("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--type", "monthly",
                    "--month", "2025-11");

            assertThat(run.exitCode).isNotZero();
            assertThat(run.stderr).isEqualTo("report: No data found for November 2025; history holds "
                    + "2025-09-01 00:00:00 .. 2025-10-31 23:55:00 (HTTP 404)");
        } finally {
            server.stop(0);
        }
    }

    private record Run(int exitCode, String stderr) {
    }

    private static Run report(String... args) {
        PrintStream previous = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exitCode = CliSupport.commandLine(new ReportCommand())
                    .setErr(new java.io.PrintWriter(System.err, true)).execute(args);
            return new Run(exitCode, captured.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setErr(previous);
        }
    }
}
