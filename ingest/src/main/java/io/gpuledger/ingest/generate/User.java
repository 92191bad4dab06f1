package io.gpuledger.ingest.generate;

/**
 * A job owner.
 *
 * @param owner  {@code RemoteOwner} as recorded, {@code user@domain}
 * @param schedd the access point the user submits from; the first part of every {@code GlobalJobId}
 */
public record User(String owner, String schedd) {
}
