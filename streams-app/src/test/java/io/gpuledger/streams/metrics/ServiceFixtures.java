package io.gpuledger.streams.metrics;

import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.HostSnapshotJson;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.config.ConfigLoader;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.testing.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real instances on the test broker, a plain HTTP client, snapshots produced as the loader does. */
final class ServiceFixtures {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ServiceFixtures() {
    }

    /** An HTTP answer. */
    record Answer(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    static ServiceLauncher.Instance start(KafkaBroker kafka, String topic, String applicationId, Path dir,
                                          int partitions) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap-servers", kafka.bootstrapServers());
        flags.put("data-dir", dir.toString());
        flags.put("application-id", applicationId);
        flags.put("http-port", "0");
        flags.put("bind", "127.0.0.1");
        flags.put("topic", topic);
        flags.put("partitions", String.valueOf(partitions));
        flags.put("commit-interval-ms", "200");
        flags.put("collector-zone", "America/Chicago");
        StreamsAppConfig config = new ConfigLoader(flags, Map.of(), null).load();
        try {
            return ServiceLauncher.start(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void produce(KafkaBroker kafka, String topic, Collection<HostSnapshot> snapshots) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (HostSnapshot snapshot : snapshots) {
                producer.send(new ProducerRecord<>(topic, null, SnapshotTime.toRecordMillis(snapshot.timestamp()),
                        snapshot.machine(), HostSnapshotJson.toBytes(snapshot)));
            }
            producer.flush();
        }
    }

    static Answer get(String baseUrl, String pathAndQuery) {
        return get(baseUrl, pathAndQuery, Map.of());
    }

    static Answer get(String baseUrl, String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/$", "") + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
