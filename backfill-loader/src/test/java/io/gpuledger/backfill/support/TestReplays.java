package io.gpuledger.backfill.support;

import io.gpuledger.backfill.LoaderSettings;
import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;

/** The replay most broker tests run: a directory into a topic of two partitions, checkpoints in the test's folder. */
public final class TestReplays {

    private TestReplays() {
    }

    public static LoaderSettings settings(KafkaBroker kafka, Path dbDir, String topic, Path work) {
        return LoaderSettings.of(dbDir)
                .with(LoaderSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(CommonSettings.TOPIC, topic)
                .with(CommonSettings.PARTITIONS, 2)
                .with(LoaderSettings.CHECKPOINT_DIR, work.resolve("checkpoints"))
                .with(LoaderSettings.DELIVERY_TIMEOUT, Duration.ofSeconds(30));
    }
}
