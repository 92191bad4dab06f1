package io.gpuledger.streams;

import io.gpuledger.ingest.cli.CliSupport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCrypt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streams-app hash-password}: what goes into a {@code --web-config} file. Reads a password from standard input
 * (so it is in no shell history and no process list) and prints its bcrypt hash; with {@code --token}, makes a new
 * random bearer token and prints it once, with the SHA-256 the file keeps.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the bcrypt hash of a password read from standard input, for a --web-config user;",
            "or, with --token, a new bearer token and the sha256 a --web-config token entry keeps."})
final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = "--token", description = "Make a new random bearer token instead of hashing a password.")
    boolean token;

    @Option(names = "--cost", paramLabel = "N", defaultValue = "10",
            description = "bcrypt cost, 4-31 (each step doubles the time of a check). Default: ${DEFAULT-VALUE}")
    int cost;

    @Override
    public Integer call() throws Exception {
        if (token) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            System.out.println("token:  " + value);
            System.out.println("sha256: " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8))));
            return CliSupport.EXIT_OK;
        }
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("--cost must be 4-31, got " + cost);
        }
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input");
        }
        System.out.println(BCrypt.hashpw(password, BCrypt.gensalt(cost)));
        return CliSupport.EXIT_OK;
    }
}
