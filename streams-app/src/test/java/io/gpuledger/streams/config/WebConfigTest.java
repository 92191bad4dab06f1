package io.gpuledger.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A web configuration is read whole or refused with one line naming the file and the key. */
class WebConfigTest {

    private static final String HASH = "$2y$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
    private static final String SHA = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    @TempDir
    Path dir;

    @Test
    void usersAndTokensWithTheirRolesAdminHoldingEveryRole() throws Exception {
        WebConfig config = WebConfig.load(write("""
                users:
                  alice: {password: "%s", roles: [viewer]}
                  root: {password: "%s", roles: [admin]}
                tokens:
                  prometheus: {sha256: %s, roles: [metrics]}
                """.formatted(HASH, HASH, SHA)));
        assertThat(config.users().get("alice").grants()).containsExactly(WebConfig.Grant.VIEWER);
        assertThat(config.users().get("root").grants()).containsExactlyInAnyOrder(WebConfig.Grant.values());
        assertThat(config.tokens().get("prometheus").secretDigest()).isEqualTo(SHA.toLowerCase());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "users: [alice]                                                  | 'users' must map names to entries",
        "users: {alice: {password: plain, roles: [viewer]}}              | users.alice.password must be a bcrypt hash",
        "users: {alice: {roles: [viewer]}}                               | users.alice.password must be a bcrypt hash ($2y$...), and is missing",
        "tokens: {t: {sha256: abc, roles: [metrics]}}                    | tokens.t.sha256 must be the token's SHA-256",
        "tokens: {t: {sha256: " + SHA + ", roles: [root]}}               | tokens.t.roles: unknown role root",
        "tokens: {t: {sha256: " + SHA + "}}                              | tokens.t.roles must be a list",
        "tokens: {t: {sha256: " + SHA + ", roles: [metrics], note: x}}   | tokens.t: unknown key 'note'",
        "basic_auth_users: {alice: x}                                    | unknown key 'basic_auth_users'",
        "users: {}                                                       | no users and no tokens",
        "users: [unclosed                                                | not YAML",
    })
    void aBadFileIsOneLineNamingTheFileAndTheKey(String yaml, String expected) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> WebConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--web-config " + file + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("absent.yml");
        assertThatThrownBy(() -> WebConfig.load(missing)).hasMessageStartingWith("--web-config " + missing
                + ": cannot read it");
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("web.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
