package io.gpuledger.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stock producers, consumers and Admin against one embedded broker. */
class EmbeddedKafkaBrokerClientsIT {

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
        admin = Admin.create(Clients.base(broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void idempotentProducerWithAcksAllRoundTripsThroughSeveralPartitions() throws Exception {
        String topic = createTopic("idempotent", 4);
        Clients.produce(broker.bootstrapServers(), topic, 2_000);

        List<ConsumerRecord<String, String>> records = Clients.consumeAll(
                broker.bootstrapServers(), topic, 2_000, Map.of());

        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(Clients.values(2_000));
        Set<Integer> partitions = records.stream().map(ConsumerRecord::partition).collect(Collectors.toSet());
        assertThat(partitions).as("16 keys spread over 4 partitions").hasSizeGreaterThan(1);
        // Same key, same partition: what keeps a machine's snapshots in order.
        Map<String, Set<Integer>> partitionsByKey = records.stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
        assertThat(partitionsByKey.values()).allSatisfy(p -> assertThat(p).hasSize(1));
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        String topic = createTopic("transactions", 3);
        Map<String, Object> config = Clients.idempotentProducerConfig(broker.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafka-local-test-" + topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();

            producer.beginTransaction();
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "committed-" + i));
            }
            producer.commitTransaction();

            producer.beginTransaction();
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "aborted-" + i));
            }
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key-last", "committed-last"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> committed = Clients.consumeAll(broker.bootstrapServers(), topic, 51,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        assertThat(committed).extracting(ConsumerRecord::value)
                .hasSize(51)
                .allMatch(value -> value.startsWith("committed-"));

        // The aborted records were written all the same: a read_uncommitted consumer sees them.
        List<ConsumerRecord<String, String>> everything = Clients.consumeAll(broker.bootstrapServers(), topic, 71,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"));
        assertThat(everything).extracting(ConsumerRecord::value).filteredOn(v -> v.startsWith("aborted-"))
                .hasSize(20);
    }

    @Test
    void topicsAreNotCreatedByProducing() throws Exception {
        Map<String, Object> config = new HashMap<>(Clients.idempotentProducerConfig(broker.bootstrapServers()));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "k", "v"))
                    .get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(TimeoutException.class, ExecutionException.class);
        }
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("never-created");
    }

    @Test
    void internalTopicsHaveOneReplica() throws Exception {
        // A consumer group and a transaction above (or here) create both internal topics; with one broker they
        // can only exist with replication factor 1.
        String topic = createTopic("internal", 1);
        Clients.produce(broker.bootstrapServers(), topic, 1);
        Clients.consumeAll(broker.bootstrapServers(), topic, 1, Map.of());
        var descriptions = admin.describeTopics(List.of("__consumer_offsets")).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        assertThat(descriptions.get("__consumer_offsets").partitions())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
    }

    private static String createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        KafkaTopics.awaitLeaders(admin, List.of(name), java.time.Duration.ofSeconds(30));
        return name;
    }
}
