package io.gpuledger.ingest.settings;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * A Kafka client error that is the operator's to fix in the client properties (wrong password, unknown user, no
 * ACL), told apart from a broker that is away so that the program can say so in one line at once instead of
 * "cannot reach".
 */
public final class KafkaLoginFailure {

    private KafkaLoginFailure() {
    }

    /** One line for an authentication or authorization failure somewhere in {@code error}'s causes, else empty. */
    public static Optional<String> describe(Throwable error, String where) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return Optional.of(where + " refused the login (authentication failed: " + t.getMessage()
                        + "); check sasl.jaas.config in --client-properties-file / --client-property");
            }
            if (t instanceof AuthorizationException) {
                return Optional.of(where + " refused access (not authorized: " + t.getMessage()
                        + "); the account needs ACLs on the topic and group");
            }
        }
        return Optional.empty();
    }
}
