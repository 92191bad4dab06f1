package io.gpuledger.kafka.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local broker as its own process until SIGTERM or SIGINT:
 * {@code java -jar kafka-local.jar --data-dir DIR [--port N] [--log-level LEVEL] [--property NAME=VALUE]...}.
 * Prints {@code bootstrap=127.0.0.1:PORT} on stdout once a client can use it, and keeps its pid in
 * {@code DIR/broker.pid} while it runs. Exit codes: 1 when the broker cannot start, 2 for bad arguments.
 */
public final class KafkaLocalMain {

    public static final String PID_FILE_NAME = "broker.pid";
    public static final String BOOTSTRAP_PREFIX = "bootstrap=";
    private static final String LOGBACK_CONFIG = "io/gpuledger/kafka/local/kafka-local-logback.xml";

    private static final String USAGE = """
            usage: java -jar kafka-local.jar --data-dir DIR [--port N] [--log-level LEVEL] [--property NAME=VALUE]...
              --data-dir DIR          where the broker keeps its data (formatted on first start, kept after)
              --port N                client port on 127.0.0.1 (default 0: a free port)
              --log-level LEVEL       level of the broker's own loggers (default WARN)
              --property NAME=VALUE   a Kafka broker setting, may repeat""";

    private KafkaLocalMain() {
    }

    public static void main(String[] args) {
        // Before the first logger is created: this process logs with the module's own configuration, which a
        // library jar must not ship as logback.xml (it would take over every application that depends on it).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Returns only when the broker could not start (the exit code); otherwise runs until the JVM stops. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        KafkaLocalConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (config == null) {
            out.println(USAGE);
            return 0;
        }

        Path pidFile = config.dataDir().resolve(PID_FILE_NAME);
        long pid = ProcessHandle.current().pid();
        try {
            Files.createDirectories(config.dataDir());
            Optional<Long> running = runningPid(pidFile);
            if (running.isPresent() && running.get() != pid) {
                err.println("error: a broker already runs with its data in " + config.dataDir()
                        + " (pid " + running.get() + ")");
                return 1;
            }
            writePidFile(pidFile, pid);
        } catch (IOException e) {
            err.println("error: cannot use data directory " + config.dataDir() + ": " + e.getMessage());
            return 1;
        }

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } finally {
                deletePidFileIfOurs(pidFile, pid);
                stopped.countDown();
            }
        }, "kafka-local-shutdown"));

        try {
            broker.start();
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        out.println(BOOTSTRAP_PREFIX + broker.bootstrapServers());
        out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Null means --help. */
    static KafkaLocalConfig parse(String[] args) {
        Path dataDir = null;
        int port = 0;
        String logLevel = KafkaLocalConfig.DEFAULT_LOG_LEVEL;
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--log-level" -> logLevel = value(args, ++i, arg);
                case "--property" -> {
                    String property = value(args, ++i, arg);
                    int eq = property.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--property wants NAME=VALUE, got '" + property + "'");
                    }
                    properties.put(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return new KafkaLocalConfig(dataDir, port, properties, logLevel, KafkaLocalConfig.DEFAULT_READY_TIMEOUT);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 0-65535, got " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, got '" + text + "'");
        }
    }

    /** The pid in the file when that process is still alive; a stale file (crash, kill -9) is ignored. */
    private static Optional<Long> runningPid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void writePidFile(Path pidFile, long pid) throws IOException {
        // Written whole then renamed, so stop.sh never reads half a pid.
        Path tmp = pidFile.resolveSibling(PID_FILE_NAME + ".tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deletePidFileIfOurs(Path pidFile, long pid) {
        try {
            if (Files.isRegularFile(pidFile)
                    && Files.readString(pidFile, StandardCharsets.US_ASCII).trim().equals(Long.toString(pid))) {
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            // The process is ending; stop.sh removes a leftover pid file.
        }
    }
}
