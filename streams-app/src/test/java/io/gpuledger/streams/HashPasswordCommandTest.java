package io.gpuledger.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.cli.CliSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** What an operator puts in a web configuration: a password's bcrypt hash, and a token with its SHA-256. */
class HashPasswordCommandTest {

    @Test
    void aPasswordOnStandardInputBecomesABcryptHashThatChecksIt() {
        String printed = run("s3cret pass\n", "hash-password", "--cost", "4");
        assertThat(printed.strip()).startsWith("$2");
        assertThat(BCrypt.checkpw("s3cret pass", printed.strip())).isTrue();
        assertThat(BCrypt.checkpw("another", printed.strip())).isFalse();
    }

    @Test
    void aNewTokenIsPrintedWithTheDigestTheFileKeeps() throws Exception {
        String[] lines = run("", "hash-password", "--token").strip().split("\n");
        String token = lines[0].replace("token:", "").strip();
        String digest = lines[1].replace("sha256:", "").strip();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(digest).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
    }

    private static String run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(CliSupport.execute(new StreamsAppCli(), args)).isZero();
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
