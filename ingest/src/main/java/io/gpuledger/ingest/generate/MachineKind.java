package io.gpuledger.ingest.generate;

/**
 * What sort of machine a generated host is: decides its name pattern, its {@code PrioritizedProjects}, its slots and
 * who runs jobs on it. The labels are those of the mix the generator prints.
 */
public enum MachineKind {
    /** {@code <pi>gpu4000.chtc.wisc.edu} with the group's project list as PP. */
    RESEARCHER("researcher"),
    /** Looks like a researcher machine, but the startd publishes no PP (NULL): prioritized, yet not in the set. */
    RESEARCHER_NULL_PP("researcher, NULL PP"),
    /** One of the shipped {@code chtc_owned} hosts, with its project as PP. */
    CHTC_OWNED("CHTC-owned"),
    /** {@code gpuNNNN.chtc.wisc.edu} with PP {@code ""}. */
    OPEN_CAPACITY("open capacity"),
    /** {@code gpulabNNNN}: a primary slot plus interactive slots, PP {@code ""}. */
    LAB("lab"),
    /** Hosts the shipped exclusions remove: {@code voyles2000}, interactive-only {@code gpulab2003/2004}. */
    EXCLUDED("excluded");

    private final String label;

    MachineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
