package io.gpuledger.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version of the Kafka jars from the file kafka-clients ships for its own version reporting. */
final class KafkaVersion {

    private KafkaVersion() {
    }

    static String read() {
        // The class that used to expose this (AppInfoParser) moved to an internals package in Kafka 4.x.
        try (InputStream in = org.apache.kafka.clients.admin.Admin.class
                .getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
