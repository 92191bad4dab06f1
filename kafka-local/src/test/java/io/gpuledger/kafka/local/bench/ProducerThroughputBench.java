package io.gpuledger.kafka.local.bench;

import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A quick producer throughput figure against the local broker (a command, not a test; run by
 * deploy/kafka-local/bench-producer.sh). Either against a running broker ({@code --bootstrap-servers}) or against an
 * embedded one started in this JVM ({@code --embedded-data-dir}), which also times its cold start and shutdown.
 *
 * <p>Records: keys are 1,000 machine names, values ~JSON text of {@code --record-size} bytes with random numbers
 * (they compress the way snapshot records do, not like random bytes). Producer: idempotent, acks=all, lz4,
 * linger.ms=10, batch.size=256 KiB.
 */
public final class ProducerThroughputBench {

    private ProducerThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        long records = Long.parseLong(options.getOrDefault("--records", "1000000"));
        int recordSize = Integer.parseInt(options.getOrDefault("--record-size", "1000"));
        int partitions = Integer.parseInt(options.getOrDefault("--partitions", "3"));
        String topic = options.getOrDefault("--topic", "bench-" + System.currentTimeMillis());

        EmbeddedKafkaBroker embedded = null;
        String bootstrap = options.get("--bootstrap-servers");
        if (options.containsKey("--embedded-data-dir")) {
            long startNanos = System.nanoTime();
            embedded = new EmbeddedKafkaBroker(KafkaLocalConfig.of(Path.of(options.get("--embedded-data-dir"))))
                    .start();
            bootstrap = embedded.bootstrapServers();
            System.out.printf(Locale.ROOT, "embedded broker cold start (in-process, first use of the JVM): %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        }
        if (bootstrap == null) {
            throw new IllegalArgumentException("give --bootstrap-servers HOST:PORT or --embedded-data-dir DIR");
        }

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        List<byte[]> values = values(recordSize, 4_096);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);

        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sendNanos = System.nanoTime();
        double compressionRate;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (long i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, "host-" + (i % 1_000), values.get((int) (i % values.size()))),
                        (metadata, e) -> {
                            if (e == null) {
                                acknowledged.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
            compressionRate = metric(producer.metrics(), "compression-rate-avg");
        }
        double seconds = (System.nanoTime() - sendNanos) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a send failed", failure.get());
        }
        System.out.printf(Locale.ROOT, "producer: %,d records of %d B (%d partitions, lz4, acks=all, idempotent) "
                + "in %.2f s = %,.0f records/s, %.1f MB/s uncompressed; compressed size/raw %.2f; acknowledged %,d%n",
                records, recordSize, partitions, seconds, records / seconds, records * (double) recordSize / seconds / 1e6,
                compressionRate, acknowledged.get());
        if (acknowledged.get() != records) {
            throw new IllegalStateException("only " + acknowledged.get() + " of " + records + " acknowledged");
        }

        if (embedded != null) {
            long stopNanos = System.nanoTime();
            embedded.close();
            System.out.printf(Locale.ROOT, "embedded broker shutdown: %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNanos));
        }
    }

    /** Snapshot-like JSON text: field names repeat, numbers vary. */
    private static List<byte[]> values(int size, int count) {
        Random random = new Random(42);
        List<byte[]> values = new ArrayList<>(count);
        for (int v = 0; v < count; v++) {
            StringBuilder text = new StringBuilder(size + 64).append('{');
            int slot = 0;
            while (text.length() < size - 80) {
                text.append(String.format(Locale.ROOT,
                        "\"slot%d\":{\"gpus\":%d,\"claimed\":%d,\"mem\":%d,\"util\":%.3f},",
                        slot++, random.nextInt(9), random.nextInt(9), random.nextInt(200_000), random.nextDouble()));
            }
            while (text.length() < size - 1) {
                text.append(' ');
            }
            text.append('}');
            values.add(text.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return values;
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElse(Double.NaN);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
