package io.gpuledger.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.backfill.support.FileSnapshots;
import io.gpuledger.backfill.support.Months;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import io.gpuledger.testing.ScramClientFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The loader against a broker that needs SASL/SCRAM-SHA-512, configured the way an operator would: a client properties
 * file whose password comes from the environment or a secrets file, never from the command line.
 */
class SecuredBrokerIT {

    @TempDir
    static Path shared;
    private static EmbeddedKafkaBroker broker;
    private static Path days;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(shared.resolve("kafka"))
                .withScramUser("ledger", "right-pw")).start();
        days = Months.days(shared.resolve("days"), LocalDate.of(2025, 10, 10), 1, 2);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    record Run(int exit, String out, String err) {
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

    /** The operator's configuration: a client properties file, the password in a secrets file it names. */
    private Path clientProperties(String password) throws Exception {
        return ScramClientFiles.write(work, "ledger", password);
    }

    @Test
    void withTheRightPasswordTheReplayLandsEveryRow() throws Exception {
        String topic = "secured-replay";
        long rows = FileSnapshots.rows(FileSnapshots.of(days.resolve("gpu_state_2025-10.db")));

        Run run = run("--db-dir", days.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--client-properties-file", clientProperties("right-pw").toString(), "--topic", topic,
                "--checkpoint-dir", work.resolve("checkpoints").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("right-pw");
        assertThat(recordsIn(topic)).as("records on the topic").isPositive().isLessThanOrEqualTo(rows);
    }

    @Test
    void withAWrongPasswordTheLoaderStopsWithOneLineNamingTheAuthenticationFailure() throws Exception {
        Run run = run("--db-dir", days.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--client-properties-file", clientProperties("wrong-pw").toString(), "--topic", "never",
                "--checkpoint-dir", work.resolve("checkpoints").toString());

        assertThat(run.exit()).isNotZero();
        List<String> errors = run.err().lines().filter(line -> line.startsWith("backfill-loader:")
                || line.contains("Exception") || line.startsWith("\tat ")).collect(Collectors.toList());
        assertThat(errors).as(run.err()).singleElement().asString()
                .contains("Kafka at " + broker.bootstrapServers() + " refused the login (authentication failed: ");
        assertThat(run.err()).doesNotContain("wrong-pw", "\tat ");
    }

    private long recordsIn(String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }
}
