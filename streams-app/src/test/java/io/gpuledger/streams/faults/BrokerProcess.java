package io.gpuledger.streams.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.kafka.local.KafkaLocalMain;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The single-node KRaft broker of {@code kafka-local} in its own JVM, so a fault can be {@code kill -9}; it restarts
 * on the same port and data directory, as a supervisor would restart it. Small segments and a retention check every
 * second make any deletion by age show within the suite's time.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path logDir;
    private final int port = ChildJvm.freePort();
    private ChildJvm jvm;
    private int starts;

    BrokerProcess(Path dataDir, Path logDir) {
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    BrokerProcess start() throws IOException {
        starts++;
        jvm = ChildJvm.start("broker-" + starts, logDir, "1g", KafkaLocalMain.class, List.of(
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port),
                "--property", "log.segment.bytes=1048576",
                "--property", "log.retention.check.interval.ms=1000",
                "--property", "log.segment.delete.delay.ms=0"), Map.of());
        ChildJvm started = jvm;
        await("broker " + starts + " up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .failFast(() -> assertThat(started.isAlive()).as(() -> "the broker exited:\n" + started.logTail())
                        .isTrue())
                .until(() -> started.logContains(KafkaLocalMain.BOOTSTRAP_PREFIX));
        return this;
    }

    /** SIGKILL: no controlled shutdown, no flushed state, as when the machine loses power or the OOM killer hits. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        if (jvm != null) {
            jvm.close();
        }
    }
}
