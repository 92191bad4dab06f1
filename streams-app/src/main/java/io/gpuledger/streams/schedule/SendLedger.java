package io.gpuledger.streams.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Which scheduled e-mail was sent, per report kind: the firing time it answered. Read before sending so a restart
 * does not send the same firing twice; {@link #claim} is the one place where two instances could race, and a claim
 * that is never {@linkplain #settle settled} (the sender died) lapses so that the firing is sent after all.
 */
public interface SendLedger {

    /** The latest firing of {@code kind} that was sent, given up, or is being sent under a live claim. */
    Optional<Instant> lastSentFiring(ReportKind kind);

    /**
     * Records that {@code firing} of {@code kind} is being sent by this instance.
     *
     * @return false when that firing (or a later one) is already sent or claimed, so this instance must not send it
     */
    boolean claim(ReportKind kind, Instant firing);

    /** Records the outcome of a claimed firing: delivered, or given up after its retries (not sent again). */
    void settle(ReportKind kind, Instant firing, boolean delivered);
}
