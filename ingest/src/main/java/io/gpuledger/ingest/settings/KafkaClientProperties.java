package io.gpuledger.ingest.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Kafka client properties as operators write them: a Java properties file (what Kafka's own tools read with
 * {@code --command-config}) and {@code --client-property NAME=VALUE} flags on top.
 *
 * <p>Secrets stay out of both: a value {@code ${file:/run/secrets/kafka.properties:password}} or
 * {@code ${env:KAFKA_PASSWORD}} is resolved by the Kafka client itself through its {@code FileConfigProvider} and
 * {@code EnvVarConfigProvider}, which this class declares ({@code config.providers=file,env}) when a value refers to
 * them and the operator has not declared providers. The program therefore never holds the secret; Kafka's own
 * config dump prints password-typed values as {@code [hidden]}, and ours prints names matching
 * {@link Setting#isSensitiveName} as {@code (secret)}.
 */
public final class KafkaClientProperties {

    static final String FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider";
    static final String ENV_PROVIDER = "org.apache.kafka.common.config.provider.EnvVarConfigProvider";
    private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:");

    private KafkaClientProperties() {
    }

    /** The file's properties (none when {@code file} is null) overlaid by {@code flags}, providers added as needed. */
    public static Map<String, String> resolve(Path file, Map<String, String> flags) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (file != null) {
            properties.putAll(read(file));
        }
        properties.putAll(flags);
        if (!properties.containsKey("config.providers")) {
            boolean usesFile = properties.values().stream().anyMatch(v -> FILE_REFERENCE.matcher(v).find());
            boolean usesEnv = properties.values().stream().anyMatch(v -> ENV_REFERENCE.matcher(v).find());
            if (usesFile && usesEnv) {
                properties.put("config.providers", "file,env");
            } else if (usesFile || usesEnv) {
                properties.put("config.providers", usesFile ? "file" : "env");
            }
            if (usesFile) {
                properties.put("config.providers.file.class", FILE_PROVIDER);
            }
            if (usesEnv) {
                properties.put("config.providers.env.class", ENV_PROVIDER);
            }
        }
        return java.util.Collections.unmodifiableMap(properties);
    }

    /** The properties as one line for a startup log: values of secret-looking names are {@code (secret)}. */
    public static String describe(Map<String, String> properties) {
        StringBuilder line = new StringBuilder();
        new TreeMap<>(properties).forEach((name, value) -> {
            if (line.length() > 0) {
                line.append(',');
            }
            line.append(name).append('=').append(Setting.isSensitiveName(name) ? "(secret)" : value);
        });
        return line.toString();
    }

    private static Map<String, String> read(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (NoSuchFileException e) {
            throw new SettingException("--client-properties-file: no such file " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingException("--client-properties-file: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> properties = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> properties.put(name.strip(), loaded.getProperty(name).strip()));
        return properties;
    }
}
