package io.gpuledger.streams.app;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.ingest.classify.HostFilter;
import io.gpuledger.ingest.topic.SnapshotTopic;
import io.gpuledger.ingest.topic.TopicConfigGuard;
import io.gpuledger.ingest.topic.TopicInfo;
import io.gpuledger.ingest.topic.TopicRule;
import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.http.ServedInstance;
import io.gpuledger.streams.metrics.ReplayProgress;
import io.gpuledger.streams.query.LocalStores;
import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.query.StoreUnavailableException;
import io.gpuledger.streams.replay.Replays;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.topology.GpuLedgerTopology;
import io.gpuledger.streams.topology.InternalTopics;
import io.gpuledger.streams.topology.TopologySettings;
import io.gpuledger.streams.window.QueryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: Kafka (embedded or external), the snapshots topic, the Kafka Streams topology and its
 * stores, and whatever is attached to them (HTTP API, metrics, startup replay). Closing it stops them in reverse
 * order.
 */
public final class GpuLedgerService implements ServedInstance, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GpuLedgerService.class);

    private final StreamsAppConfig config;
    private final QueryConfig defaultQueryConfig;
    private EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private String applicationServer;
    private Admin admin;
    private TopicInfo topic;
    private KafkaStreams streams;
    private LocalStores stores;
    private Readiness readiness;
    private Replays replays;
    private final RollupSummaries summaries;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gpuledger-summaries");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean topicsChecked;
    private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KAFKA_REACHABLE_TIMEOUT = Duration.ofSeconds(30);

    public GpuLedgerService(StreamsAppConfig config) {
        this.config = config;
        ChtcOwnedList chtcOwned = config.chtcOwnedFile() == null ? ChtcOwnedList.shippedDefault()
                : ChtcOwnedList.load(config.chtcOwnedFile());
        HostExclusions exclusions = config.excludeHostsFile() == null ? HostExclusions.shippedDefault()
                : HostExclusions.load(config.excludeHostsFile());
        this.defaultQueryConfig = new QueryConfig(chtcOwned, exclusions, HostFilter.NONE, false);
        this.summaries = new RollupSummaries(defaultQueryConfig, config.history());
    }

    /**
     * Starts Kafka (embedded unless a cluster is configured), makes sure the topic exists, and starts the topology.
     *
     * @param applicationServer {@code host:port} of this instance's HTTP API, for interactive-query routing
     */
    public GpuLedgerService start(String applicationServer) {
        return start(applicationServer, ReplayProgress.NONE);
    }

    /**
     * As {@link #start(String)}, with the counters of {@code /metrics} that replays asked for over HTTP report to.
     */
    public GpuLedgerService start(String applicationServer, ReplayProgress replayMeters) {
        this.applicationServer = applicationServer;
        LOG.info("CHTC-owned list: {} ({} hosts); host exclusions: {} ({} patterns)",
                defaultQueryConfig.chtcOwned().source(), defaultQueryConfig.chtcOwned().hosts().size(),
                defaultQueryConfig.exclusions().source(), defaultQueryConfig.exclusions().reasons().size());
        if (config.embeddedBroker()) {
            long started = System.nanoTime();
            broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(config.dataDir().resolve("kafka"))).start();
            bootstrapServers = broker.bootstrapServers();
            LOG.info("Embedded Kafka broker ready at {} in {} ms", bootstrapServers,
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            bootstrapServers = config.bootstrapServers();
        }
        Map<String, Object> adminConfig = new java.util.HashMap<>(config.clientProperties());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(adminConfig);
        awaitKafka();
        // The service only reads the topic; a topic that deletes history is the loader's to refuse, so warn here.
        topic = SnapshotTopic.ensure(admin, config.topic(), config.partitions(),
                config.embeddedBroker() ? 1 : config.replicationFactor(), true);

        // Durability is a property of the topics: repair what a cluster set up by hand (or an older version) got
        // wrong before anything is read from them or written to them.
        TopicConfigGuard.enforce(admin, topicRules(), TOPIC_CHECK_TIMEOUT);

        Properties properties = StreamsProperties.of(config, bootstrapServers, applicationServer,
                config.embeddedBroker());
        streams = new KafkaStreams(GpuLedgerTopology.build(
                new TopologySettings(config.topic(), config.history(), summaries::invalidate), properties), properties);
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Stream thread failed; replacing it: {}", exception.toString(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Kafka Streams {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.REBALANCING) {
                // The rollups may move to another instance: summaries kept here could go stale.
                summaries.clear();
            } else if (newState == KafkaStreams.State.RUNNING) {
                background.execute(this::checkCreatedTopics);
                background.execute(this::warmUpSummaries);
            }
        });
        stores = new LocalStores(streams);
        readiness = new Readiness(admin, streams, config.applicationId(), config.topic());
        replays = new Replays(config.historyDirs(), config.prefer(),
                directory -> StartupReplay.loaderSettings(config, this, directory), config.dataDir(), replayMeters,
                readiness, Clock.systemUTC());
        streams.start();
        return this;
    }

    /** One clear line after a bounded wait, instead of a client retrying (and warning) forever. */
    private void awaitKafka() {
        try {
            admin.describeCluster().nodes().get(KAFKA_REACHABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " within "
                    + KAFKA_REACHABLE_TIMEOUT.toSeconds() + " s: is --bootstrap-servers right and the broker up?"
                    + (e instanceof ExecutionException && e.getCause() != null ? " (" + e.getCause().getMessage()
                    + ")" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka at " + bootstrapServers, e);
        }
    }

    /** The snapshot topic's and the internal topics' rules, by topic name. */
    private Map<String, List<TopicRule>> topicRules() {
        return TopicConfigGuard.rules(Map.of(config.topic(), SnapshotTopic.RULES),
                InternalTopics.rules(config.applicationId()));
    }

    /** Internal topics Kafka Streams created at the first start get checked once they exist. */
    private void checkCreatedTopics() {
        if (topicsChecked) {
            return;
        }
        try {
            TopicConfigGuard.enforce(admin, topicRules(), TOPIC_CHECK_TIMEOUT);
            topicsChecked = true;
        } catch (RuntimeException e) {
            LOG.error("Cannot keep the topics' configurations safe: {}", e.getMessage());
        }
    }

    /** Summarises every bucket of the default configuration when this instance owns the rollups. */
    private void warmUpSummaries() {
        if (summaries.isComplete() || streams.state() != KafkaStreams.State.RUNNING) {
            return;
        }
        try {
            summaries.warmUp(stores.rollups());
        } catch (StoreUnavailableException | org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            LOG.debug("Rollups are not local here now: {}", e.getMessage());
        }
    }

    @Override
    public RollupSummaries summaries() {
        return summaries;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code host:port} this instance advertises to the others ({@code application.server}). */
    @Override
    public String applicationServer() {
        return applicationServer;
    }

    @Override
    public StreamsAppConfig config() {
        return config;
    }

    @Override
    public QueryConfig defaultQueryConfig() {
        return defaultQueryConfig;
    }

    @Override
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public LocalStores stores() {
        return stores;
    }

    @Override
    public boolean isReady() {
        return readiness.isReady();
    }

    @Override
    public String notReadyReason() {
        return readiness.reason();
    }

    /** Partial while not ready, and while a replay asked for over HTTP runs (its rows are still arriving). */
    @Override
    public Completeness completeness() {
        Completeness ready = readiness.completeness();
        Optional<String> replay = replays.inProgress();
        if (replay.isEmpty()) {
            return ready;
        }
        return Completeness.partial(ready.partial() ? ready.reason() + "; " + replay.get() : replay.get());
    }

    /**
     * Ready and no replay on demand running: what a scheduled e-mail waits for, since an e-mail cannot be reloaded
     * once the numbers are complete.
     */
    public boolean numbersComplete() {
        return !completeness().partial();
    }

    @Override
    public Replays replays() {
        return replays;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** The snapshots topic as found or created at startup (its id changes when it is deleted and created again). */
    @Override
    public TopicInfo topic() {
        return topic;
    }

    @Override
    public Admin admin() {
        return admin;
    }

    /** Blocks until {@link #close()} has run (from a shutdown hook, say). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            if (replays != null) {
                // Before Kafka goes: the replay records itself interrupted, its checkpoints written.
                replays.close();
            }
            background.shutdownNow();
            if (streams != null) {
                // Leave the group at once so that the other instances take over this one's tasks now, not after
                // the session timeout: a stopped instance must not leave queries answering 503 for 45 s.
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            if (broker != null) {
                broker.close();
            }
        } finally {
            stopped.countDown();
        }
    }
}
