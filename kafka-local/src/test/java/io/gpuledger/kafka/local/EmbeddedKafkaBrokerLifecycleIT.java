package io.gpuledger.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop, restart and data-directory handling; one broker at a time. */
class EmbeddedKafkaBrokerLifecycleIT {

    @TempDir
    Path dataDir;

    @Test
    void startsOnLoopbackAndAnswersAStockAdminClient() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
                Admin admin = Admin.create(Clients.base(broker.bootstrapServers()))) {
            assertThat(broker.isRunning()).isTrue();
            assertThat(EmbeddedKafkaBroker.KAFKA_VERSION).isEqualTo("4.4.0");
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
            assertThat(broker.controllerPort()).isNotEqualTo(broker.port());

            Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            assertThat(nodes).singleElement().satisfies(node -> {
                assertThat(node.host()).isEqualTo("127.0.0.1");
                assertThat(node.port()).isEqualTo(broker.port());
            });
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isNotBlank();
        }
        assertThat(Files.isRegularFile(dataDir.resolve(EmbeddedKafkaBroker.LOG_DIR_NAME).resolve("meta.properties")))
                .as("formatted on first start").isTrue();
    }

    @Test
    void usesTheConfiguredPort() {
        int wanted = FreePorts.pick();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir).withPort(wanted))
                .start()) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + wanted);
        }
    }

    @Test
    void closeReleasesBothPortsAndCanBeCalledTwice() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
        int port = broker.port();
        int controllerPort = broker.controllerPort();
        assertThat(FreePorts.isFree(port)).as("port in use while running").isFalse();
        assertThat(FreePorts.isFree(controllerPort)).as("controller port in use while running").isFalse();

        long startNanos = System.nanoTime();
        broker.close();
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(10));
        broker.close();

        assertThat(broker.isRunning()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> FreePorts.isFree(port) && FreePorts.isFree(controllerPort));
        assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void restartOnTheSameDataDirKeepsTopicsAndRecordsEvenOnOtherPorts() throws Exception {
        String topic = "kept";
        String clusterId;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
                Admin admin = Admin.create(Clients.base(broker.bootstrapServers()))) {
            clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            KafkaTopics.awaitLeaders(admin, List.of(topic), java.time.Duration.ofSeconds(30));
            Clients.produce(broker.bootstrapServers(), topic, 300);
        }

        // The second start picks new free ports: the single-voter quorum must not depend on the old ones.
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
                Admin admin = Admin.create(Clients.base(broker.bootstrapServers()))) {
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(3);

            List<ConsumerRecord<String, String>> records = Clients.consumeAll(
                    broker.bootstrapServers(), topic, 300, Map.of());
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(Clients.values(300));

            // Metadata changes still work after the restart.
            admin.createTopics(List.of(new NewTopic("after-restart", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // Created means committed by the controller; the broker's metadata cache may list it a moment later.
            await("the new topic listed").atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                            .contains(topic, "after-restart"));
        }
    }

    @Test
    void aSecondBrokerOnARunningDataDirFailsWithAClearMessage() {
        try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start()) {
            EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir));
            assertThatThrownBy(second::start)
                    .isInstanceOf(KafkaLocalException.class)
                    .hasMessageContaining("in use by another running broker");
            assertThat(second.isRunning()).isFalse();
            assertThat(first.isRunning()).isTrue();
            Clients.produce(first.bootstrapServers(), createTopic(first, "still-works"), 1);
        }
        // The failed attempt did not keep the lock: the directory starts again.
        try (EmbeddedKafkaBroker again = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start()) {
            assertThat(again.isRunning()).isTrue();
        }
    }

    @Test
    void aTakenConfiguredPortFailsWithTheReasonAndLeavesTheDataDirUsable() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int taken = squatter.getLocalPort();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir).withPort(taken));

            assertThatThrownBy(broker::start)
                    .isInstanceOf(KafkaLocalException.class)
                    .hasMessageContaining("127.0.0.1:" + taken)
                    .hasMessageContaining("Address already in use");
            assertThat(broker.isRunning()).isFalse();
        }
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start()) {
            assertThat(broker.isRunning()).isTrue();
        }
    }

    @Test
    void extraBrokerPropertiesOverrideTheDefaults() throws Exception {
        KafkaLocalConfig config = KafkaLocalConfig.of(dataDir).withBrokerProperty("num.partitions", "4");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config).start();
                Admin admin = Admin.create(Clients.base(broker.bootstrapServers()))) {
            // No partition count given: the broker's num.partitions applies.
            admin.createTopics(List.of(new NewTopic("default-partitions", Optional.empty(), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            TopicDescription description = admin.describeTopics(List.of("default-partitions")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("default-partitions");
            assertThat(description.partitions()).hasSize(4);
        }
    }

    private static String createTopic(EmbeddedKafkaBroker broker, String name) {
        try (Admin admin = Admin.create(Clients.base(broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            KafkaTopics.awaitLeaders(admin, List.of(name), java.time.Duration.ofSeconds(30));
            return name;
        } catch (Exception e) {
            throw new AssertionError("cannot create topic " + name, e);
        }
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> KafkaLocalConfig.of(dataDir).withPort(70_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaLocalConfig.of(dataDir).withReadyTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(KafkaLocalConfig.of(dataDir).withLogLevel(" ").logLevel()).isEqualTo("WARN");
    }
}
