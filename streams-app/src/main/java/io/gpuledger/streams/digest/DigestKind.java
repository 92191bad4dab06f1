package io.gpuledger.streams.digest;

/**
 * How a GPU counts before configuration is applied. The CHTC list and the window's researcher set later turn these
 * into classes (rules §2.5): {@code PRIORITIZED} becomes PRO or PCO by the machine, {@code SHARED} is always Shared,
 * {@code BACKFILL} becomes BCO, BRO or BOC by the machine.
 */
public enum DigestKind {
    /** A representative that is primary with NULL or non-empty PP. */
    PRIORITIZED,
    /** A representative that is primary, PP {@code ""}, not interactive. */
    SHARED,
    /** A raw backfill row. */
    BACKFILL
}
