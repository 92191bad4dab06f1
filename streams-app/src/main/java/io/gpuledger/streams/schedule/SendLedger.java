package io.gpuledger.streams.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Which scheduled e-mail was last sent, per report kind: the firing time it answered. Read before sending so a
 * restart does not send the same firing twice; {@link #claim} is the one place where two instances could race.
 */
public interface SendLedger {

    Optional<Instant> lastSentFiring(ReportKind kind);

    /**
     * Records that {@code firing} of {@code kind} is sent by this instance.
     *
     * @return false when that firing (or a later one) was already recorded, so this instance must not send it
     */
    boolean claim(ReportKind kind, Instant firing);
}
