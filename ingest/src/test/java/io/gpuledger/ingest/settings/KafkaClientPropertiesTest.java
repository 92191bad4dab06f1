package io.gpuledger.ingest.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    static final SettingsTable TABLE = SettingsTable.of("example",
            List.of(CommonSettings.BOOTSTRAP_SERVERS, CommonSettings.CLIENT_PROPERTY,
                    CommonSettings.CLIENT_PROPERTIES_FILE));

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"ledger\" password=\"s3cr3t-pw\";";

    @Test
    void aFlagWinsOverTheSameNameInThePropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        SettingValues values = TABLE.load(Map.of("client-properties-file", List.of(file.toString()),
                "client-property", List.of("security.protocol=SASL_PLAINTEXT")), Map.of());

        assertThat(CommonSettings.kafkaClientProperties(values))
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("config.providers");
    }

    @Test
    void secretReferencesTurnOnKafkasFileAndEnvironmentProviders(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "jaas=" + JAAS.replace("\"", "\\\"") + "\n");
        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, "sasl.jaas.config=${file:" + secrets.toString().replace("\\", "/") + ":jaas}\n"
                + "ssl.truststore.password=${env:HOME}\n");

        Map<String, String> properties = KafkaClientProperties.resolve(file, Map.of());

        assertThat(properties).containsEntry("config.providers", "file,env")
                .containsEntry("config.providers.file.class", KafkaClientProperties.FILE_PROVIDER)
                .containsEntry("config.providers.env.class", KafkaClientProperties.ENV_PROVIDER);
        // The Kafka client itself resolves the reference: the program never held the password.
        Map<String, Object> producer = new java.util.HashMap<>(properties);
        producer.put("bootstrap.servers", "127.0.0.1:9");
        producer.put("key.serializer", StringSerializer.class.getName());
        producer.put("value.serializer", StringSerializer.class.getName());
        ProducerConfig resolved = new ProducerConfig(producer);
        assertThat(resolved.getPassword("sasl.jaas.config")).isEqualTo(new Password(JAAS));
        assertThat(resolved.getPassword("ssl.truststore.password").value()).isEqualTo(System.getenv("HOME"));
    }

    @Test
    void theStartupLineNeverShowsTheValueOfASecretName() {
        SettingValues values = TABLE.load(Map.of("client-property", List.of("sasl.jaas.config=" + JAAS,
                "ssl.keystore.password=ks-pw", "ssl.key.password=key-pw", "security.protocol=SASL_SSL")), Map.of());

        String line = values.describeOnOneLine();

        assertThat(line).contains("security.protocol=SASL_SSL", "sasl.jaas.config=(secret)",
                "ssl.keystore.password=(secret)", "ssl.key.password=(secret)");
        assertThat(line).doesNotContain("s3cr3t-pw", "ks-pw", "key-pw");
        assertThat(KafkaClientProperties.describe(CommonSettings.kafkaClientProperties(values)))
                .doesNotContain("s3cr3t-pw", "ks-pw", "key-pw");
    }

    @Test
    void aMissingPropertiesFileIsOneLineNamingTheSettingAndTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> KafkaClientProperties.resolve(missing, Map.of()))
                .isInstanceOf(SettingException.class)
                .hasMessage("--client-properties-file: no such file " + missing);
    }
}
