package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as started with {@code --web-config}: given its users and token, when each asks over HTTP, then health
 * answers anyone, reports need a viewer, metrics a metrics holder, replays an admin; and without a web configuration
 * on loopback everything answers as before.
 */
@WithKafka
class AccessControlHttpIT {

    @TempDir
    Path dir;

    @Test
    void theRunningServiceAsksForCredentialsAndHonoursRoles(KafkaBroker kafka) throws Exception {
        Path webConfig = WebUsers.write(dir);
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("access"), 1);
        try (ServiceLauncher.Instance instance = HttpFixtures.start(HttpFixtures.config(kafka, topic,
                "access-" + topic, dir.resolve("service"), 1, Map.of("web-config", webConfig.toString())))) {
            String base = instance.baseUrl();
            String viewer = WebUsers.basic(WebUsers.VIEWER, WebUsers.PASSWORD);
            String admin = WebUsers.basic(WebUsers.ADMIN, WebUsers.PASSWORD);

            assertThat(HttpFixtures.get(base, "/health/live").status()).isEqualTo(200);
            HttpFixtures.Answer anonymous = HttpFixtures.get(base, "/api/v1/report?hours-back=24");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers().get("www-authenticate")).contains("Basic realm=\"gpuledger\"");
            assertThat(HttpFixtures.get(base, "/api/v1/report?hours-back=24",
                    Map.of("Authorization", viewer)).status()).isNotIn(401, 403);
            assertThat(HttpFixtures.get(base, "/metrics", Map.of("Authorization", viewer)).status()).isEqualTo(403);
            assertThat(HttpFixtures.get(base, "/metrics", Map.of("Authorization", WebUsers.bearer(WebUsers.TOKEN)))
                    .status()).isEqualTo(200);
            assertThat(HttpFixtures.get(base, "/api/v1/replays", Map.of("Authorization", viewer)).status())
                    .isEqualTo(403);
            assertThat(HttpFixtures.get(base, "/api/v1/replays", Map.of("Authorization", admin)).status())
                    .isEqualTo(200);
            HttpFixtures.Answer wrong = HttpFixtures.get(base, "/api/v1/report?hours-back=24",
                    Map.of("Authorization", WebUsers.basic(WebUsers.VIEWER, "wrong")));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("wrong\"").doesNotContain(WebUsers.PASSWORD);

            String metrics = HttpFixtures.get(base, "/metrics", Map.of("Authorization", admin)).body();
            assertThat(metrics).containsPattern(
                    "gpuledger_http_auth_failures_total\\{reason=\"bad_credentials\"[^}]*} 2\\.0");
        }
    }

    @Test
    void withoutAWebConfigurationOnLoopbackEveryRouteAnswersAsBefore(KafkaBroker kafka) throws Exception {
        String topic = HttpFixtures.createSnapshotTopic(kafka, kafka.uniqueTopicName("open"), 1);
        try (ServiceLauncher.Instance instance = HttpFixtures.start(HttpFixtures.config(kafka, topic,
                "open-" + topic, dir.resolve("service"), 1, Map.of()))) {
            assertThat(HttpFixtures.get(instance.baseUrl(), "/metrics").status()).isEqualTo(200);
            assertThat(HttpFixtures.get(instance.baseUrl(), "/api/v1/replays").status()).isEqualTo(200);
        }
    }
}
