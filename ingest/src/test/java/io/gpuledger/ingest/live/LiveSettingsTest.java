package io.gpuledger.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.settings.SettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSettingsTest {

    private static final Path EXAMPLE = Path.of("..", "deploy", "config", "ingest-live.properties");

    @Test
    void theCommittedExampleConfigIsTheOneTheSettingsTableWrites() throws Exception {
        assertThat(Files.readString(EXAMPLE))
                .as("deploy/config/ingest-live.properties is stale: regenerate it with "
                        + "java -jar ingest/target/ingest.jar live --print-example-config")
                .isEqualTo(LiveSettings.TABLE.exampleConfig());
    }

    @Test
    void theScheduleAndTheSourceComeFromTheEnvironmentToo() {
        LiveSettings settings = LiveSettings.from(LiveSettings.TABLE.load(Map.of(), Map.of(
                "GPULEDGER_COMMAND", "condor_status -json", "GPULEDGER_EVERY", "5m", "GPULEDGER_DRY_RUN", "true")));

        assertThat(settings.command()).isEqualTo("condor_status -json");
        assertThat(settings.every()).hasMinutes(5);
        assertThat(settings.timeout()).hasMinutes(2);
    }

    @Test
    void aFileAndACommandExcludeEachOther() {
        assertThatThrownBy(() -> LiveSettings.dryRunDefaults().with(LiveSettings.COMMAND, "condor_status -json")
                .with(LiveSettings.FROM_FILE, Path.of("ads.json")))
                .isInstanceOf(SettingException.class).hasMessageContaining("--command and --from-file");
    }
}
