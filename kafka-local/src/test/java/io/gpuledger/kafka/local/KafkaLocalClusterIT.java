package io.gpuledger.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three nodes, replication factor 3, min ISR 2: one node down at a time loses no acknowledged write. */
class KafkaLocalClusterIT {

    @TempDir
    Path dataDir;

    @Test
    void writesAcknowledgedWithOneNodeDownSurviveTheLossOfAnotherNode() throws Exception {
        try (KafkaLocalCluster cluster = new KafkaLocalCluster(dataDir, Duration.ofSeconds(90)).start()) {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Clients.base(bootstrap))) {
                admin.createTopics(List.of(new NewTopic("replicated", 3, (short) 3))).all().get();
                assertThat(admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated")
                        .partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }

            // Given node 2 is down, when 1,000 records are produced with acks=all (2 of 3 replicas acknowledge)
            cluster.stopNode(1);
            assertThat(cluster.runningNodes()).isEqualTo(2);
            Clients.produce(bootstrap, "replicated", 1_000);

            // then with node 2 back and node 1 down, every record is still there.
            cluster.startNode(1);
            cluster.stopNode(0);
            List<ConsumerRecord<String, String>> records = Clients.consumeAll(bootstrap, "replicated", 1_000, Map.of());
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(Clients.values(1_000));
        }
    }
}
