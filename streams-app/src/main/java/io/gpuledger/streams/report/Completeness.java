package io.gpuledger.streams.report;

/**
 * Whether a report's numbers can be complete yet. They cannot while the service restores its stores, processes what
 * the topics already hold, or a replay runs: such a report is served, and says so ({@code partial} and its reason in
 * the metadata, a banner on the page, a first line in text), instead of passing half a store off as the answer.
 */
public record Completeness(boolean partial, String reason) {

    public static final Completeness COMPLETE = new Completeness(false, null);

    public static Completeness partial(String reason) {
        return new Completeness(true, reason);
    }
}
