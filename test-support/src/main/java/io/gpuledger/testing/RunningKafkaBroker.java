package io.gpuledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** The one broker of a test JVM: either kind, closed by JUnit when the whole run ends. */
final class RunningKafkaBroker implements KafkaBroker, AutoCloseable {

    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final Kind kind;
    private final String description;
    private final String bootstrapServers;
    private final AutoCloseable server;
    private final Path dataDirToDelete;
    private final AtomicInteger topicCounter = new AtomicInteger();
    private Admin admin;

    RunningKafkaBroker(Kind kind, String description, String bootstrapServers, AutoCloseable server,
            Path dataDirToDelete) {
        this.kind = kind;
        this.description = description;
        this.bootstrapServers = bootstrapServers;
        this.server = server;
        this.dataDirToDelete = dataDirToDelete;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Admin newAdmin() {
        return Admin.create(clientConfig());
    }

    @Override
    public String uniqueTopicName(String prefix) {
        return prefix + "-" + topicCounter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of((short) 1)).configs(topicConfigs);
        try {
            sharedAdmin().createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // Described leaders may not serve yet: wait until each answers for its partition.
            io.gpuledger.kafka.local.KafkaTopics.awaitLeaders(sharedAdmin(), List.of(name),
                    java.time.Duration.ofSeconds(ADMIN_TIMEOUT_SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + " on " + description, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
        return name;
    }

    private synchronized Admin sharedAdmin() {
        if (admin == null) {
            admin = newAdmin();
        }
        return admin;
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            server.close();
            if (dataDirToDelete != null) {
                deleteRecursively(dataDirToDelete);
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete test broker data in " + dir, e);
        }
    }
}
