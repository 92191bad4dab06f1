package io.gpuledger.kafka.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one {@link EmbeddedKafkaBroker}.
 *
 * @param dataDir          where the broker keeps its metadata and topic logs; formatted on first start, reused after
 * @param port             the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param brokerProperties extra broker settings (Kafka property names); they override the defaults of this module
 * @param logLevel         level for the broker's own loggers (kafka, org.apache.kafka server packages,
 *                         state.change.logger), e.g. {@code WARN}; a level set in the application's Logback
 *                         configuration wins
 * @param readyTimeout     bounded wait for the broker to answer a stock Admin client after start
 * @param scramUser        null for a PLAINTEXT client port; else the client port is SASL_PLAINTEXT with
 *                         SCRAM-SHA-512 and this user is its only account (created when the data directory is
 *                         formatted, as {@code kafka-storage format --add-scram} does)
 */
public record KafkaLocalConfig(Path dataDir, int port, Map<String, String> brokerProperties, String logLevel,
        Duration readyTimeout, ScramUser scramUser) {

    /** A SCRAM-SHA-512 account of the broker; {@code toString} hides the password. */
    public record ScramUser(String name, String password) {
        public ScramUser {
            if (name == null || name.isBlank() || name.contains(",") || name.contains("=")) {
                throw new IllegalArgumentException("SCRAM user name must be non-blank without ',' or '='");
            }
            if (password == null || password.isEmpty() || password.contains(",") || password.contains("]")
                    || password.contains("\"")) {
                throw new IllegalArgumentException("SCRAM password must be non-empty without ',', ']' or '\"'");
            }
        }

        @Override
        public String toString() {
            return "ScramUser[" + name + ", password=(secret)]";
        }
    }

    public static final String DEFAULT_LOG_LEVEL = "WARN";
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    public KafkaLocalConfig(Path dataDir, int port, Map<String, String> brokerProperties, String logLevel,
            Duration readyTimeout) {
        this(dataDir, port, brokerProperties, logLevel, readyTimeout, null);
    }

    public KafkaLocalConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (free port) or 1-65535, got " + port);
        }
        brokerProperties = Map.copyOf(brokerProperties);
        logLevel = logLevel == null || logLevel.isBlank() ? DEFAULT_LOG_LEVEL : logLevel.trim();
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout must be positive, got " + readyTimeout);
        }
    }

    /** A broker keeping its data in {@code dataDir}, on a free port, with the defaults of this module. */
    public static KafkaLocalConfig of(Path dataDir) {
        return new KafkaLocalConfig(dataDir, 0, Map.of(), DEFAULT_LOG_LEVEL, DEFAULT_READY_TIMEOUT, null);
    }

    /** The same broker with a SASL/SCRAM-SHA-512 client port whose one account is {@code name}/{@code password}. */
    public KafkaLocalConfig withScramUser(String name, String password) {
        return new KafkaLocalConfig(dataDir, port, brokerProperties, logLevel, readyTimeout,
                new ScramUser(name, password));
    }

    public KafkaLocalConfig withPort(int newPort) {
        return new KafkaLocalConfig(dataDir, newPort, brokerProperties, logLevel, readyTimeout, scramUser);
    }

    public KafkaLocalConfig withBrokerProperty(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(brokerProperties);
        merged.put(name, value);
        return new KafkaLocalConfig(dataDir, port, merged, logLevel, readyTimeout, scramUser);
    }

    public KafkaLocalConfig withLogLevel(String newLogLevel) {
        return new KafkaLocalConfig(dataDir, port, brokerProperties, newLogLevel, readyTimeout, scramUser);
    }

    public KafkaLocalConfig withReadyTimeout(Duration newReadyTimeout) {
        return new KafkaLocalConfig(dataDir, port, brokerProperties, logLevel, newReadyTimeout, scramUser);
    }
}
