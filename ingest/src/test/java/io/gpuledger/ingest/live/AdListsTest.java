package io.gpuledger.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The three forms condor_status prints a list attribute in give the same list. */
class AdListsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void anArrayACommaStringAndAnUnevaluatedExpressionAreTheSameList() throws Exception {
        assertThat(AdLists.elements("AvailableGPUs", json("[\"GPUs_GPU_1a2b\", \"GPUs_GPU_3c4d\"]")))
                .containsExactly("GPUs_GPU_1a2b", "GPUs_GPU_3c4d");
        assertThat(AdLists.elements("AvailableGPUs", json("\"GPUs_GPU_1a2b, GPUs_GPU_3c4d\"")))
                .containsExactly("GPUs_GPU_1a2b", "GPUs_GPU_3c4d");
        assertThat(AdLists.elements("AvailableGPUs", json("\"/Expr({ GPUs_GPU_1a2b, GPUs_GPU_3c4d })/\"")))
                .containsExactly("GPUs_GPU_1a2b", "GPUs_GPU_3c4d");
    }

    @Test
    void quotedClassAdStringsAndBareBracesAreUnwrapped() throws Exception {
        assertThat(AdLists.elements("AssignedGPUs", json("\"{ \\\"GPU-1a2b\\\", \\\"GPU-3c4d\\\" }\"")))
                .containsExactly("GPU-1a2b", "GPU-3c4d");
    }

    @Test
    void emptyAndMissingValuesAreEmptyLists() throws Exception {
        assertThat(AdLists.elements("AssignedGPUs", null)).isEmpty();
        assertThat(AdLists.elements("AssignedGPUs", json("null"))).isEmpty();
        assertThat(AdLists.elements("AssignedGPUs", json("\"\""))).isEmpty();
        assertThat(AdLists.elements("AssignedGPUs", json("\"/Expr({ })/\""))).isEmpty();
        assertThat(AdLists.elements("AssignedGPUs", json("[]"))).isEmpty();
    }

    @Test
    void aNumberIsNotAList() throws Exception {
        assertThatThrownBy(() -> AdLists.elements("AssignedGPUs", json("7")))
                .isInstanceOf(BadAdException.class).hasMessage("AssignedGPUs must be a list of names, got 7");
    }
}
