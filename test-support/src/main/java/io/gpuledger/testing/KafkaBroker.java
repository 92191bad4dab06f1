package io.gpuledger.testing;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka broker a test runs against, injected by {@link KafkaBrokerExtension}. One broker serves the whole test
 * JVM, so every test creates its own topics with {@link #uniqueTopicName(String)}.
 */
public interface KafkaBroker {

    /** Which kind of broker runs. */
    enum Kind {
        /** A Testcontainers {@code KafkaContainer} (apache/kafka image): Docker was available. */
        TESTCONTAINERS,
        /** The in-JVM KRaft broker of module kafka-local: no Docker engine. */
        EMBEDDED
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    Kind kind();

    /** One line for logs and reports, e.g. "embedded KRaft broker 4.4.0 at 127.0.0.1:40123". */
    String description();

    /** {@code bootstrap.servers} alone, to start a client's configuration from. */
    default Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    /** A new Admin client on this broker; the caller closes it. */
    Admin newAdmin();

    /** A topic name no other test in this JVM uses: {@code prefix-N-random}. */
    String uniqueTopicName(String prefix);

    /** Creates a topic with one replica and waits until the broker knows it; returns {@code name}. */
    default String createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with one replica and the given topic configs; returns {@code name}. */
    String createTopic(String name, int partitions, Map<String, String> topicConfigs);
}
