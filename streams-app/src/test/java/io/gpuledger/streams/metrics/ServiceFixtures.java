package io.gpuledger.streams.metrics;

import io.gpuledger.streams.app.ServiceLauncher;
import io.gpuledger.streams.http.HttpFixtures;
import io.gpuledger.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.Map;

/** A real instance for the metrics tests: the HTTP tests' service, its Prometheus clock in a named zone. */
final class ServiceFixtures {

    private ServiceFixtures() {
    }

    static ServiceLauncher.Instance start(KafkaBroker kafka, String topic, String applicationId, Path dir,
                                          int partitions) {
        return HttpFixtures.start(HttpFixtures.config(kafka, topic, applicationId, dir, partitions,
                Map.of("collector-zone", "America/Chicago")));
    }
}
