package io.gpuledger.ingest.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ingest validate FILE...}: checks monthly files and prints what they hold and every problem found. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check gpu_state files; print rows, snapshots, time span, machines, GPUs and every problem.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CliSupport.VerboseOption verbose;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "gpu_state_YYYY-MM.db files")
    List<Path> files;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("validate is not implemented yet");
    }
}
