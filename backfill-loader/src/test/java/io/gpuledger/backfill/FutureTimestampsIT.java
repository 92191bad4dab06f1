package io.gpuledger.backfill;

import static io.gpuledger.ingest.testdata.SqliteFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.testdata.SqliteFixtures;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A row stamped in the future (year 2100) once passed validation and the dry run, and the real replay then failed
 * after the 120 s delivery timeout naming a valid row, because the broker refused the batch it was in. Now it is a bad
 * value in all three, the loader never sends what the topic would refuse, and a refusal says what it is.
 */
@WithKafka
class FutureTimestampsIT {

    @TempDir
    Path work;

    record Run(int exit, String out, String err) {
        String lastErrLine() {
            List<String> lines = err.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliSupport.commandLine(new BackfillLoaderCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--checkpoint-dir", work.resolve("checkpoints").toString(), "--delivery-timeout", "30"));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** January 2025: two good snapshots of two machines, and in rowid 3 one row stamped 2100. */
    private Path januaryWithARowIn2100() throws Exception {
        Path dir = Files.createDirectories(work.resolve("files"));
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("2025-01-10 10:00:02", "h1", "GPU-1").byColumn());
        rows.add(row("2025-01-10 10:00:02", "h2", "GPU-2").byColumn());
        rows.add(row("2100-01-10 10:00:02", "h1", "GPU-1").byColumn());
        rows.add(row("2025-01-10 10:05:01", "h1", "GPU-1").byColumn());
        rows.add(row("2025-01-10 10:05:01", "h2", "GPU-2").byColumn());
        SqliteFixtures.writeValues(dir.resolve("gpu_state_2025-01.db"), GpuStateColumns.ALL, rows);
        return dir;
    }

    @Test
    void theDryRunRejectsTheFileNamingRowidAndValue() throws Exception {
        Run run = run("--db-dir", januaryWithARowIn2100().toString(), "--dry-run");

        assertThat(run.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(run.lastErrLine()).contains("gpu_state_2025-01.db", "rowid 3", "column timestamp",
                "'2100-01-10 10:00:02'", "in the future");
    }

    @Test
    void theReplayRejectsTheFileBeforeSendingAnything(KafkaBroker kafka) throws Exception {
        String topic = kafka.uniqueTopicName("future-rejected");

        Run run = run("--db-dir", januaryWithARowIn2100().toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", topic);

        assertThat(run.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(run.lastErrLine()).contains("rowid 3", "'2100-01-10 10:00:02'", "in the future")
                .doesNotContain("did not acknowledge");
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isZero();
    }

    @Test
    void skipBadRowsReplaysEveryGoodRowAndListsTheFutureOne(KafkaBroker kafka) throws Exception {
        String topic = kafka.uniqueTopicName("future-skipped");
        Path rejects = work.resolve("rejects.tsv");

        Run run = run("--db-dir", januaryWithARowIn2100().toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", topic, "--skip-bad-rows", "--rejects", rejects.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 rows, 4 machine-snapshots acknowledged, 1 bad row");
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isEqualTo(4);
        assertThat(Files.readString(rejects)).contains("2100-01-10 10:00:02", "in the future");
    }

    @Test
    void aTopicThatWouldRefuseOldRecordsIsNamedBeforeSendingAndARefusalSaysWhatItIs(KafkaBroker kafka)
            throws Exception {
        Path dir = januaryWithARowIn2100();
        String topic = kafka.createTopic(kafka.uniqueTopicName("future-refusing"), 1,
                Map.of("message.timestamp.before.max.ms", "86400000"));

        Run refused = run("--db-dir", dir.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, "--skip-bad-rows", "--rejects", work.resolve("r1.tsv").toString());
        Run forced = run("--db-dir", dir.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, "--skip-bad-rows", "--rejects", work.resolve("r2.tsv").toString(), "--force");

        assertThat(refused.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(refused.lastErrLine()).isEqualTo("backfill-loader: topic " + topic
                + " has message.timestamp.before.max.ms=86400000: it refuses records of old months; set "
                + "message.timestamp.before.max.ms=9223372036854775807 on it, or force writing anyway (--force)");
        assertThat(forced.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(forced.lastErrLine()).contains("the broker refused a record's timestamp",
                "gpu_state_2025-01.db at 2025-01-10 10:00:02", "message.timestamp.before.max.ms");
    }
}
