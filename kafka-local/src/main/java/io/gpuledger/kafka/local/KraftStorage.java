package io.gpuledger.kafka.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the broker's log directory the way {@code kafka-storage.sh format --standalone} does: a new cluster id,
 * meta.properties, and a bootstrap snapshot whose voter set is this one node (a dynamic KRaft quorum of one).
 */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    /** Kafka writes meta.properties last when formatting, so its presence means a usable, formatted directory. */
    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
    }

    /** Formats {@code logDir} (with {@code scramUser}'s SCRAM-SHA-512 credential when not null) for a single combined broker+controller node; returns the new cluster id. */
    static String formatStandalone(KafkaConfig config, Path logDir, String controllerHost, int controllerPort,
            KafkaLocalConfig.ScramUser scramUser) {
        String clusterId = Uuid.randomUuid().toString();
        // The voter's directory id is new here; Formatter writes it into the metadata log directory's
        // meta.properties, which is how the node recognises itself as that voter on every later start.
        DynamicVoters standaloneVoter = DynamicVoters.parse(
                config.nodeId() + "@" + controllerHost + ":" + controllerPort + ":" + Uuid.randomUuid());
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(formatterOutput, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setWriteBootstrapSnapshot(true)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(false)
                    .setControllerListenerName(config.controllerListenerNames().get(0))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setHasDynamicQuorum(true)
                    .setInitialControllers(standaloneVoter)
                    .addDirectory(logDir.toString())
                    // KRaft keeps SCRAM credentials in the metadata log: the bootstrap records create the account
                    // before any client (or the broker itself) has to authenticate.
                    .setScramArguments(scramUser == null ? java.util.List.of() : java.util.List.of(
                            "SCRAM-SHA-512=[name=" + scramUser.name() + ",password=" + scramUser.password() + "]"))
                    .run();
        } catch (Exception e) {
            throw new KafkaLocalException("could not format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        LOG.debug("Kafka storage tool: {}", formatterOutput.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }
}
