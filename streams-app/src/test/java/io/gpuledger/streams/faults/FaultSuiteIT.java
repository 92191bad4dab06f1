package io.gpuledger.streams.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.backfill.BackfillLoader;
import io.gpuledger.backfill.BackfillLoaderCli;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.ingest.generate.GenerationSummary;
import io.gpuledger.ingest.generate.GeneratorSettings;
import io.gpuledger.ingest.generate.SnapshotGenerator;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.streams.topology.InternalTopics;
import io.gpuledger.testing.LoaderCheckpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nothing lost: every ordinary fault, on real processes and a real broker, leaves every report identical to an
 * undisturbed run's. Given two days of snapshots, once from 61 days ago (older than {@code --history-days 30} by the
 * wall clock, so a broker deleting by age would lose them) and once ending yesterday, when the case's fault hits
 * ({@code kill -9} of the service or the loader, a lost state directory, a broker down for 30 s, a lost instance, a
 * lost node of a three-node cluster) and the parts recover by themselves, then the full report JSON of every type,
 * over windows that cut buckets and windows on bucket boundaries, equals the baseline's, under at-least-once and under
 * exactly-once alike.
 *
 * <p>The service, the loader, the single broker and each node of the three-node cluster run as their own JVMs and
 * are killed with SIGKILL: no shutdown hook, no flush, no controlled shutdown.
 * The suite writes its table (fault, mode, history, recovered, identical, time to ready) to
 * {@code target/fault-suite.txt}, which CI prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    /** The processing guarantee a case runs under. */
    enum Mode {
        AT_LEAST_ONCE(List.of()),
        EXACTLY_ONCE_V2(List.of("--exactly-once"));

        final List<String> flags;

        Mode(List<String> flags) {
            this.flags = flags;
        }

        @Override
        public String toString() {
            return this == AT_LEAST_ONCE ? "at_least_once" : "exactly_once_v2";
        }
    }

    /** Which two days a case replays. */
    enum History {
        OLD(LocalDate.now(ZoneOffset.UTC).minusDays(61)),
        RECENT(LocalDate.now(ZoneOffset.UTC).minusDays(2));

        final LocalDate firstDay;

        History(LocalDate firstDay) {
            this.firstDay = firstDay;
        }

        LocalDate reportDay() {
            return firstDay.plusDays(1);
        }

        @Override
        public String toString() {
            return this == OLD ? "61 days old" : "recent";
        }
    }

    private static final int HOSTS = 6;
    private static final String HISTORY_DAYS = "30";
    /** Slow enough that a fault lands in the middle of the replay, whatever the machine. */
    private static final int THROTTLED_ROWS_PER_SECOND = 2500;
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(30);
    /** A lost instance's partitions move after the session timeout; the survivor answers again within this. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(60);
    private static final int SESSION_TIMEOUT_MS = 10_000;
    /** After a broker or node comes back, a service answers every query again within this. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(90);

    private final Path work = Path.of("target", "fault-suite");
    private final Map<History, Path> files = new EnumMap<>(History.class);
    private final Map<History, Long> rows = new EnumMap<>(History.class);
    private final Map<History, ReportSet> baselines = new EnumMap<>(History.class);
    private final FaultTable table = new FaultTable();
    private BrokerProcess broker;
    private Admin admin;
    private ClusterProcesses cluster;

    @BeforeAll
    void startBrokerAndRecordBaselines() throws Exception {
        HttpFixtures.deleteRecursively(work);
        Files.createDirectories(work);
        broker = new BrokerProcess(work.resolve("broker"), work.resolve("logs")).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        for (History history : History.values()) {
            Path dir = work.resolve("files-" + history.name().toLowerCase());
            Files.createDirectories(dir);
            GenerationSummary generated = new SnapshotGenerator(new GeneratorSettings(history.firstDay, 2, HOSTS, 5,
                    17, ZoneOffset.UTC)).generate(dir);
            files.put(history, dir);
            rows.put(history, generated.rows());

            // The undisturbed run every case is compared with: at-least-once, one instance, one replay.
            Scenario baseline = new Scenario("baseline", Mode.AT_LEAST_ONCE, history);
            try (ServiceProcess service = baseline.startService("baseline", true, false)) {
                service.awaitReady();
                ReportSet reports = ReportSet.fetch(service.baseUrl(), baseline.queries());
                assertThat(reports.allAnswered()).as("baseline %s: %s", history, reports.answers()).isTrue();
                assertThat(reports.answers().values().iterator().next().body().at("/metadata/total_records")
                        .asLong()).isPositive();
                baselines.put(history, reports);
            }
        }
    }

    @AfterAll
    void printTableAndStop() throws Exception {
        String rendered = table.render();
        System.out.println(rendered);
        Files.writeString(Path.of("target", "fault-suite.txt"), rendered, StandardCharsets.UTF_8);
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Runs {@code body} for every mode and history at once (the four share the broker); fails with every failure. */
    private void forEveryModeAndHistory(ScenarioBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Mode.values().length * History.values().length);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Mode mode : Mode.values()) {
                for (History history : History.values()) {
                    running.add(pool.submit(() -> {
                        body.run(mode, history);
                        return null;
                    }));
                }
            }
            AssertionError failed = null;
            for (Future<?> each : running) {
                try {
                    each.get();
                } catch (ExecutionException e) {
                    if (failed == null) {
                        failed = new AssertionError(e.getCause().getMessage(), e.getCause());
                    } else {
                        failed.addSuppressed(e.getCause());
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One mode and history of a case. */
    @FunctionalInterface
    private interface ScenarioBody {
        void run(Mode mode, History history) throws Exception;
    }

    @Test
    @Order(1)
    void serviceKilledMidReplayThenRestartedWithoutReplayThenItsStateDirectoryLost() throws Exception {
        forEveryModeAndHistory((mode, history) -> {
            Scenario scenario = new Scenario("kill-mid-replay-without", mode, history);
            try (ServiceProcess first = scenario.startService("first", true, true)) {
                scenario.killMidReplay(first);
            }
            try (ServiceProcess restarted = scenario.startService("restarted", false, false)) {
                scenario.expectIdentical("kill -9 streams-app mid-replay, restart without --replay", restarted,
                        restarted.awaitReady());
                restarted.kill();
            }
            HttpFixtures.deleteRecursively(scenario.dataDir.resolve("streams"));
            try (ServiceProcess restarted = scenario.startService("without-state", false, false)) {
                scenario.expectIdentical("state directory lost, restart without --replay", restarted,
                        restarted.awaitReady());
            }
        });
    }

    @Test
    @Order(2)
    void serviceKilledMidReplayThenRestartedWithReplay() throws Exception {
        forEveryModeAndHistory((mode, history) -> {
            Scenario scenario = new Scenario("kill-mid-replay-with", mode, history);
            try (ServiceProcess first = scenario.startService("first", true, true)) {
                scenario.killMidReplay(first);
            }
            try (ServiceProcess restarted = scenario.startService("restarted", true, false)) {
                scenario.expectIdentical("kill -9 streams-app mid-replay, restart with --replay", restarted,
                        restarted.awaitReady());
            }
        });
    }

    @Test
    @Order(3)
    void serviceKilledAfterTheReplayBeforeReady() throws Exception {
        forEveryModeAndHistory((mode, history) -> {
            for (boolean replayAgain : List.of(false, true)) {
                Scenario scenario = new Scenario("kill-before-ready-" + (replayAgain ? "with" : "without"), mode,
                        history);
                // A long commit interval holds readiness back after the replay: the window the fault aims at.
                try (ServiceProcess first = scenario.startService("first", true, false,
                        Map.of("--commit-interval-ms", "10000"))) {
                    await("replay acknowledged").atMost(ServiceProcess.READY_TIMEOUT)
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> !first.isAlive() || scenario.replayFinished());
                    assertThat(first.isAlive()).as(first::logTail).isTrue();
                    assertThat(first.isReady()).as("killed before ready").isFalse();
                    first.kill();
                }
                try (ServiceProcess restarted = scenario.startService("restarted", replayAgain, false)) {
                    scenario.expectIdentical("kill -9 streams-app after the replay before ready, restart "
                            + (replayAgain ? "with" : "without") + " --replay", restarted, restarted.awaitReady());
                }
            }
        });
    }

    @Test
    @Order(4)
    void serviceKilledDuringAReplayOnDemandResumesItWhenRestarted() throws Exception {
        forEveryModeAndHistory((mode, history) -> {
            Scenario scenario = new Scenario("kill-replay-on-demand", mode, history);
            Map<String, String> historyDir = Map.of("--history-dir", files.get(history).toString());
            try (ServiceProcess first = scenario.startService("first", false, true, historyDir)) {
                first.awaitReady();
                String months = "{\"from\":\"" + YearMonth.from(history.firstDay) + "\",\"to\":\""
                        + YearMonth.from(history.reportDay()) + "\"}";
                assertThat(ReportSet.postJson(first.baseUrl(), "api/v1/replays", months)).isEqualTo(202);
                scenario.killMidReplay(first);
            }
            try (ServiceProcess restarted = scenario.startService("restarted", false, false, historyDir)) {
                long started = System.nanoTime();
                restarted.awaitReady();
                // The restart resumes the replay by itself; its reports say partial until it is done.
                await("the interrupted replay resumed and done").atMost(ServiceProcess.READY_TIMEOUT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> ReportSet.get(restarted.baseUrl(), "api/v1/replays").body().path("replays")
                                .findValuesAsText("phase").contains("done"));
                scenario.expectIdentical("kill -9 streams-app during a replay on demand, restart", restarted,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        });
    }

    @Test
    @Order(5)
    void loaderKilledMidFileThenRerun() throws Exception {
        forEveryModeAndHistory((mode, history) -> {
            Scenario scenario = new Scenario("kill-loader", mode, history);
            Path checkpoints = scenario.dataDir.resolve("loader-checkpoints");
            try (ServiceProcess service = scenario.startService("service", false, false)) {
                // A running service (ready on the empty topic) that the loader's replay streams into.
                service.awaitReady();
                long started = System.nanoTime();
                try (ChildJvm loader = scenario.startLoader("loader-killed", checkpoints, true)) {
                    await("loader mid-file").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                            .until(() -> !loader.isAlive() || LoaderCheckpoints.acknowledgedRows(checkpoints) > rows.get(history) / 4);
                    assertThat(loader.isAlive()).as(loader::logTail).isTrue();
                    loader.kill();
                }
                assertThat(LoaderCheckpoints.acknowledgedRows(checkpoints)).isLessThan(rows.get(history));
                try (ChildJvm rerun = scenario.startLoader("loader-rerun", checkpoints, false)) {
                    assertThat(rerun.awaitExit(120)).as(rerun::logTail).isZero();
                    assertThat(rerun.logContains("resumed after")).as(rerun::logTail).isTrue();
                }
                scenario.awaitCaughtUp();
                scenario.expectIdentical("kill -9 backfill-loader mid-file, rerun", service,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        });
    }

    @Test
    @Order(6)
    void brokerDownForThirtySecondsDuringTheReplayAndDuringServing() throws Exception {
        List<Scenario> scenarios = everyScenario("broker-outage");
        List<ServiceProcess> services = new ArrayList<>();
        try {
            for (Scenario scenario : scenarios) {
                services.add(scenario.startService("service", true, true));
            }
            awaitEveryReplayUnderWay(scenarios, services);
            broker.kill();
            holdOutage(scenarios, services, false);
            broker.start();
            forEach(scenarios, services, (scenario, service) -> scenario.expectIdentical(
                    "broker kill -9, down 30 s during the replay", service, service.awaitReady()));

            long killed = System.nanoTime();
            broker.kill();
            holdOutage(scenarios, services, true);
            broker.start();
            // Rejoining its group after the outage, a service may say "not now" (503) for a while, never wrong.
            forEach(scenarios, services, (scenario, service) -> {
                awaitEqual(baselines.get(scenario.history), RECOVERY_BOUND, service);
                scenario.expectIdentical("broker kill -9, down 30 s while serving", service,
                        Duration.ofNanos(System.nanoTime() - killed));
            });
        } finally {
            for (ServiceProcess service : services) {
                service.close();
            }
        }
    }

    /** While the broker is down: the services stay up, and whatever they answer is never a wrong number. */
    private void holdOutage(List<Scenario> scenarios, List<ServiceProcess> services, boolean serving) {
        long until = System.nanoTime() + BROKER_OUTAGE.toNanos();
        await("broker outage held").atMost(BROKER_OUTAGE.plusSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    for (int i = 0; i < scenarios.size(); i++) {
                        ServiceProcess service = services.get(i);
                        assertThat(service.isAlive()).as(service::logTail).isTrue();
                        if (serving) {
                            ReportSet during = ReportSet.fetch(service.baseUrl(), scenarios.get(i).queries());
                            assertThat(during.wrongAnswers(baselines.get(scenarios.get(i).history))).isEmpty();
                        }
                    }
                    return System.nanoTime() >= until;
                });
    }

    @Test
    @Order(7)
    void oneOfTwoInstancesKilledThenAThirdJoins() throws Exception {
        forEveryModeAndHistory((mode, history) -> {
            Scenario scenario = new Scenario("instances", mode, history);
            scenario.loadInProcess();
            ReportSet baseline = baselines.get(history);
            try (ServiceProcess first = scenario.startInstance(1);
                 ServiceProcess second = scenario.startInstance(2)) {
                first.awaitReady();
                second.awaitReady();
                scenario.awaitCaughtUp();
                awaitEqual(baseline, Duration.ofMinutes(1), first, second);

                // The instance that computes the reports (it owns the rollups) is the one whose loss matters.
                String owner = ReportSet.computedBy(first.baseUrl(), baseline.answers().keySet().iterator().next());
                ServiceProcess lost = owner.endsWith(":" + first.httpPort()) ? first : second;
                ServiceProcess survivor = lost == first ? second : first;
                long killed = System.nanoTime();
                lost.kill();
                // Until its partitions move, the survivor may say "not now" (503); it never answers a wrong number.
                awaitEqual(baseline, FAILOVER_BOUND, survivor);
                table.add("the reporting one of two instances killed: the other answers all", mode, history, true,
                        true, Duration.ofNanos(System.nanoTime() - killed));

                long joined = System.nanoTime();
                try (ServiceProcess third = scenario.startInstance(3)) {
                    third.awaitReady();
                    awaitEqual(baseline, Duration.ofMinutes(2), survivor, third);
                    table.add("a third instance joins: both answer all", mode, history, true, true,
                            Duration.ofNanos(System.nanoTime() - joined));
                }
            }
        });
    }

    /**
     * Polls {@code instances} until each answers every query with the baseline's report; any 200 that differs on the
     * way fails the case at once.
     */
    private static void awaitEqual(ReportSet baseline, Duration bound, ServiceProcess... instances) {
        List<String> queries = List.copyOf(baseline.answers().keySet());
        await("every instance answers every query").atMost(bound).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    boolean allEqual = true;
                    for (ServiceProcess each : instances) {
                        ReportSet now = ReportSet.fetch(each.baseUrl(), queries);
                        assertThat(now.wrongAnswers(baseline)).as("wrong numbers from %s", each.baseUrl())
                                .isEmpty();
                        allEqual &= now.firstDifference(baseline) == null;
                    }
                    return allEqual;
                });
    }

    @Test
    @Order(8)
    void aNodeOfAThreeNodeClusterLostDuringTheReplayAndAnotherDuringServing() throws Exception {
        cluster = new ClusterProcesses(work.resolve("cluster"), work.resolve("logs"));
        List<Scenario> scenarios = everyScenario("cluster");
        List<ServiceProcess> services = new ArrayList<>();
        try {
            for (Scenario scenario : scenarios) {
                services.add(scenario.startService("service", true, true, Map.of(
                        "--bootstrap-servers", cluster.bootstrapServers(), "--replication-factor", "3")));
            }
            awaitEveryReplayUnderWay(scenarios, services);
            cluster.kill(0);
            forEach(scenarios, services, (scenario, service) -> scenario.expectIdentical(
                    "three-node cluster, kill -9 of a node during the replay", service, service.awaitReady()));
            cluster.restart(0);

            long stopped = System.nanoTime();
            cluster.kill(1);
            forEach(scenarios, services, (scenario, service) -> {
                ReportSet during = ReportSet.fetch(service.baseUrl(), scenario.queries());
                assertThat(during.wrongAnswers(baselines.get(scenario.history))).isEmpty();
                awaitEqual(baselines.get(scenario.history), RECOVERY_BOUND, service);
                scenario.expectIdentical("three-node cluster, kill -9 of a node while serving", service,
                        Duration.ofNanos(System.nanoTime() - stopped));
            });
        } finally {
            for (ServiceProcess service : services) {
                service.close();
            }
        }
    }

    private List<Scenario> everyScenario(String fault) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            for (History history : History.values()) {
                scenarios.add(new Scenario(fault, mode, history));
            }
        }
        return scenarios;
    }

    private void awaitEveryReplayUnderWay(List<Scenario> scenarios, List<ServiceProcess> services)
            throws IOException {
        await("every replay under way").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    boolean allUnderWay = true;
                    for (int i = 0; i < scenarios.size(); i++) {
                        assertThat(services.get(i).isAlive()).as(services.get(i)::logTail).isTrue();
                        allUnderWay &= scenarios.get(i).acknowledged() > rows.get(scenarios.get(i).history) / 4;
                    }
                    return allUnderWay;
                });
        for (Scenario scenario : scenarios) {
            assertThat(scenario.replayFinished()).as("%s: the fault lands mid-replay", scenario.name).isFalse();
        }
    }

    /** One step for each scenario's service in turn. */
    private static void forEach(List<Scenario> scenarios, List<ServiceProcess> services, Step step) throws Exception {
        for (int i = 0; i < scenarios.size(); i++) {
            step.run(scenarios.get(i), services.get(i));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(Scenario scenario, ServiceProcess service) throws Exception;
    }

    /** One case's names, directories and steps. */
    private final class Scenario {

        final Mode mode;
        final History history;
        final String name;
        final Path dataDir;

        Scenario(String fault, Mode mode, History history) {
            this.mode = mode;
            this.history = history;
            this.name = fault + "-" + (mode == Mode.AT_LEAST_ONCE ? "alos" : "eos") + "-" + history.name()
                    .toLowerCase();
            this.dataDir = work.resolve(name);
        }

        List<String> queries() {
            return ReportSet.queries(history.reportDay());
        }

        List<String> serviceFlags(Path data, boolean replay, boolean throttled, Map<String, String> overrides) {
            Map<String, String> flags = new java.util.LinkedHashMap<>();
            flags.put("--bootstrap-servers", broker.bootstrapServers());
            flags.put("--data-dir", data.toString());
            flags.put("--application-id", name);
            flags.put("--topic", name);
            flags.put("--partitions", "3");
            flags.put("--history-days", HISTORY_DAYS);
            flags.put("--raw-retention-days", "90");
            flags.put("--commit-interval-ms", "500");
            flags.put("--client-property", "session.timeout.ms=" + SESSION_TIMEOUT_MS);
            if (replay) {
                flags.put("--replay", files.get(history).toString());
            }
            if (throttled) {
                flags.put("--max-rows-per-second", String.valueOf(THROTTLED_ROWS_PER_SECOND));
            }
            flags.putAll(overrides);
            List<String> args = new ArrayList<>();
            flags.forEach((flag, value) -> args.addAll(List.of(flag, value)));
            args.addAll(mode.flags);
            return args;
        }

        ServiceProcess startService(String step, boolean replay, boolean throttled) throws IOException {
            return startService(step, replay, throttled, Map.of());
        }

        ServiceProcess startService(String step, boolean replay, boolean throttled, Map<String, String> overrides)
                throws IOException {
            return ServiceProcess.start(name + "-" + step, work.resolve("logs"), httpPort(),
                    serviceFlags(dataDir, replay, throttled, overrides));
        }

        private int httpPort = -1;

        /** One port per scenario: a restarted service answers where the killed one did. */
        int httpPort() {
            if (httpPort < 0) {
                httpPort = ChildJvm.freePort();
            }
            return httpPort;
        }

        ServiceProcess startInstance(int number) throws IOException {
            return ServiceProcess.start(name + "-instance-" + number, work.resolve("logs"), ChildJvm.freePort(),
                    serviceFlags(dataDir.resolve("instance-" + number), false, false, Map.of()));
        }

        ChildJvm startLoader(String step, Path checkpoints, boolean throttled) throws IOException {
            List<String> args = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                    "--db-dir", files.get(history).toString(), "--topic", name, "--partitions", "3",
                    "--history-days", HISTORY_DAYS, "--checkpoint-dir", checkpoints.toString()));
            if (throttled) {
                args.addAll(List.of("--max-rows-per-second", String.valueOf(THROTTLED_ROWS_PER_SECOND)));
            }
            return ChildJvm.start(name + "-" + step, work.resolve("logs"), "384m", BackfillLoaderCli.class, args,
                    Map.of());
        }

        /** The whole history into the topic, quickly, before the instances start (the instance cases). */
        void loadInProcess() {
            new BackfillLoader(LoaderSettings.of(files.get(history))
                    .with(LoaderSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                    .with(CommonSettings.TOPIC, name)
                    .with(CommonSettings.PARTITIONS, 3)
                    .with(CommonSettings.REPLICATION_FACTOR, 1)
                    .with(CommonSettings.HISTORY, Duration.ofDays(Long.parseLong(HISTORY_DAYS)))
                    .with(LoaderSettings.CHECKPOINT_DIR, dataDir.resolve("loader-checkpoints"))).run();
        }

        long acknowledged() throws IOException {
            return LoaderCheckpoints.acknowledgedRows(dataDir.resolve("loader-checkpoints"));
        }

        /** The service's own replay has every record acknowledged (its marker of an unfinished replay is gone). */
        boolean replayFinished() throws IOException {
            return acknowledged() == rows.get(history)
                    && !Files.exists(dataDir.resolve("startup-replay.unfinished"));
        }

        void killMidReplay(ServiceProcess service) throws Exception {
            await("replay under way").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !service.isAlive() || acknowledged() > rows.get(history) / 4);
            assertThat(service.isAlive()).as(service::logTail).isTrue();
            service.kill();
            assertThat(acknowledged()).as("killed mid-replay").isLessThan(rows.get(history));
        }

        /** Processing has caught up with the snapshot topic and the rollups' repartition topic. */
        void awaitCaughtUp() {
            await(name + " caught up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> lag(name) == 0 && lag(InternalTopics.repartition(name)) == 0);
        }

        private long lag(String topic) throws Exception {
            Admin client = admin;
            TopicDescription description = client.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                    OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(name)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (var end : client.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                behind += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            return behind;
        }

        /** Records the case in the table, then fails it if any report differs from the baseline. */
        void expectIdentical(String fault, ServiceProcess service, Duration timeToReady) {
            ReportSet after = ReportSet.fetch(service.baseUrl(), queries());
            String difference = after.firstDifference(baselines.get(history));
            table.add(fault, mode, history, service.isAlive(), difference == null, timeToReady);
            assertThat(difference).as("%s (%s, %s): first difference", fault, mode, history).isNull();
        }
    }
}
