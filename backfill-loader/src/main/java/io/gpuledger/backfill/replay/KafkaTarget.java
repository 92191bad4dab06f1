package io.gpuledger.backfill.replay;

import io.gpuledger.backfill.LoaderException;
import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.topic.SnapshotTopic;
import io.gpuledger.ingest.topic.SnapshotTopicException;
import io.gpuledger.ingest.topic.TopicInfo;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/**
 * The cluster and topic a replay writes to, as found before the first record: the cluster id (checkpoints belong to
 * one cluster), the topic (created or checked) and its latest record time (the late-row guard).
 *
 * @param clusterId          the cluster's id
 * @param topic              the topic, ready for writing
 * @param latestRecordMillis the greatest record timestamp in the topic, or empty for an empty topic
 */
record KafkaTarget(String clusterId, TopicInfo topic, OptionalLong latestRecordMillis) {

    /** Connecting and setting up the topic: at most this long, or the delivery timeout when it is shorter. */
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    static KafkaTarget connect(LoaderSettings settings) {
        Duration timeout = settings.deliveryTimeout().compareTo(SETUP_TIMEOUT) < 0 ? settings.deliveryTimeout()
                : SETUP_TIMEOUT;
        String where = "Kafka at " + settings.bootstrapServers();
        Admin admin;
        try {
            admin = Admin.create(ProducerSettings.admin(settings.bootstrapServers(), timeout,
                    settings.clientProperties()));
        } catch (KafkaException e) {
            throw new LoaderException(LoaderException.Reason.DELIVERY, "cannot connect to " + where + ": "
                    + CliSupport.oneLine(e), e);
        }
        try (admin) {
            String clusterId;
            try {
                clusterId = admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                java.util.Optional<String> login = io.gpuledger.ingest.settings.KafkaLoginFailure.describe(e, where);
                if (login.isPresent()) {
                    throw new LoaderException(LoaderException.Reason.DELIVERY, login.get(), e);
                }
                throw new LoaderException(LoaderException.Reason.DELIVERY, "cannot reach " + where + " within "
                        + timeout.toSeconds() + " s: " + CliSupport.oneLine(e), e);
            }
            TopicInfo topic = SnapshotTopic.ensure(admin, settings.topic(), settings.partitions(),
                    settings.replicationFactor(), settings.force(), timeout);
            OptionalLong latest = SnapshotTopic.latestRecordTimestamp(admin, settings.topic(), timeout);
            return new KafkaTarget(clusterId, topic, latest);
        } catch (SnapshotTopicException e) {
            throw new LoaderException(LoaderException.Reason.TOPIC, e.getMessage()
                    + (e.deletesHistory() ? " (--force)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoaderException(LoaderException.Reason.INTERRUPTED, "interrupted while connecting to "
                    + where, e);
        }
    }
}
