package io.gpuledger.kafka.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real three-node Kafka cluster (KRaft; every node is broker and controller, a static quorum of three) inside
 * this JVM on 127.0.0.1, for fault tests: replication factor 3 and {@code min.insync.replicas=2}, so one node can
 * be stopped ({@link #stopNode}) and started again ({@link #startNode}) while producers with {@code acks=all} and
 * the quorum keep working. Ports are picked once and kept for the cluster's life, because the static voter list
 * names them.
 */
public final class KafkaLocalCluster implements AutoCloseable {

    public static final int NODES = 3;
    private static final String HOST = EmbeddedKafkaBroker.HOST;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLocalCluster.class);

    /** Where each node, in its own process, finds the ports and cluster id the three must agree on. */
    public static final String LAYOUT_FILE_NAME = "cluster.properties";

    private final Path dataDir;
    private final Duration readyTimeout;
    private final int[] brokerPorts = new int[NODES];
    private final int[] controllerPorts = new int[NODES];
    private final KafkaRaftServer[] servers = new KafkaRaftServer[NODES];
    private final String clusterId;

    public KafkaLocalCluster(Path dataDir, Duration readyTimeout) {
        this.dataDir = dataDir;
        this.readyTimeout = readyTimeout;
        this.clusterId = Uuid.randomUuid().toString();
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            brokerPorts[i] = pickNew(taken);
            controllerPorts[i] = pickNew(taken);
        }
    }

    private KafkaLocalCluster(Path dataDir, Duration readyTimeout, Properties layout) {
        this.dataDir = dataDir;
        this.readyTimeout = readyTimeout;
        this.clusterId = layout.getProperty("cluster.id");
        for (int i = 0; i < NODES; i++) {
            brokerPorts[i] = Integer.parseInt(layout.getProperty("node." + (i + 1) + ".broker.port"));
            controllerPorts[i] = Integer.parseInt(layout.getProperty("node." + (i + 1) + ".controller.port"));
        }
    }

    /**
     * The cluster whose layout (cluster id, every node's ports) is kept in {@code dataDir/cluster.properties}, written
     * there by the first caller: so each node can run in its own process ({@link ClusterNodeMain}), be killed and
     * start again, and all of them agree on the static quorum.
     */
    public static KafkaLocalCluster open(Path dataDir, Duration readyTimeout) {
        Path layoutFile = dataDir.resolve(LAYOUT_FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(layoutFile)) {
                KafkaLocalCluster fresh = new KafkaLocalCluster(dataDir, readyTimeout);
                Path written = Files.createTempFile(dataDir, LAYOUT_FILE_NAME, ".tmp");
                try (var out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
                    fresh.layout().store(out, "three-node kafka-local cluster: the ports and id every node agrees on");
                }
                try {
                    // A hard link either creates the file whole or finds one there: nodes starting together agree.
                    Files.createLink(layoutFile, written);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    LOG.debug("another node wrote {} first", layoutFile);
                } finally {
                    Files.delete(written);
                }
            }
            Properties layout = new Properties();
            try (var in = Files.newBufferedReader(layoutFile, StandardCharsets.UTF_8)) {
                layout.load(in);
            }
            return new KafkaLocalCluster(dataDir, readyTimeout, layout);
        } catch (IOException | RuntimeException e) {
            throw new KafkaLocalException("cannot use the cluster layout " + layoutFile + ": " + e.getMessage(), e);
        }
    }

    private Properties layout() {
        Properties layout = new Properties();
        layout.setProperty("cluster.id", clusterId);
        for (int i = 0; i < NODES; i++) {
            layout.setProperty("node." + (i + 1) + ".broker.port", String.valueOf(brokerPorts[i]));
            layout.setProperty("node." + (i + 1) + ".controller.port", String.valueOf(controllerPorts[i]));
        }
        return layout;
    }

    private static int pickNew(List<Integer> taken) {
        while (true) {
            int p = FreePorts.pick();
            if (!taken.contains(p)) {
                taken.add(p);
                return p;
            }
        }
    }

    /**
     * Starts only node {@code node} (0-2) in this JVM, for {@link ClusterNodeMain}: it serves once a quorum of two
     * runs, so it does not wait for the others. Returns the node's client address.
     */
    public synchronized String startOneNode(int node) {
        BrokerLogLevels.apply(KafkaLocalConfig.DEFAULT_LOG_LEVEL);
        startServer(node);
        return HOST + ":" + brokerPorts[node];
    }

    /** Formats every node's directory on first use and starts all three; they need each other to elect a leader. */
    public synchronized KafkaLocalCluster start() {
        BrokerLogLevels.apply(KafkaLocalConfig.DEFAULT_LOG_LEVEL);
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            int node = i;
            starting.add(CompletableFuture.runAsync(() -> startServer(node)));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
                    .get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitBrokers(NODES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new KafkaLocalException("interrupted while starting the three-node cluster");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            close();
            throw new KafkaLocalException("three-node Kafka cluster in " + dataDir + " did not start within "
                    + readyTimeout.toSeconds() + " s: " + e.getMessage(), e);
        }
        LOG.info("Kafka {} three-node cluster ready at {}", EmbeddedKafkaBroker.KAFKA_VERSION, bootstrapServers());
        return this;
    }

    /** Stops node {@code node} (0-2) in an orderly way; its data stays. */
    public synchronized void stopNode(int node) {
        KafkaRaftServer server = servers[node];
        if (server == null) {
            return;
        }
        servers[node] = null;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("node {} of the cluster stopped", node + 1);
    }

    /** Starts a stopped node again on its old ports and waits until the cluster lists it. */
    public synchronized void startNode(int node) {
        if (servers[node] != null) {
            return;
        }
        startServer(node);
        awaitBrokers(runningNodes());
    }

    public synchronized int runningNodes() {
        int n = 0;
        for (KafkaRaftServer s : servers) {
            n += s == null ? 0 : 1;
        }
        return n;
    }

    /** Every node's client address, so a client finds the cluster with any one node down. */
    public String bootstrapServers() {
        StringJoiner joined = new StringJoiner(",");
        for (int p : brokerPorts) {
            joined.add(HOST + ":" + p);
        }
        return joined.toString();
    }

    private void startServer(int node) {
        Path logDir = dataDir.toAbsolutePath().resolve("node-" + (node + 1)).resolve(EmbeddedKafkaBroker.LOG_DIR_NAME);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        }
        KafkaConfig config = new KafkaConfig(properties(node, logDir), false);
        if (!KraftStorage.isFormatted(logDir)) {
            format(config, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        synchronized (servers) {
            servers[node] = server;
        }
    }

    private void format(KafkaConfig config, Path logDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // Static quorum (controller.quorum.voters): every node is formatted with the same cluster id.
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setWriteBootstrapSnapshot(true)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(false)
                    .setControllerListenerName(config.controllerListenerNames().get(0))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new KafkaLocalException("could not format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Object> properties(int node, Path logDir) {
        StringJoiner voters = new StringJoiner(",");
        for (int i = 0; i < NODES; i++) {
            voters.add((i + 1) + "@" + HOST + ":" + controllerPorts[i]);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node + 1));
        props.put("controller.quorum.voters", voters.toString());
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPorts[node] + ",CONTROLLER://" + HOST + ":"
                + controllerPorts[node]);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPorts[node]);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // Three replicas of everything, two must acknowledge: one node may be down without losing a write.
        props.put("offsets.topic.replication.factor", "3");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "3");
        props.put("share.coordinator.state.topic.min.isr", "2");
        props.put("default.replication.factor", "3");
        props.put("min.insync.replicas", "2");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16L * 1024 * 1024));
        // A stopped node goes at once, as a lost one does: a controlled shutdown would wait minutes for a quorum
        // that the last running node (closing the cluster) no longer has.
        props.put("controlled.shutdown.enable", "false");
        return props;
    }

    private void awaitBrokers(int expected) {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    int listed = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(6, TimeUnit.SECONDS).size();
                    if (listed >= expected) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("cluster not ready yet", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaLocalException("interrupted while waiting for the cluster");
                }
                // Bounded poll of a real cluster; describeCluster itself waits up to 5 s when nodes are missing.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw new KafkaLocalException("the cluster at " + bootstrapServers() + " did not list " + expected
                + " brokers within " + readyTimeout.toSeconds() + " s");
    }

    /** Stops every running node; data stays. */
    @Override
    public synchronized void close() {
        for (int i = 0; i < NODES; i++) {
            try {
                stopNode(i);
            } catch (RuntimeException e) {
                LOG.debug("stopping node {}", i + 1, e);
            }
        }
    }
}
