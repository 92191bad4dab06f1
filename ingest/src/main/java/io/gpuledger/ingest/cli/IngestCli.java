package io.gpuledger.ingest.cli;

import io.gpuledger.ingest.generate.GenerateCommand;
import io.gpuledger.ingest.live.LiveCommand;
import picocli.CommandLine.Command;

/** {@code java -jar ingest/target/ingest.jar <command>}: generate sample data, validate monthly files, publish live ads. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        version = "gpuledger ingest 0.1.0",
        description = "Snapshot files for gpuledger: generate realistic monthly gpu_state files, validate them, "
                + "convert them between SQLite and Parquet, publish the collector's live ads.",
        subcommands = {GenerateCommand.class, ValidateCommand.class, ConvertCommand.class, LiveCommand.class})
public final class IngestCli implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "a command is required: generate, validate, convert or live");
    }

    public static void main(String[] args) {
        CliSupport.useLoggingConfiguration("io/gpuledger/ingest/ingest-logback.xml");
        System.exit(CliSupport.execute(new IngestCli(), args));
    }
}
