package io.gpuledger.streams.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.ingest.live.LiveMetrics;
import io.gpuledger.ingest.live.LiveRun;
import io.gpuledger.ingest.live.LiveSettings;
import io.gpuledger.ingest.live.SnapshotPublisher;
import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.testing.ScramClientFiles;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path and the service against a broker that needs SASL/SCRAM-SHA-512, configured as an operator would: one
 * client properties file for both programs, the password in a secrets file it names ({@code ${file:...}}). Given the
 * example collection published by {@code ingest live}, the service's report counts its rows, and neither program's
 * printed settings show the password.
 */
class SecuredKafkaIT {

    private static final String PASSWORD = "scram-pw-41c7";

    @TempDir
    static Path shared;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker(KafkaLocalConfig.of(shared.resolve("kafka"))
                .withScramUser("ledger", PASSWORD)).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void liveCollectionsReachTheServiceOverScram() throws Exception {
        Path properties = ScramClientFiles.write(shared, "ledger", PASSWORD);
        String topic = "secured-live";

        Map<String, String> serviceFlags = new LinkedHashMap<>();
        serviceFlags.put("bootstrap-servers", broker.bootstrapServers());
        serviceFlags.put("client-properties-file", properties.toString());
        serviceFlags.put("data-dir", shared.resolve("service").toString());
        serviceFlags.put("application-id", "secured-live");
        serviceFlags.put("topic", topic);
        serviceFlags.put("partitions", "2");
        serviceFlags.put("http-port", "0");
        serviceFlags.put("collector-zone", "UTC");
        serviceFlags.put("commit-interval-ms", "200");
        String serviceSettings = StreamsAppConfig.TABLE.load(serviceFlags).describeOnOneLine();
        assertThat(serviceSettings).doesNotContain(PASSWORD);

        try (ServiceLauncher.Instance instance = HttpFixtures.start(StreamsAppConfig.of(serviceFlags))) {
            HttpFixtures.awaitReady(instance.baseUrl(), Duration.ofMinutes(2));

            Map<String, String> liveFlags = new LinkedHashMap<>();
            liveFlags.put("bootstrap-servers", broker.bootstrapServers());
            liveFlags.put("client-properties-file", properties.toString());
            liveFlags.put("topic", topic);
            liveFlags.put("partitions", "2");
            liveFlags.put("collector-zone", "UTC");
            liveFlags.put("metrics-port", "-1");
            liveFlags.put("collected-at", "2026-12-07 10:05:16.123456");
            assertThat(LiveSettings.TABLE.load(liveFlags).describeOnOneLine()).doesNotContain(PASSWORD);
            LiveSettings live = LiveSettings.from(LiveSettings.TABLE.load(liveFlags));
            try (LiveRun run = new LiveRun(live, SnapshotPublisher.connect(live), new LiveMetrics(),
                    Clock.systemUTC(), new PrintWriter(new StringWriter()))) {
                assertThat(run.readStream("pool-collection.json", new StringReader(ads()))).isTrue();
            }

            await("the collection's 16 rows in the report").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        HttpFixtures.Answer answer = HttpFixtures.get(instance.baseUrl(),
                                "/api/v1/report?hours-back=24");
                        return answer.status() == 200 && answer.json().at("/metadata/total_records").asLong() == 16;
                    });
        }
    }

    private static String ads() throws Exception {
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                SecuredKafkaIT.class.getResourceAsStream("/live/pool-collection.json")), StandardCharsets.UTF_8)) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        }
    }
}
