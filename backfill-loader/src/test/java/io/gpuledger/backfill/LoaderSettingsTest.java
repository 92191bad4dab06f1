package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.settings.Setting;
import io.gpuledger.ingest.settings.SettingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoaderSettingsTest {

    private static final Path EXAMPLE = Path.of("..", "deploy", "config", "backfill-loader.properties");

    @Test
    void theCommittedExampleConfigIsTheOneTheSettingsTableWrites() throws Exception {
        assertThat(Files.readString(EXAMPLE))
                .as("deploy/config/backfill-loader.properties is stale: regenerate it with "
                        + "java -jar backfill-loader/target/backfill-loader.jar --print-example-config")
                .isEqualTo(LoaderSettings.TABLE.exampleConfig());
    }

    @Test
    void helpListsEverySettingWithItsDefaultOnOneLine() {
        CommandLine commandLine = CliSupport.commandLine(new BackfillLoaderCli());
        StringWriter help = new StringWriter();
        commandLine.setOut(new PrintWriter(help));
        assertThat(commandLine.execute("--help")).isZero();
        for (Setting<?> setting : LoaderSettings.TABLE.settings()) {
            assertThat(help.toString()).contains(setting.flagName());
            if (setting.defaultShown() != null) {
                assertThat(help.toString()).contains("Default: " + setting.defaultShown());
            }
        }
    }

    @Test
    void oneGenericCopySetsWhatDiffersAndKeepsTheRest() {
        LoaderSettings base = LoaderSettings.of(Path.of("/srv/gpu"));
        LoaderSettings changed = base.with(LoaderSettings.BOOTSTRAP_SERVERS, "kafka:9092")
                .with(CommonSettings.HISTORY, Duration.ofDays(30)).with(LoaderSettings.TO, "2025-10");
        assertThat(changed.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(changed.history()).isEqualTo(Duration.ofDays(30));
        assertThat(changed.range().hasEnd()).isTrue();
        assertThat(changed.dbDir()).isEqualTo(Path.of("/srv/gpu"));
        assertThat(base.bootstrapServers()).isNull();
        assertThat(base.deliveryTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void contradictionsAndBadRangesAreSettingErrors() {
        assertThatThrownBy(() -> LoaderSettings.of(Path.of("d")).with(LoaderSettings.REJECTS, Path.of("r.tsv")))
                .isInstanceOf(SettingException.class).hasMessageContaining("needs --skip-bad-rows");
        assertThatThrownBy(() -> LoaderSettings.from(LoaderSettings.TABLE.load(Map.of("db-dir", "d", "to", "2025-13"))))
                .isInstanceOf(SettingException.class);
        assertThatThrownBy(() -> LoaderSettings.from(LoaderSettings.TABLE.load(Map.of("to", "2025-10"))))
                .hasMessageContaining("db-dir is required");
    }
}
