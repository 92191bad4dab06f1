package io.gpuledger.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one node) inside this JVM, listening on
 * 127.0.0.1 only. Its data stays in {@link KafkaLocalConfig#dataDir()}: the first start formats it, later starts
 * (in this or another process) reuse it with all topics and records.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dir)).start()) {
 *     String bootstrap = broker.bootstrapServers(); // 127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The Kafka version of the broker jars on the class path, e.g. {@code 4.4.0}. */
    public static final String KAFKA_VERSION = KafkaVersion.read();

    static final String HOST = "127.0.0.1";
    static final String LOG_DIR_NAME = "kafka-logs";
    static final String LOCK_FILE_NAME = ".kafka-local.lock";
    private static final int NODE_ID = 1;
    private static final int BIND_ATTEMPTS = 3;
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaLocalConfig config;
    private KafkaRaftServer server;
    private FileChannel lockChannel;
    private int port;
    private int controllerPort;

    public EmbeddedKafkaBroker(KafkaLocalConfig config) {
        this.config = config;
    }

    /**
     * Formats the data directory if it is new, starts the broker and waits until a stock Admin client can describe
     * the cluster. Throws {@link KafkaLocalException} (broker stopped again) when that fails within
     * {@link KafkaLocalConfig#readyTimeout()}.
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("broker already running at " + bootstrapServers());
        }
        long startNanos = System.nanoTime();
        BrokerLogLevels.apply(config.logLevel());
        Path logDir = config.dataDir().toAbsolutePath().resolve(LOG_DIR_NAME);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
        }
        lockDataDir();
        try {
            startOnFreeOrConfiguredPorts(logDir);
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Kafka {} broker ready at {} (data in {}) in {} ms", KAFKA_VERSION, bootstrapServers(),
                config.dataDir(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return this;
    }

    /**
     * Kafka locks its log directory too, but only once the server is half built; failing here first gives a clear
     * message and leaves the running broker alone.
     */
    private void lockDataDir() {
        Path lockFile = config.dataDir().toAbsolutePath().resolve(LOCK_FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new KafkaLocalException(inUse());
            }
            lockChannel = channel;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new KafkaLocalException(inUse(), e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private String inUse() {
        return "data directory " + config.dataDir() + " is in use by another running broker";
    }

    private void startOnFreeOrConfiguredPorts(Path logDir) {
        // With a free port there is a short window in which another process may take it; try again with new
        // ports. A configured port that is taken is the caller's problem and fails at once.
        int attempts = config.port() == 0 ? BIND_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int brokerPort = config.port() == 0 ? FreePorts.pick() : config.port();
            int ctrlPort = FreePorts.pickOtherThan(brokerPort);
            try {
                startServer(logDir, brokerPort, ctrlPort);
                break;
            } catch (RuntimeException e) {
                if (attempt < attempts && isBindFailure(e)) {
                    LOG.debug("port {} or {} was taken meanwhile, trying other ports", brokerPort, ctrlPort, e);
                    continue;
                }
                throw e;
            }
        }
    }

    private void startServer(Path logDir, int brokerPort, int ctrlPort) {
        KafkaConfig kafkaConfig = new KafkaConfig(brokerProperties(logDir, brokerPort, ctrlPort), false);
        if (!KraftStorage.isFormatted(logDir)) {
            String clusterId = KraftStorage.formatStandalone(kafkaConfig, logDir, HOST, ctrlPort,
                    config.scramUser());
            LOG.info("formatted new Kafka storage in {} (cluster id {})", logDir, clusterId);
        }
        KafkaRaftServer candidate = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            stopQuietly(candidate);
            throw new KafkaLocalException("Kafka broker failed to start on " + HOST + ":" + brokerPort
                    + " (controller port " + ctrlPort + ", data in " + config.dataDir() + "): " + reason(e), e);
        }
        server = candidate;
        port = brokerPort;
        controllerPort = ctrlPort;
    }

    /** Broker settings for one node on loopback; every internal topic has one replica. */
    private Map<String, Object> brokerProperties(Path logDir, int brokerPort, int ctrlPort) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.bootstrap.servers", HOST + ":" + ctrlPort);
        String client = config.scramUser() == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        props.put("listeners", client + "://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + ctrlPort);
        props.put("advertised.listeners",
                client + "://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + ctrlPort);
        props.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", client);
        if (config.scramUser() != null) {
            // The only client port needs SCRAM; the broker talks to itself over it as the same account. The
            // controller port stays PLAINTEXT on loopback (no client connects to it).
            props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
            props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaas(config.scramUser()));
        }
        props.put("log.dirs", logDir.toString());

        // One node: every internal topic gets one replica, and min ISR 1 so acks=all works.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "5");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");

        // Applications create their topics explicitly (with the retention they need).
        props.put("auto.create.topics.enable", "false");
        // Nobody else is going to join: start a consumer group's first generation at once.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner preallocates this buffer; Kafka's 128 MiB default is a server's, not a laptop's.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(32L * 1024 * 1024));

        props.putAll(config.brokerProperties());
        return props;
    }

    private void awaitReady() {
        Duration timeout = config.readyTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> adminConfig = new LinkedHashMap<>(clientProperties());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-local-readiness");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                int remainingMs = (int) Math.max(1, Math.min(10_000,
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMs))
                            .nodes().get(remainingMs + 1_000L, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaLocalException("interrupted while waiting for the broker at " + bootstrapServers());
                }
            }
        }
        throw new KafkaLocalException("Kafka broker at " + bootstrapServers() + " did not answer describeCluster within "
                + timeout.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        requireRunning();
        return HOST + ":" + port;
    }

    /**
     * Client properties (besides {@code bootstrap.servers}) that connect to this broker: none for PLAINTEXT; for a
     * SCRAM broker, {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} of its account.
     */
    public Map<String, String> clientProperties() {
        KafkaLocalConfig.ScramUser user = config.scramUser();
        if (user == null) {
            return Map.of();
        }
        return scramClientProperties(user.name(), user.password());
    }

    /** What a client sets to log in to a SCRAM-SHA-512 SASL_PLAINTEXT listener as {@code name}. */
    public static Map<String, String> scramClientProperties(String name, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", SCRAM_MECHANISM,
                "sasl.jaas.config", jaas(new KafkaLocalConfig.ScramUser(name, password)));
    }

    private static String jaas(KafkaLocalConfig.ScramUser user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user.name()
                + "\" password=\"" + user.password() + "\";";
    }

    /** The client port on 127.0.0.1. */
    public synchronized int port() {
        requireRunning();
        return port;
    }

    /** The KRaft controller port on 127.0.0.1 (clients do not need it). */
    public synchronized int controllerPort() {
        requireRunning();
        return controllerPort;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public KafkaLocalConfig config() {
        return config;
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("broker is not running (data in " + config.dataDir() + ")");
        }
    }

    /** Stops the broker and frees its ports; the data stays. Safe to call twice. */
    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                long startNanos = System.nanoTime();
                KafkaRaftServer stopping = server;
                server = null;
                stopping.shutdown();
                stopping.awaitShutdown();
                LOG.info("Kafka broker at {}:{} stopped in {} ms", HOST, port,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            }
        } finally {
            // Closing the channel releases the lock.
            closeQuietly(lockChannel);
            lockChannel = null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the data directory lock", e);
        }
    }

    private static void stopQuietly(KafkaRaftServer candidate) {
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.debug("shutting down a broker that failed to start", e);
        }
    }

    /** Kafka wraps the useful message (e.g. "failed to bind to 127.0.0.1:9092") in generic ones. */
    private static String reason(Throwable e) {
        String reason = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof KafkaException && t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        return reason;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
