package io.gpuledger.streams.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The send ledger in a compacted, single-partition Kafka topic, shared by every instance of one application id:
 * the record order of that one partition decides, identically for every instance, which claim of a firing won.
 *
 * <p>Records are keyed {@code <kind>/claim} and {@code <kind>/sent}, so compaction keeps the latest of each: enough
 * to tell, after any restart, what was sent and whether a claim is still live. Values are
 * {@code <firing-ms> <claim-id> <claimed-at-ms> <lease-until-ms>} for a claim and
 * {@code <firing-ms> <claim-id> delivered|given-up} for an outcome.
 *
 * <p>A claim is accepted when nothing at or after its firing is already sent, and no earlier claim of such a firing
 * is still within its lease when this one was made. The lease covers the whole retry time of one send; a sender that
 * dies before settling lets its claim lapse, and the next pass (of any instance) sends the firing.
 */
public final class KafkaSendLedger implements SendLedger, AutoCloseable {

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    /** What the partition's records, read in order, say about one report kind. */
    private static final class KindState {
        Instant sent;
        Instant claimedFiring;
        Instant leaseUntil;
    }

    private final String topic;
    private final TopicPartition partition;
    private final Duration lease;
    private final Clock clock;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Map<ReportKind, KindState> states = new EnumMap<>(ReportKind.class);
    private final Set<String> acceptedClaims = new HashSet<>();

    /**
     * @param clientConfig bootstrap servers and the service's client properties (security)
     * @param lease        how long a claim holds before it lapses: at least the retry time of one send
     */
    public KafkaSendLedger(Map<String, Object> clientConfig, String topic, Duration lease, Clock clock) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.lease = lease;
        this.clock = clock;
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) IO_TIMEOUT.toMillis());
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) IO_TIMEOUT.toMillis() / 2);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, IO_TIMEOUT.toMillis());
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** The ledger's topic of {@code applicationId}. */
    public static String topicName(String applicationId) {
        return applicationId + "-email-sends";
    }

    /** Creates the topic (one partition, compacted) unless it exists. */
    public static void ensureTopic(Admin admin, String topic, int replicationFactor) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(1),
                replicationFactor < 1 ? Optional.empty() : Optional.of((short) replicationFactor))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the e-mail ledger topic " + topic + ": "
                        + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the e-mail ledger topic " + topic + " was not created within "
                    + IO_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + topic, e);
        }
    }

    @Override
    public synchronized Optional<Instant> lastSentFiring(ReportKind kind) {
        readToEnd();
        KindState state = states.get(kind);
        if (state == null) {
            return Optional.empty();
        }
        Instant latest = state.sent;
        if (state.claimedFiring != null && state.leaseUntil.isAfter(clock.instant())
                && (latest == null || state.claimedFiring.isAfter(latest))) {
            latest = state.claimedFiring;
        }
        return Optional.ofNullable(latest);
    }

    @Override
    public synchronized boolean claim(ReportKind kind, Instant firing) {
        readToEnd();
        Instant now = clock.instant();
        String claimId = UUID.randomUUID().toString();
        String value = firing.toEpochMilli() + " " + claimId + " " + now.toEpochMilli() + " "
                + now.plus(lease).toEpochMilli();
        long offset = send(kind.key() + "/claim", value);
        readThrough(offset);
        return acceptedClaims.contains(claimId);
    }

    @Override
    public synchronized void settle(ReportKind kind, Instant firing, boolean delivered) {
        send(kind.key() + "/sent", firing.toEpochMilli() + " - " + (delivered ? "delivered" : "given-up"));
    }

    private long send(String key, String value) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, 0, key, value))
                    .get(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return written.offset();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to the e-mail ledger " + topic + ": "
                    + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the e-mail ledger " + topic + " did not take a record within "
                    + IO_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing to " + topic, e);
        }
    }

    private void readToEnd() {
        long end = consumer.endOffsets(List.of(partition), IO_TIMEOUT).get(partition);
        readThrough(end - 1);
    }

    /** Applies every record up to and including {@code offset}, in partition order. */
    private void readThrough(long offset) {
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        while (consumer.position(partition, IO_TIMEOUT) <= offset) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the e-mail ledger " + topic + " could not be read within "
                        + IO_TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                apply(record.key(), record.value());
            }
        }
    }

    private void apply(String key, String value) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 0 || value == null) {
            return;
        }
        ReportKind kind;
        try {
            kind = ReportKind.valueOf(key.substring(0, slash).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return;
        }
        String[] fields = value.split(" ");
        KindState state = states.computeIfAbsent(kind, k -> new KindState());
        Instant firing = Instant.ofEpochMilli(Long.parseLong(fields[0]));
        if (key.endsWith("/sent")) {
            if (state.sent == null || firing.isAfter(state.sent)) {
                state.sent = firing;
            }
            return;
        }
        Instant claimedAt = Instant.ofEpochMilli(Long.parseLong(fields[2]));
        boolean alreadySent = state.sent != null && !state.sent.isBefore(firing);
        boolean heldByAnother = state.claimedFiring != null && !state.claimedFiring.isBefore(firing)
                && state.leaseUntil.isAfter(claimedAt);
        if (!alreadySent && !heldByAnother) {
            state.claimedFiring = firing;
            state.leaseUntil = Instant.ofEpochMilli(Long.parseLong(fields[3]));
            acceptedClaims.add(fields[1]);
        }
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
