package io.gpuledger.testing;

import io.gpuledger.kafka.local.EmbeddedKafkaBroker;
import io.gpuledger.kafka.local.KafkaLocalConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests a Kafka broker: a Testcontainers {@code KafkaContainer} (apache/kafka image) when Docker is
 * available, else the embedded KRaft broker of module kafka-local. The same tests run either way.
 *
 * <pre>{@code
 * @WithKafka   // or @ExtendWith(KafkaBrokerExtension.class)
 * class LoaderIT {
 *     @Test
 *     void roundTrip(KafkaBroker kafka) {
 *         String topic = kafka.createTopic(kafka.uniqueTopicName("snapshots"), 3);
 *         Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>One broker serves the whole test JVM (kept in JUnit's root store and closed when the run ends), so tests
 * must use their own topics ({@link KafkaBroker#uniqueTopicName(String)}). A {@link KafkaBroker} parameter is
 * resolved in test and lifecycle methods and constructors.
 *
 * <p>Which broker ran is printed ("Kafka for tests: ..."), logged, kept in the system properties
 * {@value #KIND_PROPERTY} and {@value #DESCRIPTION_PROPERTY}, returned by {@link #kind()} and written to
 * {@code target/kafka-for-tests.txt} of the module under test. The system property or environment variable
 * {@value #MODE_PROPERTY} / {@code GPULEDGER_TEST_KAFKA} forces one: {@code auto} (default), {@code embedded} or
 * {@code testcontainers} (which fails when Docker is not available rather than falling back).
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    public static final String MODE_PROPERTY = "gpuledger.test.kafka";
    public static final String MODE_ENV = "GPULEDGER_TEST_KAFKA";
    public static final String IMAGE_PROPERTY = "gpuledger.test.kafka.image";
    public static final String KIND_PROPERTY = "gpuledger.test.kafka.kind";
    public static final String DESCRIPTION_PROPERTY = "gpuledger.test.kafka.description";
    static final String REPORT_FILE = "kafka-for-tests.txt";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            KafkaBrokerExtension.class);
    private static final String STORE_KEY = "broker";

    private static volatile KafkaBroker current;
    private static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        // Start before the first test so that its own timing does not include the broker's start.
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    /** The broker of this test JVM, started on first use. */
    public static KafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(STORE_KEY, key -> start(), RunningKafkaBroker.class);
    }

    /** Which kind of broker this JVM's tests got; empty before the first test that uses the extension. */
    public static Optional<KafkaBroker.Kind> kind() {
        KafkaBroker broker = current;
        return broker == null ? Optional.empty() : Optional.of(broker.kind());
    }

    /** How many brokers this JVM started: 1 once any test ran, whatever the number of test classes. */
    static int startCount() {
        return STARTS.get();
    }

    private static RunningKafkaBroker start() {
        STARTS.incrementAndGet();
        String mode = requestedMode();
        long startNanos = System.nanoTime();
        RunningKafkaBroker broker;
        String why;
        switch (mode) {
            case "embedded" -> {
                broker = startEmbedded();
                why = "requested with " + MODE_PROPERTY + "=embedded";
            }
            case "testcontainers" -> {
                if (!DockerProbe.dockerAvailable()) {
                    throw new IllegalStateException(MODE_PROPERTY + "=testcontainers, but Docker is not available");
                }
                broker = startTestcontainers();
                why = "requested with " + MODE_PROPERTY + "=testcontainers";
            }
            case "auto" -> {
                if (DockerProbe.dockerAvailable()) {
                    broker = startTestcontainers();
                    why = "Docker available";
                } else {
                    broker = startEmbedded();
                    why = "no Docker engine";
                }
            }
            default -> throw new IllegalStateException(
                    MODE_PROPERTY + " must be auto, embedded or testcontainers, got '" + mode + "'");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        announce(broker, why, millis);
        current = broker;
        return broker;
    }

    /** auto, embedded or testcontainers (anything else is rejected when the broker starts). */
    static String requestedMode() {
        String mode = System.getProperty(MODE_PROPERTY);
        if (mode == null || mode.isBlank()) {
            mode = System.getenv(MODE_ENV);
        }
        return mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
    }

    private static RunningKafkaBroker startEmbedded() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("gpuledger-test-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the test broker", e);
        }
        EmbeddedKafkaBroker embedded = new EmbeddedKafkaBroker(KafkaLocalConfig.of(dataDir)).start();
        String description = "embedded KRaft broker " + EmbeddedKafkaBroker.KAFKA_VERSION + " at "
                + embedded.bootstrapServers();
        return new RunningKafkaBroker(KafkaBroker.Kind.EMBEDDED, description, embedded.bootstrapServers(), embedded,
                dataDir);
    }

    private static RunningKafkaBroker startTestcontainers() {
        String image = System.getProperty(IMAGE_PROPERTY, "apache/kafka:" + EmbeddedKafkaBroker.KAFKA_VERSION);
        TestcontainersKafka container = TestcontainersKafka.start(image);
        String description = "Testcontainers " + container.image() + " at " + container.bootstrapServers();
        return new RunningKafkaBroker(KafkaBroker.Kind.TESTCONTAINERS, description, container.bootstrapServers(),
                container, null);
    }

    private static void announce(RunningKafkaBroker broker, String why, long millis) {
        String line = "Kafka for tests: " + broker.description() + " (" + why + "; started in " + millis + " ms)";
        System.setProperty(KIND_PROPERTY, broker.kind().name().toLowerCase(Locale.ROOT));
        System.setProperty(DESCRIPTION_PROPERTY, broker.description());
        System.out.println(line);
        LOG.info(line);
        // Surefire keeps test output in files; this one line says, after the build, which broker the module's
        // tests used.
        Path target = Path.of(System.getProperty("user.dir", ".")).resolve("target");
        if (Files.isDirectory(target)) {
            try (PrintStream out = new PrintStream(
                    Files.newOutputStream(target.resolve(REPORT_FILE)), true, StandardCharsets.UTF_8)) {
                out.println(line);
            } catch (IOException e) {
                LOG.debug("cannot write {}", target.resolve(REPORT_FILE), e);
            }
        }
    }
}
