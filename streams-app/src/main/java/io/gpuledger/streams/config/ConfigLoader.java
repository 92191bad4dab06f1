package io.gpuledger.streams.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds {@link StreamsAppConfig} from, in order of precedence: flags given on the command line, environment
 * variables {@code GPULEDGER_<FLAG>} (e.g. {@code GPULEDGER_BOOTSTRAP_SERVERS}), a properties file named by
 * {@code --config} (keys are flag names: {@code bootstrap-servers=...}), and defaults. Every problem is a
 * {@link ConfigException} with a one-line message naming the setting.
 */
public final class ConfigLoader {

    /** Every setting name (the flag without its dashes). */
    public static final Set<String> KEYS = Set.of("bootstrap-servers", "data-dir", "state-dir", "application-id",
            "http-port", "bind", "advertised-host", "topic", "partitions", "replay", "skip-bad-rows", "chtc-owned",
            "exclude-hosts-yaml", "collector-zone", "demo", "history-days", "raw-retention-days", "exactly-once",
            "in-memory-stores", "stream-threads", "commit-interval-ms");

    private final Map<String, String> flags;
    private final Map<String, String> environment;
    private final Properties file = new Properties();

    /**
     * @param flags       settings given as flags (key = flag name without dashes); absent flags are absent keys
     * @param environment the process environment
     * @param configFile  the {@code --config} file, or null
     */
    public ConfigLoader(Map<String, String> flags, Map<String, String> environment, Path configFile) {
        this.flags = flags;
        this.environment = environment;
        if (configFile != null) {
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (NoSuchFileException e) {
                throw new ConfigException("config file " + configFile + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("config file " + configFile + " cannot be read: " + e.getMessage());
            }
            for (String key : file.stringPropertyNames()) {
                if (!KEYS.contains(key)) {
                    throw new ConfigException("config file " + configFile + ": unknown setting '" + key + "'");
                }
            }
        }
    }

    public static String environmentName(String key) {
        return "GPULEDGER_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private String raw(String key) {
        String value = flags.get(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private <T> T value(String key, T defaultValue, Function<String, T> parse) {
        String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return parse.apply(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(key + ": invalid value '" + raw + "'"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private int intValue(String key, int defaultValue, int min, int max) {
        int value = value(key, defaultValue, Integer::parseInt);
        if (value < min || value > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ": got " + value);
        }
        return value;
    }

    private static boolean parseBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    public StreamsAppConfig load() {
        Path dataDir = value("data-dir", Path.of("data"), Path::of);
        Path stateDir = value("state-dir", dataDir.resolve("streams"), Path::of);
        String collectorZone = value("collector-zone", ZoneId.systemDefault().getId(), raw -> ZoneId.of(raw).getId());
        return new StreamsAppConfig(
                raw("bootstrap-servers"),
                dataDir,
                stateDir,
                value("application-id", "gpuledger", raw -> raw),
                intValue("http-port", 8080, 0, 65535),
                value("bind", "127.0.0.1", raw -> raw),
                value("advertised-host", null, raw -> raw),
                value("topic", "gpu.host-snapshots", raw -> raw),
                intValue("partitions", 6, 1, 1000),
                value("replay", null, Path::of),
                value("skip-bad-rows", false, ConfigLoader::parseBoolean),
                value("chtc-owned", null, Path::of),
                value("exclude-hosts-yaml", null, Path::of),
                collectorZone,
                value("demo", false, ConfigLoader::parseBoolean),
                Duration.ofDays(intValue("history-days", 400, 1, 10_000)),
                Duration.ofDays(intValue("raw-retention-days", 35, 1, 10_000)),
                value("exactly-once", false, ConfigLoader::parseBoolean),
                value("in-memory-stores", false, ConfigLoader::parseBoolean),
                intValue("stream-threads", 1, 1, 64),
                Duration.ofMillis(intValue("commit-interval-ms", 2000, 100, 600_000)));
    }
}
