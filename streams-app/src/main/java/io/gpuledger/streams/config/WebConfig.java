package io.gpuledger.streams.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Who may use the HTTP API ({@code --web-config FILE}), in the style of the Prometheus exporters' web configuration:
 * users with bcrypt-hashed passwords and bearer tokens kept as SHA-256 digests, each with roles. The file holds no
 * secret in the clear, so it may be readable by the service's group.
 *
 * <pre>
 * users:
 *   alice:
 *     password: $2y$10$...        # bcrypt (htpasswd -nbB, or streams-app hash-password)
 *     roles: [viewer, admin]
 * tokens:
 *   prometheus:
 *     sha256: 9f86d081...          # SHA-256 of the token, hex (streams-app hash-password --token)
 *     roles: [metrics]
 * </pre>
 *
 * <p>Roles: {@code viewer} (the page and the report API), {@code metrics} ({@code /metrics},
 * {@code /api/v1/openmetrics}), {@code admin} (what changes state, e.g. replays; implies the other two). Health
 * endpoints need no role.
 */
public record WebConfig(Path file, Map<String, Account> users, Map<String, Account> tokens) {

    /** A role a caller can hold. */
    public enum Grant {
        VIEWER, METRICS, ADMIN
    }

    /** A user's bcrypt hash or a token's SHA-256 hex digest, and what it may do. */
    public record Account(String name, String secretDigest, Set<Grant> grants) {
    }

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public WebConfig {
        users = Map.copyOf(users);
        tokens = Map.copyOf(tokens);
    }

    /** Reads and checks {@code file}; every problem is one line naming the file and the key. */
    public static WebConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("--web-config " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new ConfigException("--web-config " + file + ": not YAML (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException("--web-config " + file + ": expected a mapping with 'users' and/or 'tokens'");
        }
        for (Object key : top.keySet()) {
            if (!"users".equals(key) && !"tokens".equals(key)) {
                throw new ConfigException("--web-config " + file + ": unknown key '" + key
                        + "' (expected 'users' and/or 'tokens')");
            }
        }
        Map<String, Account> users = accounts(file, top.get("users"), "users", "password", BCRYPT,
                "a bcrypt hash ($2y$...)");
        Map<String, Account> tokens = accounts(file, top.get("tokens"), "tokens", "sha256", SHA256_HEX,
                "the token's SHA-256 as 64 hex digits");
        if (users.isEmpty() && tokens.isEmpty()) {
            throw new ConfigException("--web-config " + file + ": no users and no tokens: nobody could use the API");
        }
        return new WebConfig(file, users, tokens);
    }

    private static Map<String, Account> accounts(Path file, Object section, String sectionName, String secretKey,
                                                 Pattern secretFormat, String secretDescription) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        if (section == null) {
            return accounts;
        }
        if (!(section instanceof Map<?, ?> entries)) {
            throw new ConfigException("--web-config " + file + ": '" + sectionName + "' must map names to entries");
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String where = "--web-config " + file + ": " + sectionName + "." + name;
            if (!(entry.getValue() instanceof Map<?, ?> fields)) {
                throw new ConfigException(where + " must have '" + secretKey + "' and 'roles'");
            }
            for (Object key : fields.keySet()) {
                if (!secretKey.equals(key) && !"roles".equals(key)) {
                    throw new ConfigException(where + ": unknown key '" + key + "' (expected '" + secretKey
                            + "' and 'roles')");
                }
            }
            Object secret = fields.get(secretKey);
            if (!(secret instanceof String digest) || !secretFormat.matcher(digest).matches()) {
                throw new ConfigException(where + "." + secretKey + " must be " + secretDescription
                        + (secret == null ? ", and is missing" : ""));
            }
            // Hex digests compare in lower case; a bcrypt hash is case-sensitive.
            String kept = sectionName.equals("tokens") ? digest.toLowerCase(Locale.ROOT) : digest;
            accounts.put(name, new Account(name, kept, grants(where, fields.get("roles"))));
        }
        return accounts;
    }

    private static Set<Grant> grants(String where, Object roles) {
        if (!(roles instanceof List<?> names) || names.isEmpty()) {
            throw new ConfigException(where + ".roles must be a list of viewer, metrics, admin");
        }
        Set<Grant> grants = EnumSet.noneOf(Grant.class);
        List<String> unknown = new ArrayList<>();
        for (Object role : names) {
            try {
                grants.add(Grant.valueOf(String.valueOf(role).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(String.valueOf(role));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(where + ".roles: unknown role " + String.join(", ", unknown)
                    + " (roles are viewer, metrics, admin)");
        }
        if (grants.contains(Grant.ADMIN)) {
            grants.addAll(EnumSet.allOf(Grant.class));
        }
        return Set.copyOf(grants);
    }
}
