package io.gpuledger.streams.schedule;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** A ledger for one process (the {@code send-report} command and unit tests); claims are atomic per instance. */
public final class InMemorySendLedger implements SendLedger {

    private final Map<ReportKind, Instant> lastSent = new EnumMap<>(ReportKind.class);

    @Override
    public synchronized Optional<Instant> lastSentFiring(ReportKind kind) {
        return Optional.ofNullable(lastSent.get(kind));
    }

    @Override
    public synchronized boolean claim(ReportKind kind, Instant firing) {
        Instant previous = lastSent.get(kind);
        if (previous != null && !previous.isBefore(firing)) {
            return false;
        }
        lastSent.put(kind, firing);
        return true;
    }

    @Override
    public void settle(ReportKind kind, Instant firing, boolean delivered) {
        // The claim already recorded the firing: nothing lapses within one process.
    }
}
