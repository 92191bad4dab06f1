package io.gpuledger.streams.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.kafka.local.ClusterNodeMain;
import io.gpuledger.kafka.local.KafkaLocalCluster;
import io.gpuledger.kafka.local.KafkaLocalMain;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The three-node KRaft cluster of {@code kafka-local} (replication factor 3, {@code min.insync.replicas=2}), each
 * node its own JVM, so losing a broker is {@code kill -9}; a node restarts on its own ports and log.
 */
final class ClusterProcesses implements AutoCloseable {

    private final Path dataDir;
    private final Path logDir;
    private final ChildJvm[] nodes = new ChildJvm[KafkaLocalCluster.NODES];
    private final int[] starts = new int[KafkaLocalCluster.NODES];
    private final String bootstrapServers;
    private final Admin admin;

    ClusterProcesses(Path dataDir, Path logDir) throws IOException {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.bootstrapServers = KafkaLocalCluster.open(dataDir, Duration.ofMinutes(2)).bootstrapServers();
        for (int node = 0; node < nodes.length; node++) {
            launch(node);
        }
        for (int node = 0; node < nodes.length; node++) {
            awaitStarted(node);
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        awaitBrokers();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    private void launch(int node) throws IOException {
        starts[node]++;
        nodes[node] = ChildJvm.start("cluster-node-" + (node + 1) + "-start-" + starts[node], logDir, "768m",
                ClusterNodeMain.class, List.of("--data-dir", dataDir.toString(), "--node", String.valueOf(node + 1)),
                Map.of());
    }

    private void awaitStarted(int node) {
        ChildJvm jvm = nodes[node];
        await(jvm + " up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .failFast(() -> assertThat(jvm.isAlive()).as(() -> jvm + " exited:\n" + jvm.logTail()).isTrue())
                .until(() -> jvm.logContains(KafkaLocalMain.BOOTSTRAP_PREFIX));
    }

    /** SIGKILL of node {@code node} (0-2). */
    void kill(int node) throws InterruptedException {
        nodes[node].kill();
    }

    /** Starts a killed node again and waits until every partition has all three replicas in sync. */
    void restart(int node) throws IOException {
        launch(node);
        awaitStarted(node);
        awaitBrokers();
        await("every partition fully in sync").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions()
                            .listInternal(true)).names().get(10, TimeUnit.SECONDS);
                    for (TopicDescription topic : admin.describeTopics(names).allTopicNames()
                            .get(10, TimeUnit.SECONDS).values()) {
                        if (topic.partitions().stream().anyMatch(p -> p.isr().size() < KafkaLocalCluster.NODES)) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private void awaitBrokers() {
        await("three brokers listed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size()
                        == KafkaLocalCluster.NODES);
    }

    @Override
    public void close() throws InterruptedException {
        admin.close(Duration.ofSeconds(5));
        for (ChildJvm node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }
}
