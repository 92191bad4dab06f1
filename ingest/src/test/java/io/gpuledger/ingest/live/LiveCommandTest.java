package io.gpuledger.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.cli.IngestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ingest live} on the command line: usage errors are one line and exit 2; a dry run needs no broker. */
class LiveCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int live(String... args) {
        CommandLine commandLine = CliSupport.commandLine(new IngestCli());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "live";
        System.arraycopy(args, 0, full, 1, args.length);
        return commandLine.execute(full);
    }

    @Test
    void aDryRunOfASavedCollectionPrintsItsSummary() {
        int exit = live("--from-file", LiveAds.file("pool-collection.json").toString(), "--dry-run",
                "--metrics-port", "-1", "--collected-at", "2026-12-07 10:05:16.123456");

        assertThat(exit).as(err.toString()).isEqualTo(CliSupport.EXIT_OK);
        assertThat(out.toString()).isEqualTo("2026-12-07 10:05:16.123456: 13 ads, 16 rows, 6 machines -> not "
                + "published (--dry-run)" + System.lineSeparator());
    }

    @Test
    void withoutABrokerAndWithoutDryRunItIsAUsageError() {
        int exit = live("--from-file", LiveAds.file("pool-collection.json").toString(), "--metrics-port", "-1");

        assertThat(exit).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(err.toString()).contains("--bootstrap-servers").hasLineCount(1);
    }

    @Test
    void everyWithoutACommandIsAUsageError() {
        int exit = live("--every", "5m", "--dry-run", "--metrics-port", "-1");

        assertThat(exit).isEqualTo(CliSupport.EXIT_USAGE);
        assertThat(err.toString()).contains("--every needs --command").hasLineCount(1);
    }

    @Test
    void unparseableInputExitsOne() {
        int exit = live("--from-file", LiveAds.file("not-json.json").toString(), "--dry-run", "--metrics-port", "-1");

        assertThat(exit).isEqualTo(CliSupport.EXIT_FAILURE);
    }

    @Test
    void helpShowsACompleteExample() {
        int exit = live("--help");

        assertThat(exit).isEqualTo(CliSupport.EXIT_OK);
        assertThat(out.toString()).contains("ingest live --bootstrap-servers kafka:9092 --every 5m --timeout 2m")
                .contains("--command \"condor_status -json -constraint 'GPUs >= 1' -attributes Name,AssignedGPUs,")
                .contains("--also-write /data/gpu_state --format sqlite");
    }
}
