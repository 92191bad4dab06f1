package io.gpuledger.streams;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.settings.Program;
import io.gpuledger.ingest.settings.SettingValues;
import io.gpuledger.ingest.settings.SettingsTable;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.config.StreamsAppConfig;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar streams-app/target/streams-app.jar [options]}: runs the service. Every option can also be set as
 * a {@code GPULEDGER_*} environment variable or in a {@code --config} properties file (flags win, then the
 * environment, then the file).
 */
@Command(
        name = "streams-app",
        mixinStandardHelpOptions = true,
        version = "gpuledger streams-app 0.1.0",
        description = {
            "GPU allocation accounting on Kafka Streams: keeps 15-minute state live and serves reports over HTTP.",
            "Without --bootstrap-servers it starts a Kafka broker inside this JVM (data under --data-dir).",
            "Every option X can also be given as environment variable GPULEDGER_X (e.g. GPULEDGER_BOOTSTRAP_SERVERS)",
            "or as 'x=value' in a --config properties file."},
        subcommands = {ReportCommand.class, SendReportCommand.class, HashPasswordCommand.class},
        sortOptions = false, usageHelpAutoWidth = true)
public final class StreamsAppCli implements Callable<Integer>, Program {

    @Spec
    CommandSpec spec;

    @Mixin
    CliSupport.VerboseOption verbose;

    @Override
    public SettingsTable settingsTable() {
        return StreamsAppConfig.TABLE;
    }

    @Override
    public Integer call() throws Exception {
        if (StreamsAppConfig.TABLE.printExampleConfigIfAsked(spec.commandLine().getParseResult(),
                spec.commandLine().getOut())) {
            return CliSupport.EXIT_OK;
        }
        SettingValues values = StreamsAppConfig.TABLE.load(spec.commandLine().getParseResult());
        StreamsAppConfig config = StreamsAppConfig.from(values);
        // Not a static field: main chooses the logging configuration before the first logger exists.
        LoggerFactory.getLogger(StreamsAppCli.class).info("Settings: {}", values.describeOnOneLine());
        return new ServiceLauncher(config).run();
    }

    public static void main(String[] args) {
        CliSupport.useLoggingConfiguration("io/gpuledger/streams/streams-app-logback.xml");
        System.exit(CliSupport.execute(new StreamsAppCli(), args));
    }
}
