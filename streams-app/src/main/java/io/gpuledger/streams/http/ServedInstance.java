package io.gpuledger.streams.http;

import io.gpuledger.ingest.topic.TopicInfo;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.query.LocalStores;
import io.gpuledger.streams.query.RollupSummaries;
import io.gpuledger.streams.replay.Replays;
import io.gpuledger.streams.report.Completeness;
import io.gpuledger.streams.window.QueryConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the HTTP API needs of a started instance, and nothing more: {@code app} wires the service and hands it over
 * as this, so {@code http} never depends on {@code app} (which depends on {@code http}).
 */
public interface ServedInstance {

    /** {@code host:port} this instance advertises to the others; null until started. */
    String applicationServer();

    StreamsAppConfig config();

    KafkaStreams streams();

    Admin admin();

    LocalStores stores();

    RollupSummaries summaries();

    QueryConfig defaultQueryConfig();

    /** The snapshot topic as the service found or made it. */
    TopicInfo topic();

    /** Ready means complete: stores restored and processing caught up (rules: readiness). */
    boolean isReady();

    /** Why not ready, for the 503. */
    String notReadyReason();

    /** Whether numbers can be complete now, for the reports' partial flag. */
    Completeness completeness();

    /** Replays asked for over HTTP. */
    Replays replays();
}
