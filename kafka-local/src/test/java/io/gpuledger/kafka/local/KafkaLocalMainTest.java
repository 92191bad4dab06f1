package io.gpuledger.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling of the standalone process; the process itself is covered by StartStopScriptsIT. */
class KafkaLocalMainTest {

    @TempDir
    Path dir;

    @Test
    void parsesAllOptions() {
        KafkaLocalConfig config = KafkaLocalMain.parse(new String[] {
            "--data-dir", dir.toString(), "--port", "19092", "--log-level", "INFO",
            "--property", "num.partitions=3", "--property", "log.retention.ms=-1"});
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(config.port()).isEqualTo(19092);
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.brokerProperties()).containsEntry("num.partitions", "3")
                .containsEntry("log.retention.ms", "-1");
    }

    @Test
    void defaultsToAFreePortAndWarnLevel() {
        KafkaLocalConfig config = KafkaLocalMain.parse(new String[] {"--data-dir", dir.toString()});
        assertThat(config.port()).isZero();
        assertThat(config.logLevel()).isEqualTo("WARN");
        assertThat(KafkaLocalMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> KafkaLocalMain.parse(new String[] {}))
                .hasMessageContaining("--data-dir is required");
        assertThatThrownBy(() -> KafkaLocalMain.parse(new String[] {"--data-dir", "x", "--port", "http"}))
                .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> KafkaLocalMain.parse(new String[] {"--data-dir", "x", "--port", "-1"}))
                .hasMessageContaining("--port must be 0-65535");
        assertThatThrownBy(() -> KafkaLocalMain.parse(new String[] {"--data-dir"}))
                .hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> KafkaLocalMain.parse(new String[] {"--data-dir", "x", "--property", "oops"}))
                .hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> KafkaLocalMain.parse(new String[] {"--data-dir", "x", "--frobnicate"}))
                .hasMessageContaining("unknown argument '--frobnicate'");
    }

    @Test
    void refusesADataDirWhoseBrokerStillRuns() throws Exception {
        // This test JVM is alive, so its pid in broker.pid looks like a running broker.
        long livePid = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(dir.resolve(KafkaLocalMain.PID_FILE_NAME), livePid + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = KafkaLocalMain.run(new String[] {"--data-dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a broker already runs").contains("pid " + livePid);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(KafkaLocalMain.BOOTSTRAP_PREFIX);
        assertThat(Files.readString(dir.resolve(KafkaLocalMain.PID_FILE_NAME)).trim())
                .as("the other broker's pid file is left alone").isEqualTo(Long.toString(livePid));
    }
}
