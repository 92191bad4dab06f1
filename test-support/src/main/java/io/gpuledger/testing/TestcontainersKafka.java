package io.gpuledger.testing;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Docker path of {@link KafkaBrokerExtension}. Kept in its own class so that Testcontainers is not even loaded
 * (and logs nothing) where the probe found no Docker engine.
 */
final class TestcontainersKafka implements AutoCloseable {

    private final KafkaContainer container;
    private final String image;

    private TestcontainersKafka(KafkaContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static TestcontainersKafka start(String image) {
        // Same broker behaviour as the embedded broker: topics are created explicitly and a consumer group's
        // first generation starts at once.
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withStartupTimeout(Duration.ofMinutes(2));
        container.start();
        return new TestcontainersKafka(container, image);
    }

    String bootstrapServers() {
        return container.getBootstrapServers();
    }

    String image() {
        return image;
    }

    @Override
    public void close() {
        container.stop();
    }
}
