package io.gpuledger.ingest.generate;

import io.gpuledger.ingest.cli.CliSupport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ingest generate}: writes realistic monthly gpu_state files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write realistic gpu_state_YYYY-MM.db files in the original collector's schema.")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    CliSupport.VerboseOption verbose;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("generate is not implemented yet");
    }
}
