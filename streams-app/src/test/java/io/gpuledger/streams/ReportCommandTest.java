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
