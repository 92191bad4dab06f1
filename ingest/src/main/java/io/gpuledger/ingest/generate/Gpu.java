package io.gpuledger.ingest.generate;

/**
 * One GPU (or MIG instance) of a generated machine.
 *
 * @param id               the id primary slots list ({@code GPU-0667ce7c}, {@code MIG-<uuid>})
 * @param legacyBackfillId the same id as backfill slots wrote it before April 2026, every {@code -} a {@code _}
 *                         (rules §1.4): normalising it gives {@link #id} back
 * @param device           its model and memory
 */
public record Gpu(String id, String legacyBackfillId, DeviceModel device) {

    public static Gpu of(String id, DeviceModel device) {
        return new Gpu(id, id.replace('-', '_'), device);
    }
}
