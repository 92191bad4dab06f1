package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API document says what the service really answers: every public route, no internal one, every parameter. */
class OpenApiDocumentTest {

    private static final JsonNode DOCUMENT = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(ApiDocument.body());
        } catch (IOException e) {
            throw new AssertionError("openapi.json is not JSON", e);
        }
    }

    private static List<String> documentedPaths() {
        List<String> paths = new ArrayList<>();
        DOCUMENT.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    private static List<String> parameters(String path) {
        List<String> names = new ArrayList<>();
        DOCUMENT.path("paths").path(path).path("get").path("parameters")
                .forEach(parameter -> names.add(parameter.path("name").asText()));
        return names;
    }

    @Test
    void everyPublicRouteIsDocumentedAndNoInternalOneIs() {
        List<String> publicApi = Arrays.stream(Route.values())
                .filter(route -> !route.internal() && route != Route.ASSETS && route != Route.FAVICON)
                .map(Route::documentedPath).toList();

        assertThat(DOCUMENT.path("openapi").asText()).startsWith("3.");
        assertThat(documentedPaths()).containsExactlyInAnyOrderElementsOf(publicApi);
        assertThat(documentedPaths()).doesNotContain(Route.EDGE_DIGESTS.path(), Route.RAW_SNAPSHOTS.path());
    }

    @Test
    void theReportAndHistoryParametersAreTheOnesTheServiceAccepts() {
        assertThat(parameters(Route.REPORT.path())).containsExactlyElementsOf(ReportParameters.names());
        assertThat(parameters(Route.HISTORY.path()))
                .containsExactlyInAnyOrderElementsOf(MetricsEndpoint.HISTORY_PARAMETERS);
    }

    @Test
    void everyOperationSaysWhatItAnswers() {
        DOCUMENT.path("paths").forEach(path -> path.forEach(operation -> {
            assertThat(operation.path("summary").asText()).isNotBlank();
            assertThat(operation.path("responses").has("200") || operation.path("responses").has("202"))
                    .as("%s", operation.path("summary")).isTrue();
        }));
    }

    @Test
    void theReplayRequestFieldsAndMethodsAreTheOnesTheServiceAccepts() {
        JsonNode replays = DOCUMENT.path("paths").path(Route.REPLAYS.documentedPath());
        List<String> jsonFields = new ArrayList<>();
        replays.path("post").path("requestBody").path("content").path("application/json").path("schema")
                .path("properties").fieldNames().forEachRemaining(jsonFields::add);
        List<String> formFields = new ArrayList<>();
        replays.path("post").path("requestBody").path("content").path("application/x-www-form-urlencoded")
                .path("schema").path("properties").fieldNames().forEachRemaining(formFields::add);
        assertThat(jsonFields).containsExactlyElementsOf(ReplayRequests.FIELDS);
        assertThat(formFields).containsExactlyElementsOf(ReplayRequests.FIELDS);
        assertThat(replays.path("post").path("responses").fieldNames()).toIterable()
                .contains("202", "400", "409");
        List<String> oneMethods = new ArrayList<>();
        DOCUMENT.path("paths").path(Route.REPLAY.documentedPath()).fieldNames().forEachRemaining(oneMethods::add);
        assertThat(oneMethods).contains("get", "delete");
    }
}
