package io.gpuledger.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules §1.4: backfill ids turn every {@code _} into {@code -}; primary ids are untouched; ids are opaque. */
class GpuIdsTest {

    @ParameterizedTest(name = "{0} [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # Name               | stored id                    | normalised id
            # backfill rows: every _ becomes -
            backfill2@h          | GPU_1a2b3c4d                 | GPU-1a2b3c4d
            backfill2_1@h        | GPU_1a2b                     | GPU-1a2b
            slot1_backfill@h     | GPU_1a2b                     | GPU-1a2b
            backfill2@h          | MIG_aa11_bb22                | MIG-aa11-bb22
            backfill2@h          | MIG_1a2b_3c4d_5e6f           | MIG-1a2b-3c4d-5e6f
            backfill2@h          | GPU-0667ce7c                 | GPU-0667ce7c
            # primary rows: exactly as stored
            slot1@h              | GPU_1a2b                     | GPU_1a2b
            slot1_1@h            | MIG_aa11_bb22                | MIG_aa11_bb22
            interactive1@h       | GPU_1                        | GPU_1
            Backfill2@h          | GPU_1                        | GPU_1
            slot1@h              | GPU-0667ce7c                 | GPU-0667ce7c
            # no trimming, case folding or splitting
            backfill2@h          | ' GPU_1 '                    | ' GPU-1 '
            backfill2@h          | gpu_AbC                      | gpu-AbC
            backfill2@h          | 'GPU_1,GPU_2'                | 'GPU-1,GPU-2'
            slot1@h              | ' GPU-1'                     | ' GPU-1'
            # no GPU stays no GPU
            backfill2@h          | ''                           | ''
            backfill2@h          | NULL                         | NULL
            slot1@h              | NULL                         | NULL
            """)
    void normalise(String slotName, String storedId, String normalisedId) {
        assertThat(GpuIds.normalise(slotName, storedId)).isEqualTo(normalisedId);
    }
}
