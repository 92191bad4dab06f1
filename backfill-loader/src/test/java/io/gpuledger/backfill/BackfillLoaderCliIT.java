package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.backfill.support.BadFiles;
import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Months;
import io.gpuledger.backfill.support.TopicRecords;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: options, exit codes, one-line errors, the summary on stdout. */
@WithKafka
class BackfillLoaderCliIT {

    @TempDir
    static Path shared;
    private static Path days;
    private static long rows;

    @TempDir
    Path work;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        String lastErrLine() {
            List<String> lines = errLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    @BeforeAll
    static void generate() {
        days = Months.days(shared.resolve("days"), LocalDate.of(2025, 10, 10), 2, 3);
        rows = FileSnapshots.rows(FileSnapshots.of(days.resolve("gpu_state_2025-10.db")));
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliSupport.commandLine(new BackfillLoaderCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] withCheckpoints(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--checkpoint-dir", work.resolve("checkpoints").toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        Run run = run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: backfill-loader", "--db-dir=DIR", "--from=WHEN", "--to=WHEN",
                "--bootstrap-servers=HOST:PORT", "GPULEDGER_BOOTSTRAP_SERVERS", "--topic=NAME",
                "gpu.host-snapshots", "--partitions=N", "--dry-run", "--skip-bad-rows", "--rejects=FILE", "--force",
                "--history-days=DAYS", "--checkpoint-dir=DIR", "--restart", "--verbose", "Exit codes:");
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        assertThat(System.getenv("GPULEDGER_BOOTSTRAP_SERVERS")).as("set to blank by surefire for this test")
                .isNullOrEmpty();
        List<Run> runs = List.of(
                run(),
                run("--db-dir", days.toString(), "--no-such-option"),
                run("--db-dir", days.toString()),
                run("--db-dir", days.toString(), "--dry-run", "--from", "2025-13"),
                run("--db-dir", days.toString(), "--dry-run", "--from", "2025-11", "--to", "2025-10"),
                run("--db-dir", days.toString(), "--dry-run", "--rejects", "r.tsv"),
                run("--db-dir", days.toString(), "--dry-run", "--history-days", "0"));

        assertThat(runs).allSatisfy(r -> {
            assertThat(r.exit()).isEqualTo(CliSupport.EXIT_USAGE);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.out()).isEmpty();
        });
        assertThat(runs.get(0).err()).contains("--db-dir");
        assertThat(runs.get(1).err()).contains("--no-such-option");
        assertThat(runs.get(2).err()).contains("--bootstrap-servers (or GPULEDGER_BOOTSTRAP_SERVERS) is required");
        assertThat(runs.get(3).err()).contains("--from '2025-13'");
        assertThat(runs.get(4).err()).contains("--from 2025-11 is after --to 2025-10");
        assertThat(runs.get(5).err()).contains("--rejects needs --skip-bad-rows");
        assertThat(runs.get(6).err()).contains("history-days: invalid value '0' from flag --history-days: "
                + "must be between 1 and 10000");
    }

    @Test
    void aDryRunNeedsNoBrokerAndPrintsTheCounts() {
        Run run = run("--db-dir", days.toString(), "--dry-run");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("  dry-run = true", "  db-dir = " + days);
        String formatted = String.format(Locale.ROOT, "%,d rows", rows);
        assertThat(run.out()).contains("gpu_state_2025-10.db: " + formatted,
                "dry run, nothing sent: 1 file into gpu.host-snapshots: " + formatted, "rows/s");
    }

    @Test
    void aReplayCreatesTheTopicWithSixPartitionsAndPrintsTheSummary(KafkaBroker kafka) throws Exception {
        String topic = kafka.uniqueTopicName("cli");

        Run run = run(withCheckpoints("--db-dir", days.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("  topic = " + topic, "  partitions = 6",
                "  bootstrap-servers = " + kafka.bootstrapServers(), "  history-days = 400");
        assertThat(run.out()).contains(String.format(Locale.ROOT, "replayed 1 file into %s: %,d rows", topic, rows),
                " s, ", " rows/s");
        assertThat(TopicRecords.readAll(kafka.bootstrapServers(), topic, java.time.Duration.ofSeconds(60)).rows())
                .isEqualTo(rows);
        try (Admin admin = kafka.newAdmin()) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .hasSize(6);
        }
    }

    @Test
    void aRejectedFileExitsWithOneAndOneErrorLineWithoutStackTrace(KafkaBroker kafka) throws Exception {
        Path dir = Files.createDirectories(work.resolve("bad"));
        BadFiles.withBadRows(dir);
        String topic = kafka.uniqueTopicName("cli-bad");

        Run run = run(withCheckpoints("--db-dir", dir.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic));

        assertThat(run.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(run.lastErrLine()).startsWith("backfill-loader: " + dir.resolve(BadFiles.FILE)
                + ": rejected, 2 bad rows; first: rowid 4, column timestamp, value '2025-11-01 10:05'");
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isZero();

        Run verbose = run(withCheckpoints("--db-dir", dir.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", topic, "--verbose"));

        assertThat(verbose.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(verbose.err()).contains("LoaderException", "\tat ");
    }

    @Test
    void skipBadRowsWritesTheRejectsFileAndExitsZero(KafkaBroker kafka) throws Exception {
        Path dir = Files.createDirectories(work.resolve("skip"));
        BadFiles.withBadRows(dir);
        Path rejects = work.resolve("rejects.tsv");
        String topic = kafka.uniqueTopicName("cli-skip");

        Run run = run(withCheckpoints("--db-dir", dir.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, "--skip-bad-rows", "--rejects", rejects.toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("  skip-bad-rows = true", "  rejects = " + rejects);
        assertThat(run.out()).contains("3 rows, 3 machine-snapshots acknowledged, 2 bad rows",
                "bad rows listed in " + rejects);
        assertThat(Files.readAllLines(rejects)).hasSize(3);
    }

    @Test
    void theRetentionGuardFailsWithOneLineAndForceOverridesIt(KafkaBroker kafka) {
        String topic = kafka.createTopic(kafka.uniqueTopicName("cli-week"), 1, Map.of("retention.ms", "86400000"));

        Run refused = run(withCheckpoints("--db-dir", days.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", topic));
        Run forced = run(withCheckpoints("--db-dir", days.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", topic, "--force"));

        assertThat(refused.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(refused.lastErrLine()).isEqualTo("backfill-loader: topic " + topic + " has retention.ms=86400000: "
                + "it would delete history; set retention.ms=-1, retention.bytes=-1 and cleanup.policy=delete on it, "
                + "or force writing anyway (--force)");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(TopicRecords.count(kafka.bootstrapServers(), topic)).isPositive();
    }

    @Test
    void anUnreachableBrokerFailsWithinTheDeliveryTimeout() {
        Run run = run(withCheckpoints("--db-dir", days.toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--delivery-timeout", "3"));

        assertThat(run.exit()).isEqualTo(CliSupport.EXIT_FAILURE);
        assertThat(run.lastErrLine()).startsWith("backfill-loader: cannot reach Kafka at 127.0.0.1:1 within 3 s");
    }
}
