package io.gpuledger.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.settings.Setting;
import io.gpuledger.ingest.settings.SettingException;
import io.gpuledger.streams.StreamsAppCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamsAppSettingsTest {

    private static final Path EXAMPLE = Path.of("..", "deploy", "config", "streams-app.properties");

    @Test
    void theCommittedExampleConfigIsTheOneTheSettingsTableWrites() throws Exception {
        assertThat(Files.readString(EXAMPLE))
                .as("deploy/config/streams-app.properties is stale: regenerate it with "
                        + "java -jar streams-app/target/streams-app.jar --print-example-config")
                .isEqualTo(StreamsAppConfig.TABLE.exampleConfig());
    }

    @Test
    void helpListsEverySettingWithItsDefaultOnOneLine() {
        CommandLine commandLine = CliSupport.commandLine(new StreamsAppCli());
        StringWriter help = new StringWriter();
        commandLine.setOut(new PrintWriter(help));
        assertThat(commandLine.execute("--help")).isZero();
        for (Setting<?> setting : StreamsAppConfig.TABLE.settings()) {
            assertThat(help.toString()).contains(setting.flagName());
            if (setting.defaultShown() != null) {
                assertThat(help.toString()).contains("Default: " + setting.defaultShown());
            }
        }
        assertThat(help.toString()).contains("${file:PATH:KEY}").doesNotContain("null");
    }

    @Test
    void defaultsAreTheDocumentedOnesAndDerivedDirectoriesFollowTheDataDir() {
        StreamsAppConfig defaults = StreamsAppConfig.of(Map.of());
        assertThat(defaults.embeddedBroker()).isTrue();
        assertThat(defaults.httpPort()).isEqualTo(8080);
        assertThat(defaults.bind()).isEqualTo("127.0.0.1");
        assertThat(defaults.history()).isEqualTo(Duration.ofDays(400));
        assertThat(defaults.stateDir()).isEqualTo(Path.of("data", "streams"));
        assertThat(StreamsAppConfig.of(Map.of("data-dir", "/srv/gpuledger")).stateDir())
                .isEqualTo(Path.of("/srv/gpuledger/streams"));
    }

    @Test
    void historyDirsAreGivenOrFollowTheReplayDirectoryOrTheDemoSamples() {
        assertThat(StreamsAppConfig.of(Map.of()).historyDirs()).isEmpty();
        assertThat(StreamsAppConfig.of(Map.of("history-dir", "/srv/gpu,/srv/gpu-parquet")).historyDirs())
                .containsExactly(Path.of("/srv/gpu"), Path.of("/srv/gpu-parquet"));
        assertThat(StreamsAppConfig.of(Map.of("replay", "/srv/gpu")).historyDirs()).containsExactly(Path.of("/srv/gpu"));
        assertThat(StreamsAppConfig.of(Map.of("demo", "true", "data-dir", "/tmp/d")).historyDirs())
                .containsExactly(Path.of("/tmp/d/samples"));
        assertThat(StreamsAppConfig.of(Map.of("max-rows-per-second", "30000")).maxRowsPerSecond()).isEqualTo(30_000);
        assertThat(StreamsAppConfig.of(Map.of()).maxRowsPerSecond()).isZero();
    }

    @Test
    void aBadValueNamesTheSetting() {
        assertThatThrownBy(() -> StreamsAppConfig.of(Map.of("commit-interval-ms", "5")))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("commit-interval-ms: invalid value '5'")
                .hasMessageContaining("must be between 100 and 600000");
        assertThatThrownBy(() -> StreamsAppConfig.of(Map.of("collector-zone", "Mars/Olympus")))
                .hasMessageContaining("collector-zone: invalid value 'Mars/Olympus'");
    }
}
