package io.gpuledger.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules §1.7: the ads of one collector run become the rows the original collector wrote, row by row. */
class AdRowsTest {

    private static final String H200 = "'NVIDIA H200'";
    private static final String MIG = "'NVIDIA A100-SXM4-80GB MIG 3g.40gb'";

    @Test
    void aPoolCollectionBecomesTheRowsTheCollectorWrote() {
        Collection collection = LiveAds.collection("pool-collection.json");

        assertThat(LiveAds.lines(collection.rows())).containsExactly(
                // p-slot: its one remaining GPU
                "'slot1@gpu2003.chtc.wisc.edu' | 'GPU-7a1c2d3e' | '' | 'Unclaimed' | " + H200 + " | 143771 | '' | 0.0"
                        + " | 'gpu2003.chtc.wisc.edu' | NULL | NULL | NULL | 1803452112",
                // d-slot with two GPUs as a comma string: one row per GPU
                "'slot1_1@gpu2003.chtc.wisc.edu' | 'GPU-0667ce7c' | '' | 'Claimed' | " + H200 + " | 143771 | '' | "
                        + "0.8734 | 'gpu2003.chtc.wisc.edu' | 'alice@chtc.wisc.edu' | "
                        + "'ap2001.chtc.wisc.edu#4521337.0#1764770112' | NULL | 52428800",
                "'slot1_1@gpu2003.chtc.wisc.edu' | 'GPU-1b2c3d4e' | '' | 'Claimed' | " + H200 + " | 143771 | '' | "
                        + "0.8734 | 'gpu2003.chtc.wisc.edu' | 'alice@chtc.wisc.edu' | "
                        + "'ap2001.chtc.wisc.edu#4521337.0#1764770112' | NULL | 52428800",
                // d-slot with its GPU as a JSON array; AvailableGPUs absent stays NULL
                "'slot1_2@gpu2003.chtc.wisc.edu' | 'GPU-2c3d4e5f' | NULL | 'Claimed' | " + H200 + " | 143771 | '' | "
                        + "0.12 | 'gpu2003.chtc.wisc.edu' | 'bob@wisc.edu' | 'ap2002.chtc.wisc.edu#88120.3#1764771001'"
                        + " | NULL | 10485760",
                // backfill p-slot: the GPU comes from AvailableGPUs, an /Expr({...})/ string, without GPUs_
                "'backfill2@gpu2003.chtc.wisc.edu' | 'GPU-7a1c2d3e' | 'GPUs_GPU_7a1c2d3e' | 'Unclaimed' | " + H200
                        + " | 143771 | '' | NULL | 'gpu2003.chtc.wisc.edu' | NULL | NULL | NULL | 1803452112",
                // backfill d-slot with both forms GPUs_GPU_... and GPU_...: both become GPU-...
                "'backfill2_1@gpu2003.chtc.wisc.edu' | 'GPU-0667ce7c' | 'GPUs_GPU_0667ce7c,GPU_1b2c3d4e' | 'Claimed' | "
                        + H200 + " | 143771 | '' | 0.4 | 'gpu2003.chtc.wisc.edu' | 'osg@osg-htc.org' | "
                        + "'ospool-ap2140.chtc.wisc.edu#771.0#1764772200' | NULL | NULL",
                "'backfill2_1@gpu2003.chtc.wisc.edu' | 'GPU-1b2c3d4e' | 'GPUs_GPU_0667ce7c,GPU_1b2c3d4e' | 'Claimed' | "
                        + H200 + " | 143771 | '' | 0.4 | 'gpu2003.chtc.wisc.edu' | 'osg@osg-htc.org' | "
                        + "'ospool-ap2140.chtc.wisc.edu#771.0#1764772200' | NULL | NULL",
                // MIG instances are GPUs with their own ids
                "'slot1@gpu4001.chtc.wisc.edu' | 'MIG-5e6f7a8b-1111-2222-3333-444455556666' | NULL | 'Unclaimed' | "
                        + MIG + " | 40192 | 'ml-lab' | NULL | 'gpu4001.chtc.wisc.edu' | NULL | NULL | NULL | NULL",
                "'slot1_1@gpu4001.chtc.wisc.edu' | 'MIG-9d8c7b6a-aaaa-bbbb-cccc-ddddeeeeffff' | NULL | 'Claimed' | "
                        + MIG + " | 40192 | 'ml-lab' | 0.99 | 'gpu4001.chtc.wisc.edu' | 'carol@wisc.edu' | "
                        + "'ap2001.chtc.wisc.edu#4521400.0#1764773000' | NULL | NULL",
                // a backfill MIG id in the old underscore form equals its primary id (rules §1.4)
                "'backfill2_1@gpu4001.chtc.wisc.edu' | 'MIG-5e6f7a8b-1111-2222-3333-444455556666' | "
                        + "'GPUs_MIG_5e6f7a8b_1111_2222_3333_444455556666' | 'Claimed' | " + MIG + " | 40192 | "
                        + "'ml-lab' | NULL | 'gpu4001.chtc.wisc.edu' | 'osg@osg-htc.org' | "
                        + "'ospool-ap2140.chtc.wisc.edu#772.0#1764773100' | NULL | NULL",
                // an interactive (primary) slot: GPU_ becomes GPU-; a REAL memory is whole MiB
                "'interactive1@gpulab2004.chtc.wisc.edu' | 'GPU-4f5e6d7c' | NULL | 'Claimed' | 'NVIDIA L40S' | 45589 | "
                        + "'' | 0.05 | 'gpulab2004.chtc.wisc.edu' | 'dave@wisc.edu' | "
                        + "'ap2003.chtc.wisc.edu#1200.0#1764774000' | NULL | NULL",
                // missing attributes read as NULL
                "'slot1@gpu2010.chtc.wisc.edu' | 'GPU-aa11bb22' | NULL | 'Unclaimed' | NULL | NULL | NULL | NULL | "
                        + "'gpu2010.chtc.wisc.edu' | NULL | NULL | NULL | NULL",
                // an idle machine: elements are trimmed; its backfill slot offers no GPU, one row with ""
                "'slot1@gpu3005.chtc.wisc.edu' | 'GPU-c0ffee01' | NULL | 'Unclaimed' | 'NVIDIA A40' | 45634 | '' | "
                        + "0.0 | 'gpu3005.chtc.wisc.edu' | NULL | NULL | NULL | 912340000",
                "'slot1@gpu3005.chtc.wisc.edu' | 'GPU-c0ffee02' | NULL | 'Unclaimed' | 'NVIDIA A40' | 45634 | '' | "
                        + "0.0 | 'gpu3005.chtc.wisc.edu' | NULL | NULL | NULL | 912340000",
                "'backfill2@gpu3005.chtc.wisc.edu' | '' | '' | 'Unclaimed' | 'NVIDIA A40' | 45634 | '' | NULL | "
                        + "'gpu3005.chtc.wisc.edu' | NULL | NULL | NULL | NULL",
                // a drained machine keeps its reason
                "'slot1@gpu2015.chtc.wisc.edu' | 'GPU-dead0001' | NULL | 'Drained' | 'NVIDIA A100-SXM4-80GB' | 81154 | "
                        + "'bio-imaging,neuro' | NULL | 'gpu2015.chtc.wisc.edu' | NULL | NULL | 'GPUHealthy == False' | "
                        + "NULL");
        assertThat(collection.ads()).isEqualTo(13);
        assertThat(collection.problems()).isEmpty();
    }

    @Test
    void everyRowOfARunCarriesTheRunsStartWithMicroseconds() {
        Collection collection = LiveAds.collection("pool-collection.json");

        assertThat(collection.rows()).extracting(GpuStateRecord::timestamp)
                .containsOnly("2026-12-07 10:05:16.123456");
    }

    @Test
    void oneSnapshotPerMachineInTheOrderTheirAdsCame() {
        List<HostSnapshot> snapshots = LiveAds.collection("pool-collection.json").snapshots();

        assertThat(snapshots).extracting(HostSnapshot::machine).containsExactly("gpu2003.chtc.wisc.edu",
                "gpu4001.chtc.wisc.edu", "gpulab2004.chtc.wisc.edu", "gpu2010.chtc.wisc.edu", "gpu3005.chtc.wisc.edu",
                "gpu2015.chtc.wisc.edu");
        assertThat(snapshots).extracting(snapshot -> snapshot.rows().size()).containsExactly(7, 3, 1, 1, 3, 1);
        assertThat(snapshots).extracting(HostSnapshot::timestamp).containsOnly(LiveAds.COLLECTED);
    }

    @Test
    void attributeNamesMatchCaseInsensitivelyAsClassAdNamesDo() throws Exception {
        var ad = new ObjectMapper().readTree("{\"name\": \"slot1@h\", \"MACHINE\": \"h\", \"state\": \"Claimed\","
                + " \"assignedgpus\": \"GPU-1\"}");

        assertThat(LiveAds.lines(AdRows.rows(ad, "2026-12-07 10:05:16.123456")))
                .containsExactly("'slot1@h' | 'GPU-1' | NULL | 'Claimed' | NULL | NULL | NULL | NULL | 'h' | NULL | "
                        + "NULL | NULL | NULL");
    }

    @Test
    void badAdsAreSkippedOneLineEachAndTheRestOfTheCollectionIsKept() {
        Collection collection = LiveAds.collection("bad-ads.json");

        assertThat(collection.ads()).isEqualTo(7);
        assertThat(collection.rows()).extracting(GpuStateRecord::name)
                .containsExactly("slot1@gpu2023.chtc.wisc.edu", "slot1_1@gpu2023.chtc.wisc.edu");
        assertThat(collection.problems()).containsExactly(
                "bad-ads.json: ad 1 (line 2): no Name; skipped",
                "bad-ads.json: ad 2 (line 3, Name slot1@gpu2020.chtc.wisc.edu): no Machine; skipped",
                "bad-ads.json: ad 3 (line 4, Name slot1_1@gpu2021.chtc.wisc.edu): GPUs_GlobalMemoryMb must be a "
                        + "number, got \"lots\"; skipped",
                "bad-ads.json: ad 4 (line 6): not an ad (a JSON object): 42; skipped",
                "bad-ads.json: ad 5 (line 7, Name slot1@gpu2022.chtc.wisc.edu): State 'Sleeping': not an HTCondor "
                        + "slot state; skipped");
    }

    @Test
    void unparseableJsonIsOneLineNamingWhere() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveAds.collection("not-json.json"))
                .isInstanceOf(LiveInputException.class)
                .hasMessageStartingWith("not-json.json: not JSON at line 1");
    }
}
