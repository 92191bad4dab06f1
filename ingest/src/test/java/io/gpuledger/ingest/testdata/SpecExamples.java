package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.classify.ChtcOwnedList;
import io.gpuledger.ingest.snapshot.SlotState;
import java.util.List;

/**
 * Every worked example of rules §7 as data, so that streams, report, HTTP and metrics tests all check the same rows
 * against the numbers the rules state.
 *
 * <p>Each method returns a fresh {@link SpecExample}. Rows are written in collector order (snapshot by snapshot), so a
 * file written from them is in timestamp order as real files are. Names of machines, GPUs, owners and times are
 * constants in the nested holders ({@link A}, {@link B}, ...), so tests can name what they assert on.
 *
 * <p>Values the rules leave open, chosen here:
 * <ul>
 *   <li>GPU ids: Examples A and B name GPUs {@code r1}, {@code s1}, ...; the id stored is {@code GPU-} + that name
 *       ({@link #gpu(String)}). Examples C, D and E give real-looking ids, used as is.</li>
 *   <li>Owners: a bare user name gets {@code @chtc.wisc.edu} (as Example A says); {@code u@x} and Example C's owners
 *       are used as given.</li>
 *   <li>Example E's {@code hostA}/{@code hostB} are {@code hostA.chtc.wisc.edu}/{@code hostB.chtc.wisc.edu}; the
 *       rule tests' {@code h} and {@code x} are {@code h.chtc.wisc.edu} and {@code x.chtc.wisc.edu}.</li>
 *   <li>Rule tests without a device use {@code NVIDIA L40S} (46068 MB), without a PP {@code ""} (open capacity), and
 *       without a time {@code 2026-07-02 12:00:00}.</li>
 *   <li>{@code GlobalJobId}, {@code GPUsAverageUsage}, {@code Disk} are NULL; {@code AvailableGPUs} is {@code ""}.</li>
 * </ul>
 */
public final class SpecExamples {

    /** The {@code PreventJobsReason} of rules §7.4 and 7.5 ("R"). */
    public static final String GPU_UNHEALTHY = "GPUHealthy == False";

    public static final String L40S = "NVIDIA L40S";
    public static final long L40S_MB = 46068;
    public static final String H100 = "NVIDIA H100 80GB HBM3";
    public static final long H100_MB = 81559;
    public static final String H200 = "NVIDIA H200";
    public static final long H200_MB = 143771;

    private SpecExamples() {
    }

    /** The id stored for a GPU that the rules name by a short label: {@code r1} → {@code GPU-r1}. */
    public static String gpu(String label) {
        return "GPU-" + label;
    }

    /** Names used by Example A (rules §7.1). */
    public static final class A {
        public static final String R = "alabgpu4000.chtc.wisc.edu";
        public static final String C = "cxiaogpu4000.chtc.wisc.edu";
        public static final String S = "gpu2003.chtc.wisc.edu";
        public static final String T1 = "2025-11-03 10:00:05.123456";
        public static final String T2 = "2025-11-03 10:15:04.987654";
        public static final String R1 = gpu("r1");
        public static final String R2 = gpu("r2");
        public static final String R3 = gpu("r3");
        public static final String R4 = gpu("r4");
        public static final String C1 = gpu("c1");
        public static final String C2 = gpu("c2");
        public static final String S1 = gpu("s1");
        public static final String S2 = gpu("s2");
        public static final String ALICE = "alice@chtc.wisc.edu";
        public static final String BOB = "bob@chtc.wisc.edu";
        public static final String CAROL = "carol@chtc.wisc.edu";
        public static final String DAVE = "dave@chtc.wisc.edu";
        public static final String ERIN = "erin@chtc.wisc.edu";

        private A() {
        }
    }

    /** Names used by Example B (rules §7.2). */
    public static final class B {
        public static final String S = "gpu2003.chtc.wisc.edu";
        public static final String S1 = gpu("s1");
        public static final String OWNER = "u@x";

        private B() {
        }
    }

    /** Names used by Example C (rules §7.3). */
    public static final class C {
        public static final String HOST1 = "host1.domain.com";
        public static final String HOST2 = "host2.domain.com";
        public static final String HOST1_DEVICE = "Tesla V100-SXM2-32GB";
        public static final long HOST1_MB = 32768;
        public static final String HOST2_DEVICE = "Tesla A100-SXM4-40GB";
        public static final long HOST2_MB = 40960;
        public static final String PP1 = "project1,project2";
        public static final String T1000 = "2025-01-01 10:00:00";
        public static final String T1015 = "2025-01-01 10:15:00";
        /** The GPU of the "dedup pair" extension (not named by the rules). */
        public static final String DEDUP_PAIR_GPU = "GPU-009";

        private C() {
        }
    }

    /** Names used by Example D (rules §7.4). */
    public static final class D {
        public static final String GPU1 = "gpu1.chtc.wisc.edu";
        public static final String GPU2 = "gpu2.chtc.wisc.edu";
        public static final String GPU3 = "gpu3.chtc.wisc.edu";
        public static final String A100_40 = "NVIDIA A100-SXM4-40GB";
        public static final String P100 = "Tesla P100-PCIE-16GB";
        public static final String B1 = "2026-05-15 10:00:00";
        public static final String B2 = "2026-05-15 10:15:00";
        public static final String ALICE = "alice@chtc.wisc.edu";
        public static final String BOB = "bob@chtc.wisc.edu";
        public static final String CAROL = "carol@chtc.wisc.edu";
        public static final String DAVE = "dave@chtc.wisc.edu";

        private D() {
        }
    }

    /** Names used by Example E (rules §7.5). */
    public static final class E {
        public static final String HOST_A = "hostA.chtc.wisc.edu";
        public static final String HOST_B = "hostB.chtc.wisc.edu";
        public static final String T1200 = "2026-07-02 12:00:00";
        public static final String T1215 = "2026-07-02 12:15:00";
        public static final String R = GPU_UNHEALTHY;

        private E() {
        }
    }

    /** Names used by the rule tests of rules §7.6. */
    public static final class Rule {
        public static final String H = "h.chtc.wisc.edu";
        public static final String X = "x.chtc.wisc.edu";
        public static final String T = "2026-07-02 12:00:00";
        public static final String OWNER = "u@chtc.wisc.edu";

        private Rule() {
        }
    }

    /** Every example and rule data set below, for tests that check a property of all of them. */
    public static List<SpecExample> all() {
        return List.of(exampleA(), exampleB(), exampleC(), exampleCWithDedupPair(), exampleD(),
                exampleE1(), exampleE2(), exampleE2c(), exampleE3(), exampleE4(), exampleE5(), exampleE6(),
                exampleE7(),
                ruleIdNormalisation(), ruleMigNormalisation(), ruleEmptyId(), ruleRankTie(), ruleWindowEdges(),
                ruleCrossMonth(), ruleDrainingAcrossMonths(), ruleDrainingVsClaimed(), ruleNullPp(),
                ruleChtcWithEmptyPp(), ruleDstFallBack());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.1 - 7.4

    /**
     * rules §7.1, Example A: "two snapshots, three machines". R = {@code alabgpu4000} (researcher, PP {@code ALab},
     * L40S), C = {@code cxiaogpu4000} (CHTC-owned, PP {@code CXiao}, H100), S = {@code gpu2003} (open capacity,
     * PP {@code ""}, H200); "All backfill rows have PP {@code ""}". "31 rows. Query {@code hours-back 1} with the
     * default end = t2", so |B| = 2. No PreventJobsReason column.
     */
    public static SpecExample exampleA() {
        Rows rows = Rows.at(A.T1)
                .on(A.R).device(L40S, L40S_MB).pp("ALab")
                .slot("slot1").unclaimed(A.R1, A.R2, A.R3, A.R4)
                .slot("slot1_1").claimed(A.ALICE, A.R1)
                .slot("backfill2").unclaimed(A.R2, A.R3)
                .slot("backfill2_1").claimed(A.CAROL, A.R4)
                .on(A.C).device(H100, H100_MB).pp("CXiao")
                .slot("slot1").unclaimed(A.C1, A.C2)
                .slot("slot1_1").claimed(A.BOB, A.C1)
                .slot("backfill2").unclaimed(A.C2)
                .on(A.S).device(H200, H200_MB).pp("")
                .slot("slot1").unclaimed(A.S1, A.S2)
                .slot("slot1_1").claimed(A.DAVE, A.S1)
                .slot("backfill2").unclaimed(A.S2)
                .at(A.T2)
                .on(A.R)
                .slot("slot1").unclaimed(A.R1, A.R2, A.R3, A.R4)
                .slot("slot1_1").claimed(A.ALICE, A.R1)
                .slot("slot1_2").claimed(A.ERIN, A.R2)
                .slot("backfill2").unclaimed(A.R3)
                .slot("backfill2_1").claimed(A.CAROL, A.R4)
                .on(A.C)
                .slot("slot1").unclaimed(A.C1, A.C2)
                .slot("backfill2").unclaimed(A.C1, A.C2)
                .on(A.S)
                .slot("slot1").drained(A.S1, A.S2)
                .slot("slot1_1").claimed(A.DAVE, A.S1)
                .rows();
        return new SpecExample("A", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /** rules §7.1: "With {@code hours-back 24} on the same data: dave 24.0 (and carol 24.0 in the backfill-user table)". */
    public static ExampleQuery exampleAHours24Query() {
        return exampleA().query().withHoursBack(24);
    }

    /**
     * rules §7.2, Example B: "5-minute cadence, split buckets, an outage". One open-capacity GPU {@code s1} on
     * {@code gpu2003} (H200, PP {@code ""}) on 2025-11-03; no row between 10:20:10 and 10:45:10, so bucket 10:30 does
     * not exist. "Query {@code hours-back 1}, end 10:45:10". 7 rows.
     */
    public static SpecExample exampleB() {
        Rows rows = Rows.at("2025-11-03 10:00:10")
                .on(B.S).device(H200, H200_MB).pp("")
                .slot("slot1").unclaimed(B.S1)
                .at("2025-11-03 10:05:10")
                .slot("slot1").unclaimed(B.S1)
                .slot("slot1_1").claimed(B.OWNER, B.S1)
                .slot("slot1")
                .at("2025-11-03 10:10:10").drained(B.S1)
                .at("2025-11-03 10:15:10").drained(B.S1)
                .at("2025-11-03 10:20:10").drained(B.S1)
                .at("2025-11-03 10:45:10").unclaimed(B.S1)
                .rows();
        return new SpecExample("B", rows,
                ExampleQuery.defaults().withHoursBack(1).withEndTime("2025-11-03 10:45:10"), false);
    }

    /**
     * rules §7.3, Example C: "small fixture, no CHTC machine", the 9-row table verbatim (owners {@code ""} on the
     * Unclaimed rows as the table gives them). host1 ({@code project1,project2}, Tesla V100-SXM2-32GB 32768 MB) is a
     * researcher machine; host2 ({@code ""}, Tesla A100-SXM4-40GB 40960 MB) is open capacity. "{@code hours-back 1}
     * with the default end (10:15) gives 9 rows, |B| = 2". No PreventJobsReason column.
     */
    public static SpecExample exampleC() {
        return new SpecExample("C", exampleCRows(), ExampleQuery.defaults().withHoursBack(1), false);
    }

    private static Rows exampleCRows() {
        return Rows.at(C.T1000)
                .on(C.HOST1).device(C.HOST1_DEVICE, C.HOST1_MB).pp(C.PP1)
                .slot("slot1").claimed("user1@domain.com", "GPU-001")                      // 1
                .slot("slot2").remoteOwner("").unclaimed("GPU-002")                        // 2
                .on(C.HOST2).device(C.HOST2_DEVICE, C.HOST2_MB).pp("")
                .slot("slot3").claimed("user2@domain.com", "GPU-003")                      // 3
                .slot("slot4").remoteOwner("").unclaimed("GPU-004")                        // 4
                .on(C.HOST1)
                .slot("slot1_backfill").claimed("user3@domain.com", "GPU-005")             // 5
                .slot("slot2_backfill").remoteOwner("").unclaimed("GPU-006")               // 6
                .at(C.T1015)
                .slot("slot1").remoteOwner("").unclaimed("GPU-001")                        // 7
                .on(C.HOST2)
                .slot("slot3").claimed("user2@domain.com", "GPU-003")                      // 8
                .slot("slot4").remoteOwner("").unclaimed("GPU-004")                        // 9
                .rows();
    }

    /** rules §7.3: "{@code end-time 2025-01-01 10:10:00} gives 6 rows, |B| = 1". */
    public static ExampleQuery exampleCEarlyEndQuery() {
        return exampleC().query().withEndTime("2025-01-01 10:10:00");
    }

    /** rules §7.3: "Host filter {@code host1}: only PRO V100 and BRO V100 remain". */
    public static ExampleQuery exampleCHost1Query() {
        return exampleC().query().withHost("host1");
    }

    /**
     * rules §7.3, "Dedup pair": "add at 10:00 {@code slot9@host1.domain.com} and {@code slot9_backfill@host1.domain.com},
     * both {@code Claimed} on one new GPU with PP {@code project1}". Only the two added rows; the GPU is
     * {@link C#DEDUP_PAIR_GPU}, the owners {@code user4@domain.com} (primary) and {@code user5@domain.com} (backfill),
     * both chosen here. The backfill row carries {@code project1} too, as the rules give one PP for both.
     */
    public static Rows exampleCDedupPairRows() {
        return Rows.at(C.T1000)
                .on(C.HOST1).device(C.HOST1_DEVICE, C.HOST1_MB).pp("project1").backfillPp("project1")
                .slot("slot9").claimed("user4@domain.com", C.DEDUP_PAIR_GPU)
                .slot("slot9_backfill").claimed("user5@domain.com", C.DEDUP_PAIR_GPU)
                .rows();
    }

    /** Example C with the dedup pair added at 10:00 (11 rows, in time order). */
    public static SpecExample exampleCWithDedupPair() {
        Rows rows = exampleCRows().plus(exampleCDedupPairRows()).inTimeOrder();
        return new SpecExample("C + dedup pair", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.4, Example D: "CHTC machine, drained, prevented, old device". {@code chtc_owned} = {gpu2.chtc.wisc.edu};
     * "Query {@code end-time 2026-05-15 10:30:00}, {@code hours-back 1}, so |B| = 2". 14 rows. GPU-3A carries
     * {@code GPUHealthy == False} in both buckets, so the files have the PreventJobsReason column (NULL elsewhere).
     * Owners get {@code @chtc.wisc.edu}.
     */
    public static SpecExample exampleD() {
        Rows rows = Rows.at(D.B1)
                .on(D.GPU1).device(D.A100_40, 40960).pp("ProjA")
                .slot("slot1").claimed(D.ALICE, "GPU-1A")
                .slot("slot2").unclaimed("GPU-1B")
                .slot("slot1_backfill").unclaimed("GPU-1C")
                .on(D.GPU2).device(H200, H200_MB).pp("ProjB")
                .slot("slot1").claimed(D.BOB, "GPU-2A")
                .slot("slot1_backfill").claimed(D.DAVE, "GPU-2B")
                .on(D.GPU3).device(D.P100, 16384).pp("")
                .slot("slot1").prevented(GPU_UNHEALTHY).unclaimed("GPU-3A")
                .slot("slot2").unclaimed("GPU-3B")
                .at(D.B2)
                .on(D.GPU1)
                .slot("slot1").claimed(D.ALICE, "GPU-1A")
                .slot("slot2").drained("GPU-1B")
                .slot("slot1_backfill").claimed(D.CAROL, "GPU-1C")
                .on(D.GPU2)
                .slot("slot1").claimed(D.BOB, "GPU-2A")
                .slot("slot1_backfill").unclaimed("GPU-2B")
                .on(D.GPU3)
                .slot("slot1").prevented(GPU_UNHEALTHY).unclaimed("GPU-3A")
                .slot("slot2").unclaimed("GPU-3B")
                .rows();
        ExampleQuery query = ExampleQuery.defaults().withHoursBack(1).withEndTime("2026-05-15 10:30:00")
                .withChtcOwned(ChtcOwnedList.of(D.GPU2));
        return new SpecExample("D", rows, query, true);
    }

    /** rules §7.4: the {@code all-devices} column of the Real Slots and memory tables. */
    public static ExampleQuery exampleDAllDevicesQuery() {
        return exampleD().query().withAllDevices(true);
    }

    /**
     * rules §7.4: "Monthly, {@code end-time 2026-06-01 00:00:00} → May 2026". The report type is monthly; this is its
     * {@code end-time} (hours-back does not apply).
     */
    public static ExampleQuery exampleDMonthlyQuery() {
        return exampleD().query().withEndTime("2026-06-01 00:00:00");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.5 Example E: open-capacity machines, NVIDIA L40S (46068 MB), PP "", date 2026-07-02, hours-back 1.

    private static ExampleQuery exampleEQuery() {
        return ExampleQuery.defaults().withHoursBack(1);
    }

    /**
     * rules §7.5 E1 "busy": "12:00:00: {@code slot1_1@hostA} GPU-1 Claimed u1, R; {@code slot1_2@hostA} GPU-2 Claimed
     * u2, R; {@code slot1@hostB} GPU-3 Unclaimed". Expected: 1 host, 2 GPUs, every Prevented cell {@code —}.
     */
    public static SpecExample exampleE1() {
        Rows rows = Rows.at(E.T1200)
                .on(E.HOST_A).device(L40S, L40S_MB).pp("")
                .slot("slot1_1").prevented(E.R).claimed("u1@chtc.wisc.edu", "GPU-1")
                .slot("slot1_2").prevented(E.R).claimed("u2@chtc.wisc.edu", "GPU-2")
                .on(E.HOST_B).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-3")
                .rows();
        return new SpecExample("E1", rows, exampleEQuery(), true);
    }

    /**
     * rules §7.5 E2 "lifted": "12:00:00: {@code slot1@hostA} GPU-A Unclaimed R; {@code slot1@hostB} GPU-B Unclaimed R.
     * 12:15:00: {@code slot1@hostA} GPU-A Unclaimed; {@code slot1_1@hostA} GPU-A Claimed x; {@code slot1@hostB} GPU-B
     * Unclaimed R". Expected: hostA Lifted, hostB Active; Shared Prevented 1.5.
     */
    public static SpecExample exampleE2() {
        return new SpecExample("E2", exampleE2Rows(""), exampleEQuery(), true);
    }

    /**
     * rules §7.5 E2c: "E2 with hostA and hostB in {@code chtc_owned} and PP {@code ProjC}". Expected: Researcher-Reserved
     * Capacity 25.0% (0.5/2.0), Prevented 1.5.
     */
    public static SpecExample exampleE2c() {
        ExampleQuery query = exampleEQuery().withChtcOwned(ChtcOwnedList.of(E.HOST_A, E.HOST_B));
        return new SpecExample("E2c", exampleE2Rows("ProjC"), query, true);
    }

    private static Rows exampleE2Rows(String pp) {
        return Rows.at(E.T1200)
                .on(E.HOST_A).device(L40S, L40S_MB).pp(pp)
                .slot("slot1").prevented(E.R).unclaimed("GPU-A")
                .on(E.HOST_B).device(L40S, L40S_MB).pp(pp)
                .slot("slot1").prevented(E.R).unclaimed("GPU-B")
                .at(E.T1215)
                .on(E.HOST_A)
                .slot("slot1").unclaimed("GPU-A")
                .slot("slot1_1").claimed("x@chtc.wisc.edu", "GPU-A")
                .on(E.HOST_B)
                .slot("slot1").prevented(E.R).unclaimed("GPU-B")
                .rows();
    }

    /**
     * rules §7.5 E3 "mixed": "12:00:00: {@code slot1@hostA} Owner R on GPU-idle, GPU-busy, GPU-bf;
     * {@code slot1_1@hostA} GPU-busy Claimed u, R; {@code backfill2_1@hostA} GPU-bf Claimed v, R". Expected: Shared
     * Prevented 1.0 (GPU-bf is represented by its backfill Claimed row), 3 unique GPUs.
     */
    public static SpecExample exampleE3() {
        Rows rows = Rows.at(E.T1200)
                .on(E.HOST_A).device(L40S, L40S_MB).pp("")
                .slot("slot1").prevented(E.R).state(SlotState.OWNER, "GPU-idle", "GPU-busy", "GPU-bf")
                .slot("slot1_1").prevented(E.R).claimed("u@chtc.wisc.edu", "GPU-busy")
                .slot("backfill2_1").prevented(E.R).claimed("v@chtc.wisc.edu", "GPU-bf")
                .rows();
        return new SpecExample("E3", rows, exampleEQuery(), true);
    }

    /**
     * rules §7.5 E4: "12:00:00: {@code slot1@hostA} GPU-X Unclaimed R; {@code backfill2@hostA} GPU-X Unclaimed R".
     * Expected: primary wins (2 > 1); Shared Prevented 1.0.
     */
    public static SpecExample exampleE4() {
        Rows rows = Rows.at(E.T1200)
                .on(E.HOST_A).device(L40S, L40S_MB).pp("")
                .slot("slot1").prevented(E.R).unclaimed("GPU-X")
                .slot("backfill2").prevented(E.R).unclaimed("GPU-X")
                .rows();
        return new SpecExample("E4", rows, exampleEQuery(), true);
    }

    /**
     * rules §7.5 E5: "data without a {@code PreventJobsReason} column". The rules give no rows; these are E1's rows
     * without reasons (hostA busy on GPU-1 and GPU-2, hostB idle on GPU-3), and the files have no such column.
     * Expected: has_prevent_jobs false, num_hosts 0, all Prevented {@code —}.
     */
    public static SpecExample exampleE5() {
        Rows rows = Rows.at(E.T1200)
                .on(E.HOST_A).device(L40S, L40S_MB).pp("")
                .slot("slot1_1").claimed("u1@chtc.wisc.edu", "GPU-1")
                .slot("slot1_2").claimed("u2@chtc.wisc.edu", "GPU-2")
                .on(E.HOST_B).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-3")
                .rows();
        return new SpecExample("E5", rows, exampleEQuery(), false);
    }

    /**
     * rules §7.5 E6: "reasons {@code ""} and {@code "   "}". Rows chosen: 12:00:00 {@code slot1@hostA} GPU-A Unclaimed
     * with reason {@code ""}, {@code slot1@hostB} GPU-B Unclaimed with reason three spaces. Expected:
     * has_prevent_jobs false.
     */
    public static SpecExample exampleE6() {
        Rows rows = Rows.at(E.T1200)
                .on(E.HOST_A).device(L40S, L40S_MB).pp("")
                .slot("slot1").prevented("").unclaimed("GPU-A")
                .on(E.HOST_B).device(L40S, L40S_MB).pp("")
                .slot("slot1").prevented("   ").unclaimed("GPU-B")
                .rows();
        return new SpecExample("E6", rows, exampleEQuery(), true);
    }

    /**
     * rules §7.5 E7: "reason rows in 1 of the window's 5 buckets". Rows chosen: {@code slot1@hostA} GPU-A Unclaimed at
     * 11:00:00, 11:15:00, 11:30:00, 11:45:00 and 12:00:00 (default end 12:00:00, start 11:00:00, both included: five
     * buckets), with reason R only at 11:30:00. Expected heading suffix {@code (data from 1/5 intervals — collector
     * recently updated)}. The reason bucket is deliberately not the window's last one: hostA is still Active (its
     * reason is in the latest bucket that has reason data, rules §4.9), last seen {@code 2026-07-02 11:30}.
     */
    public static SpecExample exampleE7() {
        Rows rows = Rows.at("2026-07-02 11:00:00")
                .on(E.HOST_A).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-A")
                .at("2026-07-02 11:15:00").unclaimed("GPU-A")
                .at("2026-07-02 11:30:00").slot("slot1").prevented(E.R).unclaimed("GPU-A")
                .at("2026-07-02 11:45:00").slot("slot1").unclaimed("GPU-A")
                .at("2026-07-02 12:00:00").unclaimed("GPU-A")
                .rows();
        return new SpecExample("E7", rows, exampleEQuery(), true);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7.6 Rule tests about data

    /**
     * rules §7.6 "Id normalisation": "one timestamp: {@code slot1@h} {@code GPU-1a2b} Unclaimed, {@code backfill2_1@h}
     * {@code GPU_1a2b} Claimed" → one GPU; the representative is the primary (5 > 3).
     */
    public static SpecExample ruleIdNormalisation() {
        Rows rows = Rows.at(Rule.T)
                .on(Rule.H).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-1a2b")
                .slot("backfill2_1").claimed(Rule.OWNER, "GPU_1a2b")
                .rows();
        return new SpecExample("rule: id normalisation", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.6 "MIG normalisation": "backfill {@code MIG_aa11_bb22}, primary {@code MIG-aa11-bb22}" → one GPU. Rows
     * chosen: {@code slot1@h} Unclaimed and {@code backfill2@h} Unclaimed, device
     * {@code NVIDIA A100-SXM4-80GB MIG 3g.40gb} with 40192 MB.
     */
    public static SpecExample ruleMigNormalisation() {
        Rows rows = Rows.at(Rule.T)
                .on(Rule.H).device("NVIDIA A100-SXM4-80GB MIG 3g.40gb", 40192).pp("")
                .slot("slot1").unclaimed("MIG-aa11-bb22")
                .slot("backfill2").unclaimed("MIG_aa11_bb22")
                .rows();
        return new SpecExample("rule: MIG normalisation", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.6 "Empty id": "{@code backfill2@h} with {@code AssignedGPUs = ""}" → no GPU; its bucket still counts in
     * |B|. Rows chosen: {@code slot1@h} GPU-1 Unclaimed at 12:00:00, and only the empty-id backfill row at 12:15:00,
     * so with the default end (12:15:00) and {@code hours-back 1} |B| = 2 although GPUs are seen in one bucket.
     */
    public static SpecExample ruleEmptyId() {
        Rows rows = Rows.at(Rule.T)
                .on(Rule.H).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-1")
                .at("2026-07-02 12:15:00")
                .slot("backfill2").unclaimed(Rows.NO_GPU)
                .rows();
        return new SpecExample("rule: empty id", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.6 "Rank tie": "{@code slot2@h} (PP {@code p}) and {@code slot1@h} (PP {@code ""}), both Unclaimed, same GPU
     * and time" → representative {@code slot1@h}, so Shared. {@code slot2} comes first, so input order would pick the
     * wrong row.
     */
    public static SpecExample ruleRankTie() {
        Rows rows = Rows.at(Rule.T)
                .on(Rule.H).device(L40S, L40S_MB)
                .pp("p").slot("slot2").unclaimed("GPU-1")
                .pp("").slot("slot1").unclaimed("GPU-1")
                .rows();
        return new SpecExample("rule: rank tie", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.6 "Window edges": "end 10:15:00, {@code hours-back 1}; rows at 09:15:00 and 10:15:00" → both included.
     * Added here: a row one microsecond outside each end (09:14:59.999999 and 10:15:00.000001), which must be out.
     * All rows are {@code slot1@h} Unclaimed on GPU-1, on 2026-07-02.
     */
    public static SpecExample ruleWindowEdges() {
        Rows rows = Rows.at("2026-07-02 09:14:59.999999")
                .on(Rule.H).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-1")
                .at("2026-07-02 09:15:00").unclaimed("GPU-1")
                .at("2026-07-02 10:15:00").unclaimed("GPU-1")
                .at("2026-07-02 10:15:00.000001").unclaimed("GPU-1")
                .rows();
        return new SpecExample("rule: window edges", rows,
                ExampleQuery.defaults().withHoursBack(1).withEndTime("2026-07-02 10:15:00"), false);
    }

    /**
     * rules §7.6 "Cross-month": "2026-06-30 20:00 (June file), 2026-07-01 04:00 (July file); end 07-01 12:00, 24 h" →
     * both included. Each is a {@code slot1@h} Unclaimed row on GPU-1; {@link SpecExample#writeMonthlyFiles} puts
     * them in two files.
     */
    public static SpecExample ruleCrossMonth() {
        Rows rows = Rows.at("2026-06-30 20:00:00")
                .on(Rule.H).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-1")
                .at("2026-07-01 04:00:00").unclaimed("GPU-1")
                .rows();
        return new SpecExample("rule: cross-month", rows,
                ExampleQuery.defaults().withHoursBack(24).withEndTime("2026-07-01 12:00:00"), false);
    }

    /**
     * rules §7.6 "Draining across months": "Drained rows in the June and July files; end 2026-07-02 00:00, 48 h" → both
     * found. Rows chosen: {@code slot1@h} GPU-1 Drained at 2026-06-30 23:50:00 and 2026-07-01 00:05:00: 15 minutes
     * apart, so they also form one draining interval of 0.25 h across the file boundary (rules §4.8).
     */
    public static SpecExample ruleDrainingAcrossMonths() {
        Rows rows = Rows.at("2026-06-30 23:50:00")
                .on(Rule.H).device(L40S, L40S_MB).pp("")
                .slot("slot1").drained("GPU-1")
                .at("2026-07-01 00:05:00").drained("GPU-1")
                .rows();
        return new SpecExample("rule: draining across months", rows,
                ExampleQuery.defaults().withHoursBack(48).withEndTime("2026-07-02 00:00:00"), false);
    }

    /**
     * rules §7.6 "Draining vs Claimed": "hostA GPU-1 Drained; hostB GPU-2 Drained and Claimed at the same time" → only
     * (hostA, GPU-1). Rows chosen at 12:00:00: {@code slot1@hostA} GPU-1 Drained; {@code slot1@hostB} GPU-2 Drained
     * and {@code slot1_1@hostB} GPU-2 Claimed.
     */
    public static SpecExample ruleDrainingVsClaimed() {
        Rows rows = Rows.at(Rule.T)
                .on(E.HOST_A).device(L40S, L40S_MB).pp("")
                .slot("slot1").drained("GPU-1")
                .on(E.HOST_B).device(L40S, L40S_MB).pp("")
                .slot("slot1").drained("GPU-2")
                .slot("slot1_1").claimed(Rule.OWNER, "GPU-2")
                .rows();
        return new SpecExample("rule: draining vs claimed", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.6 "NULL PP": "primary rows with NULL PP on {@code x}, plus backfill rows on {@code x}" → primary GPUs PRO;
     * backfill rows BOC (raw only). Rows chosen: {@code slot1@x} GPU-1, GPU-2 Unclaimed (PP NULL),
     * {@code backfill2@x} GPU-2 Unclaimed and {@code backfill2_1@x} GPU-1 Claimed (PP {@code ""}).
     */
    public static SpecExample ruleNullPp() {
        Rows rows = Rows.at(Rule.T)
                .on(Rule.X).device(L40S, L40S_MB).pp(null)
                .slot("slot1").unclaimed("GPU-1", "GPU-2")
                .slot("backfill2").unclaimed("GPU-2")
                .slot("backfill2_1").claimed(Rule.OWNER, "GPU-1")
                .rows();
        return new SpecExample("rule: NULL PP", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.6 "CHTC with {@code ""} PP": "a listed machine with primary PP {@code ""}" → primary GPUs Shared, backfill
     * BCO. The machine is {@code cxiaogpu4000.chtc.wisc.edu} of the shipped list; rows: {@code slot1} GPU-1, GPU-2
     * Unclaimed, {@code backfill2} GPU-2 Unclaimed.
     */
    public static SpecExample ruleChtcWithEmptyPp() {
        Rows rows = Rows.at(Rule.T)
                .on(A.C).device(H100, H100_MB).pp("")
                .slot("slot1").unclaimed("GPU-1", "GPU-2")
                .slot("backfill2").unclaimed("GPU-2")
                .rows();
        return new SpecExample("rule: CHTC with empty PP", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }

    /**
     * rules §7.6 "DST fall-back": "snapshots {@code 2025-11-02 01:10:02} (CDT) and {@code 2025-11-02 01:10:04} (CST)" →
     * two snapshots, one bucket 01:00, counted once in |B|. Rows chosen: at 01:10:02 {@code slot1@h} GPU-1 Unclaimed
     * and {@code slot1_1@h} GPU-1 Claimed; at 01:10:04 {@code slot1@h} GPU-1 Unclaimed only, so GPU-1 is claimed for the
     * bucket although only the first pass claims it (rules §1.6).
     */
    public static SpecExample ruleDstFallBack() {
        Rows rows = Rows.at("2025-11-02 01:10:02")
                .on(Rule.H).device(L40S, L40S_MB).pp("")
                .slot("slot1").unclaimed("GPU-1")
                .slot("slot1_1").claimed(Rule.OWNER, "GPU-1")
                .at("2025-11-02 01:10:04")
                .slot("slot1").unclaimed("GPU-1")
                .rows();
        return new SpecExample("rule: DST fall-back", rows, ExampleQuery.defaults().withHoursBack(1), false);
    }
}
