package io.gpuledger.ingest.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.ingest.cli.CliSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

class SettingsTableTest {

    static final Setting<Path> DATA_DIR = Setting.path("data-dir", "DIR", "Where data lives.")
            .defaultsTo(Path.of("data"), "./data");
    static final Setting<Path> STATE_DIR = Setting.path("state-dir", "DIR", "State.")
            .derivedDefault(values -> values.get(DATA_DIR).resolve("state"), "<data-dir>/state");
    static final Setting<Integer> PORT = Setting.integer("http-port", "N", "Port.", 0, 65535).defaultsTo(8080);
    static final Setting<Boolean> DEMO = Setting.flag("demo", "Demo mode.");
    static final Setting<String> PASSWORD = Setting.text("smtp-password", "TEXT", "Password.").secret();
    static final Setting<Duration> COMMIT = Setting.duration("commit-interval-ms", "MS", "Commit.",
            ChronoUnit.MILLIS, 100, 600_000).defaultsTo(Duration.ofMillis(2000), "2000");
    static final Setting<String> URL = Setting.text("url", "URL", "Base URL of a running instance.")
            .defaultsTo("http://127.0.0.1:8080");
    static final Setting<String> SMTP_SERVER = Setting.text("smtp-server", "HOST", "SMTP relay.")
            .defaultsTo("localhost").alsoKnownAs("smtp-host");

    static final SettingsTable TABLE = SettingsTable.of("example", List.of(DATA_DIR, STATE_DIR, PORT, DEMO,
            PASSWORD, COMMIT, URL, SMTP_SERVER, CommonSettings.CLIENT_PROPERTY, CommonSettings.HISTORY));

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("example.properties");
        Files.writeString(file, "http-port=7000\ndata-dir=/from-file\nhistory-days=30\n");
        Map<String, String> environment = Map.of("GPULEDGER_HTTP_PORT", "7100", "GPULEDGER_DATA_DIR", "/from-env",
                "GPULEDGER_CONFIG", file.toString());

        SettingValues values = TABLE.load(Map.of("http-port", List.of("7200")), environment);

        assertThat(values.get(PORT)).isEqualTo(7200);
        assertThat(values.sourceOf(PORT)).isEqualTo(SettingValues.Source.FLAG);
        assertThat(values.get(DATA_DIR)).isEqualTo(Path.of("/from-env"));
        assertThat(values.get(CommonSettings.HISTORY)).isEqualTo(Duration.ofDays(30));
        assertThat(values.sourceOf(CommonSettings.HISTORY)).isEqualTo(SettingValues.Source.CONFIG_FILE);
        assertThat(values.get(COMMIT)).isEqualTo(Duration.ofMillis(2000));
        // A derived default follows the value it derives from, wherever that came from.
        assertThat(values.get(STATE_DIR)).isEqualTo(Path.of("/from-env/state"));
    }

    @Test
    void aBadValueIsOneLineNamingTheSettingTheValueAndWhereItCameFrom() {
        assertThatThrownBy(() -> TABLE.load(Map.of(), Map.of("GPULEDGER_HTTP_PORT", "80x")))
                .isInstanceOf(SettingException.class)
                .hasMessage("http-port: invalid value '80x' from environment GPULEDGER_HTTP_PORT: expected a whole number");
        assertThatThrownBy(() -> TABLE.load(Map.of("http-port", List.of("70000")), Map.of()))
                .hasMessage("http-port: invalid value '70000' from flag --http-port: must be between 0 and 65535");
        assertThatThrownBy(() -> TABLE.load(Map.of("demo", List.of("maybe")), Map.of()))
                .hasMessageContaining("demo: invalid value 'maybe'").hasMessageContaining("expected true or false");
    }

    @Test
    void aConfigFileWithAnUnknownKeyOrMissingIsRefusedByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "http-prot=7000\n");
        assertThatThrownBy(() -> TABLE.load(Map.of("config", List.of(file.toString())), Map.of()))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("unknown setting 'http-prot' for example");
        assertThatThrownBy(() -> TABLE.load(Map.of("config", List.of(dir.resolve("none").toString())), Map.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void namedValuesComeFromRepeatedFlagsPrefixedFileKeysAndPrefixedEnvironmentVariables(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "client-property.sasl.mechanism=SCRAM-SHA-512\n");
        assertThat(TABLE.load(Map.of("client-property",
                        List.of("security.protocol=SASL_SSL", "bootstrap.servers=a:1,b:2")), Map.of())
                .get(CommonSettings.CLIENT_PROPERTY))
                .containsExactly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("bootstrap.servers", "a:1,b:2"));
        assertThat(TABLE.load(Map.of("config", List.of(file.toString())), Map.of())
                .get(CommonSettings.CLIENT_PROPERTY)).containsExactly(Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(TABLE.load(Map.of(), Map.of("GPULEDGER_CLIENT_PROPERTY_SECURITY_PROTOCOL", "SSL"))
                .get(CommonSettings.CLIENT_PROPERTY)).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThatThrownBy(() -> TABLE.load(Map.of("client-property", List.of("no-equals")), Map.of()))
                .hasMessageContaining("expected NAME=VALUE");
    }

    @Test
    void secretsAreNeverShownOnlyWhetherTheyAreSet() {
        SettingValues values = TABLE.load(Map.of("smtp-password", List.of("hunter2"),
                "client-property", List.of("sasl.jaas.config=org.Foo required password=\"hunter3\";",
                        "security.protocol=SASL_SSL")), Map.of());
        String line = values.describeOnOneLine();
        assertThat(line).doesNotContain("hunter2").doesNotContain("hunter3")
                .contains("smtp-password=(set)").contains("security.protocol=SASL_SSL")
                .contains("sasl.jaas.config=(secret)");
        assertThat(TABLE.defaults().describe()).containsEntry("smtp-password", "(not set)");
        assertThatThrownBy(() -> TABLE.load(Map.of("smtp-password", List.of(" ")), Map.of("GPULEDGER_HTTP_PORT", "x")))
                .hasMessageNotContaining("hunter");
    }

    @Test
    void programsSetValuesWithOneGenericCopyAndTheOriginalStaysAsItWas() {
        SettingValues defaults = TABLE.defaults();
        SettingValues changed = defaults.with(PORT, 9000).with(DEMO, true);
        assertThat(changed.get(PORT)).isEqualTo(9000);
        assertThat(changed.sourceOf(PORT)).isEqualTo(SettingValues.Source.PROGRAM);
        assertThat(defaults.get(PORT)).isEqualTo(8080);
        assertThat(changed.with(PORT, null).get(PORT)).isEqualTo(8080);
        assertThatThrownBy(() -> defaults.get(Setting.text("other", "X", "Not in the table.")))
                .hasMessageContaining("example has no setting 'other'");
    }

    @Test
    void theExampleConfigListsEverySettingWithItsDefaultAndReadsBackAsTheDefaults(@TempDir Path dir)
            throws Exception {
        String example = TABLE.exampleConfig();
        for (Setting<?> setting : TABLE.settings()) {
            assertThat(example).contains(setting.environmentVariable()).contains("#" + setting.key());
        }
        assertThat(example).contains("#data-dir=./data").contains("#state-dir=<data-dir>/state")
                .contains("#client-property.NAME=VALUE").contains("(secret: never printed)");
        // Uncommenting the plain lines (not the placeholders) gives a file the table accepts.
        Path file = dir.resolve("uncommented.properties");
        Files.writeString(file, example.lines().filter(line -> line.matches("#(http-port|history-days|demo)=.*"))
                .map(line -> line.substring(1)).reduce("", (a, b) -> a + b + "\n").replace("demo=", "demo=false"));
        SettingValues values = TABLE.load(Map.of("config", List.of(file.toString())), Map.of());
        assertThat(values.get(PORT)).isEqualTo(8080);
        assertThat(values.get(CommonSettings.HISTORY)).isEqualTo(Duration.ofDays(400));
    }

    @Command(name = "example", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
    static final class ExampleProgram implements Callable<Integer>, Program {
        @Spec
        CommandSpec spec;
        SettingValues loaded;

        @Override
        public SettingsTable settingsTable() {
            return TABLE;
        }

        @Override
        public Integer call() {
            if (TABLE.printExampleConfigIfAsked(spec.commandLine().getParseResult(), spec.commandLine().getOut())) {
                return 0;
            }
            loaded = TABLE.load(spec.commandLine().getParseResult());
            return 0;
        }
    }

    @Test
    void theCommandLineHasOneOptionPerSettingAndHelpNeverWrapsADefaultApart() {
        ExampleProgram program = new ExampleProgram();
        CommandLine commandLine = CliSupport.commandLine(program);
        StringWriter help = new StringWriter();
        commandLine.setOut(new PrintWriter(help));
        commandLine.execute("--help");
        for (Setting<?> setting : TABLE.settings()) {
            assertThat(help.toString()).contains(setting.flagName());
            if (setting.defaultShown() != null) {
                assertThat(help.toString()).contains("Default: " + setting.defaultShown());
            }
        }

        assertThat(commandLine.execute("--http-port", "9090", "--demo", "--client-property", "a=b")).isZero();
        assertThat(program.loaded.get(PORT)).isEqualTo(9090);
        assertThat(program.loaded.get(DEMO)).isTrue();
        assertThat(program.loaded.get(CommonSettings.CLIENT_PROPERTY)).containsEntry("a", "b");

        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--http-port", "x")).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(err.toString().strip()).isEqualTo(
                "example: http-port: invalid value 'x' from flag --http-port: expected a whole number (see --help)");

        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("--print-example-config")).isZero();
        assertThat(out.toString()).isEqualTo(TABLE.exampleConfig());
    }

    @Test
    void anAliasIsAnotherFlagNameOfTheSameSettingAndOnlyAFlagName() {
        ExampleProgram program = new ExampleProgram();
        CommandLine commandLine = CliSupport.commandLine(program);

        assertThat(commandLine.execute("--smtp-host", "relay.example.edu")).isZero();
        assertThat(program.loaded.get(SMTP_SERVER)).isEqualTo("relay.example.edu");
        assertThat(commandLine.execute("--smtp-server", "mail.example.edu")).isZero();
        assertThat(program.loaded.get(SMTP_SERVER)).isEqualTo("mail.example.edu");

        // The environment and the config file know the setting by its key only.
        assertThat(TABLE.load(Map.of(), Map.of("GPULEDGER_SMTP_HOST", "ignored")).get(SMTP_SERVER))
                .isEqualTo("localhost");
        assertThat(TABLE.load(Map.of(), Map.of("GPULEDGER_SMTP_SERVER", "env.example.edu")).get(SMTP_SERVER))
                .isEqualTo("env.example.edu");

        StringWriter help = new StringWriter();
        commandLine.setOut(new PrintWriter(help));
        commandLine.execute("--help");
        assertThat(help.toString()).containsPattern("--smtp-host, --smtp-server|--smtp-server, --smtp-host");
    }

    @Test
    void anAliasThatCollidesWithAnotherFlagIsRefusedWhenTheTableIsMade() {
        Setting<String> clash = Setting.text("mail-relay", "HOST", "Relay.").alsoKnownAs("smtp-server");

        assertThatThrownBy(() -> SettingsTable.of("example", List.of(SMTP_SERVER, clash)))
                .hasMessage("example declares flag '--smtp-server' twice");
        assertThatThrownBy(() -> SMTP_SERVER.alsoKnownAs("SMTP"))
                .hasMessageContaining("must be another lower-case key");
    }
}
