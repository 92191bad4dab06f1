package io.gpuledger.streams.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The web configuration the access tests share: one user per role and a bearer token, their secrets known to the
 * test, written as an operator would (bcrypt hashes, the token's SHA-256).
 */
final class WebUsers {

    static final String VIEWER = "vera";
    static final String METRICS = "max";
    static final String ADMIN = "ada";
    static final String PASSWORD = "correct horse battery staple";
    static final String TOKEN = "grafana-9c1e0d7b6a";

    private WebUsers() {
    }

    static Path write(Path dir) throws IOException {
        // Cost 4, bcrypt's minimum: the test checks the rule, not the cost.
        String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
        String yaml = """
                users:
                  %s:
                    password: "%s"
                    roles: [viewer]
                  %s:
                    password: "%s"
                    roles: [metrics]
                  %s:
                    password: "%s"
                    roles: [admin]
                tokens:
                  grafana:
                    sha256: %s
                    roles: [viewer, metrics]
                """.formatted(VIEWER, hash, METRICS, hash, ADMIN, hash, AccessControl.sha256Hex(TOKEN));
        Path file = dir.resolve("web-config.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
