package io.gpuledger.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker whose client port needs SASL/SCRAM-SHA-512: its account gets in, a wrong password and no SASL do not. */
class ScramListenerIT {

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir).withScramUser("ledger", "right-pw")).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theAccountCreatedAtFormatTimeCreatesATopicAndRoundTripsRecords() throws Exception {
        Map<String, Object> config = new HashMap<>(Clients.base(broker.bootstrapServers()));
        config.putAll(broker.clientProperties());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(java.util.List.of(new NewTopic("secured", 1, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("secured");
        }
        assertThat(broker.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void aWrongPasswordFailsWithAnAuthenticationErrorNotATimeout() {
        Map<String, Object> config = new HashMap<>(Clients.base(broker.bootstrapServers()));
        config.putAll(EmbeddedKafkaBroker.scramClientProperties("ledger", "wrong-pw"));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed");
        }
    }

    @Test
    void theConfigNeverPrintsThePassword() {
        assertThat(broker.config().toString()).doesNotContain("right-pw");
    }
}
