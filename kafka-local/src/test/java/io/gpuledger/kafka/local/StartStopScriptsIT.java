package io.gpuledger.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kafka-local/start.sh and stop.sh around the packaged jar (kafka-local/target/kafka-local.jar), so this runs
 * after {@code package}: {@code mvn -pl kafka-local verify}.
 */
class StartStopScriptsIT {

    private static final Path REPO_ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final Path START = REPO_ROOT.resolve("deploy/kafka-local/start.sh");
    private static final Path STOP = REPO_ROOT.resolve("deploy/kafka-local/stop.sh");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    /** Whatever a failed assertion left running is stopped, not leaked into the next test or build. */
    @AfterEach
    void killLeftoverBroker() throws IOException {
        Path pidFile = dataDir.resolve(KafkaLocalMain.PID_FILE_NAME);
        if (Files.isRegularFile(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
            });
        }
    }

    @Test
    void startPrintsTheBootstrapLineLastAStockClientUsesItAndStopStopsIt() throws Exception {
        Script start = run(START, dataDir.toString());

        assertThat(start.exitCode()).as("start.sh exit code; stderr: %s", start.stderr()).isZero();
        String last = start.lastStdoutLine();
        assertThat(last).matches("bootstrap=127\\.0\\.0\\.1:\\d+");
        String bootstrap = last.substring("bootstrap=".length());
        long pid = Long.parseLong(Files.readString(dataDir.resolve(KafkaLocalMain.PID_FILE_NAME)).trim());
        assertThat(ProcessHandle.of(pid)).as("broker process").get().matches(ProcessHandle::isAlive);
        assertThat(dataDir.resolve("kafka-local.log")).content(StandardCharsets.UTF_8).contains(last);

        try (Admin admin = Admin.create(Clients.base(bootstrap))) {
            admin.createTopics(List.of(new NewTopic("scripted", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Clients.produce(bootstrap, "scripted", 100);
        List<ConsumerRecord<String, String>> records = Clients.consumeAll(bootstrap, "scripted", 100, Map.of());
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(Clients.values(100));

        Script stop = run(STOP, dataDir.toString());

        assertThat(stop.exitCode()).as("stop.sh exit code; stderr: %s", stop.stderr()).isZero();
        assertThat(stop.stderr()).doesNotContain("SIGKILL");
        assertThat(dataDir.resolve(KafkaLocalMain.PID_FILE_NAME)).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isFree(port));
        assertThat(dataDir.resolve("kafka-local.log")).content(StandardCharsets.UTF_8)
                .doesNotContain("ERROR").doesNotContain("Exception");
    }

    @Test
    void restartOnAConfiguredPortKeepsTheDataAndASecondStartIsRefused() throws Exception {
        Script first = run(START, dataDir.toString());
        assertThat(first.exitCode()).as("stderr: %s", first.stderr()).isZero();
        String firstBootstrap = first.lastStdoutLine().substring("bootstrap=".length());
        try (Admin admin = Admin.create(Clients.base(firstBootstrap))) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Clients.produce(firstBootstrap, "kept", 10);

        Script again = run(START, dataDir.toString());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("already runs");
        assertThat(again.stdout()).doesNotContain("bootstrap=");

        assertThat(run(STOP, dataDir.toString()).exitCode()).isZero();

        int port = FreePorts.pick();
        Script restart = run(START, dataDir.toString(), Integer.toString(port));
        assertThat(restart.exitCode()).as("stderr: %s", restart.stderr()).isZero();
        assertThat(restart.lastStdoutLine()).isEqualTo("bootstrap=127.0.0.1:" + port);
        // The old log, with the old bootstrap line that start.sh must not mistake for the new one, is kept aside.
        assertThat(dataDir.resolve("kafka-local.log.1")).content(StandardCharsets.UTF_8)
                .contains("bootstrap=" + firstBootstrap);
        assertThat(dataDir.resolve("kafka-local.log")).content(StandardCharsets.UTF_8)
                .doesNotContain("bootstrap=" + firstBootstrap);
        List<ConsumerRecord<String, String>> records = Clients.consumeAll(
                "127.0.0.1:" + port, "kept", 10, Map.of());
        assertThat(records).hasSize(10);

        assertThat(run(STOP, dataDir.toString()).exitCode()).isZero();
        assertThat(dataDir.resolve(KafkaLocalMain.PID_FILE_NAME)).doesNotExist();
        // Stopping again is harmless.
        Script stopAgain = run(STOP, dataDir.toString());
        assertThat(stopAgain.exitCode()).isZero();
        assertThat(stopAgain.stderr()).contains("nothing to stop");
    }

    @Test
    void aBadPortIsRejectedBeforeAnythingStarts() throws Exception {
        Script start = run(START, dataDir.toString(), "not-a-port");
        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.stderr()).contains("PORT must be 0-65535");
        assertThat(dataDir.resolve(KafkaLocalMain.PID_FILE_NAME)).doesNotExist();
    }

    private record Script(int exitCode, String stdout, String stderr) {
        String lastStdoutLine() {
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("stdout of the script").isNotEmpty();
            return lines.get(lines.size() - 1);
        }
    }

    private Script run(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("script-", ".out");
        Path err = Files.createTempFile("script-", ".err");
        Process process = new ProcessBuilder(command)
                .directory(REPO_ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        boolean finished = process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("%s finished within %s", script.getFileName(), SCRIPT_TIMEOUT).isTrue();
        Script result = new Script(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }
}
