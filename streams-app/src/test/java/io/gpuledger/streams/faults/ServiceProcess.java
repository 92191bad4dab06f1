package io.gpuledger.streams.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.streams.StreamsAppCli;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code streams-app} instance in its own JVM on a fixed HTTP port (so a restart is reachable at the same
 * address, as behind a load balancer), started with the suite's settings plus the case's own flags.
 */
final class ServiceProcess implements AutoCloseable {

    /** How long a start may take to become ready, replay included; far above what the suite's data needs. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final ChildJvm jvm;
    private final int httpPort;
    private final long startedNanos = System.nanoTime();

    private ServiceProcess(ChildJvm jvm, int httpPort) {
        this.jvm = jvm;
        this.httpPort = httpPort;
    }

    static ServiceProcess start(String name, Path logDir, int httpPort, List<String> flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("--http-port", String.valueOf(httpPort)));
        args.addAll(flags);
        return new ServiceProcess(ChildJvm.start(name, logDir, "512m", StreamsAppCli.class, args, Map.of()),
                httpPort);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    int httpPort() {
        return httpPort;
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    boolean isReady() {
        return ReportSet.status(baseUrl(), "health/ready") == 200;
    }

    /** Waits for {@code /health/ready}; returns the time from this start to ready. */
    Duration awaitReady() {
        await(jvm + " ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .failFast(() -> assertThat(jvm.isAlive()).as(() -> jvm + " exited before it was ready:\n"
                        + jvm.logTail()).isTrue())
                .until(this::isReady);
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    void kill() throws InterruptedException {
        jvm.kill();
    }

    String logTail() {
        return jvm.logTail();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
