package io.gpuledger.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SASL/SCRAM-SHA-512 client configuration as an operator writes it (as in
 * {@code deploy/config/kafka-client-sasl.properties.example}): a client properties file for {@code --client-properties-file} whose password is read from a secrets file it names
 * ({@code ${file:PATH:password}}), so the password appears on no command line and in no printed setting.
 */
public final class ScramClientFiles {

    private ScramClientFiles() {
    }

    /** Writes {@code kafka-secrets.properties} and {@code kafka-client.properties} into {@code dir}; returns the
     * latter. */
    public static Path write(Path dir, String user, String password) throws IOException {
        Path secrets = dir.resolve("kafka-secrets.properties");
        Files.writeString(secrets, "password=" + password + "\n", StandardCharsets.UTF_8);
        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + user + "\" password=\"${file:" + secrets.toString().replace('\\', '/')
                + ":password}\";\n", StandardCharsets.UTF_8);
        return file;
    }
}
