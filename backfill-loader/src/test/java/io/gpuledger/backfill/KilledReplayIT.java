package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Months;
import io.gpuledger.backfill.support.SnapshotKey;
import io.gpuledger.backfill.support.Snapshots;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.LoaderCheckpoints;
import io.gpuledger.testing.WithKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The loader's JVM is killed (SIGKILL, no shutdown hook) in the middle of a replay; running the same command again
 * continues from the per-file checkpoint, and the topic ends up holding every snapshot of the file.
 */
@WithKafka
class KilledReplayIT {

    @TempDir
    Path work;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledReplayIsContinuedByRunningTheSameCommandAgain(KafkaBroker kafka) throws Exception {
        Path dir = Months.october(work.resolve("files"), 10);
        Map<SnapshotKey, List<SlotGpuRow>> expected = FileSnapshots.of(dir.resolve("gpu_state_2025-10.db"));
        String topic = kafka.uniqueTopicName("killed");
        Path checkpoints = work.resolve("checkpoints");
        List<String> args = List.of("--db-dir", dir.toString(), "--topic", topic, "--partitions", "3",
                "--checkpoint-dir", checkpoints.toString());

        // Throttled so that it is surely killed mid-file; the broker comes from the environment variable.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), BackfillLoaderCli.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--max-rows-per-second", "25000"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve("child.out").toFile())
                .redirectError(work.resolve("child.err").toFile());
        builder.environment().put("GPULEDGER_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        child = builder.start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> LoaderCheckpoints.acknowledgedRows(checkpoints) > 20_000 || !child.isAlive());
        assertThat(child.isAlive()).as("still replaying when killed; stderr: %s", tail("child.err")).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isNotZero();
        long beforeRerun = TopicRecords.count(kafka.bootstrapServers(), topic);
        assertThat(beforeRerun).isPositive().isLessThan(expected.size());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliSupport.commandLine(new BackfillLoaderCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> rerunArgs = new ArrayList<>(args);
        rerunArgs.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        int exit = cli.execute(rerunArgs.toArray(String[]::new));

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("gpu_state_2025-10.db: ", ", resumed after 2025-10-");
        TopicRecords records = TopicRecords.readAll(kafka.bootstrapServers(), topic, Duration.ofSeconds(60));
        Snapshots.assertSame(records.distinctSnapshots(), expected);
        assertThat(records.size()).isGreaterThanOrEqualTo(expected.size());
        assertThat(LoaderCheckpoints.files(checkpoints)).as("kept, complete").hasSize(1);
    }

    private String tail(String name) throws IOException {
        List<String> lines = Files.readAllLines(work.resolve(name));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
