package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.streams.replay.ReplayRequest;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ReplayRequestsTest {

    private static ApiException refused(String contentType, String body) {
        try {
            ReplayRequests.parse(contentType, body);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void jsonAndFormGiveTheSameRequest() {
        ReplayRequest expected = new ReplayRequest(YearMonth.of(2025, 10), YearMonth.of(2025, 12), true);
        assertThat(ReplayRequests.parse("application/json",
                "{\"from\":\"2025-10\",\"to\":\"2025-12\",\"skip-bad-rows\":true}")).isEqualTo(expected);
        assertThat(ReplayRequests.parse("application/x-www-form-urlencoded",
                "from=2025-10&to=2025-12&skip-bad-rows=true")).isEqualTo(expected);
        // curl -d without -H sends a form type; a JSON body without any type is read as JSON.
        assertThat(ReplayRequests.parse(null, " {\"from\":\"2025-10\",\"to\":\"2025-12\",\"skip-bad-rows\":\"true\"}"))
                .isEqualTo(expected);
        assertThat(ReplayRequests.parse(null, "from=2025-10&to=2025-12&skip-bad-rows=true")).isEqualTo(expected);
    }

    @Test
    void toDefaultsToFromAndSkippingBadRowsIsOff() {
        assertThat(ReplayRequests.parse("application/json", "{\"from\":\"2025-11\"}"))
                .isEqualTo(new ReplayRequest(YearMonth.of(2025, 11), YearMonth.of(2025, 11), false));
        assertThat(ReplayRequests.parse("application/json", "{\"from\":\"2025-11\",\"to\":null,\"skip-bad-rows\":false}"))
                .isEqualTo(new ReplayRequest(YearMonth.of(2025, 11), YearMonth.of(2025, 11), false));
    }

    @Test
    void aBadMonthIsA400NamingItsField() {
        ApiException month13 = refused("application/json", "{\"from\":\"2025-13\",\"to\":\"2025-12\"}");
        assertThat(month13.status()).isEqualTo(400);
        assertThat(month13.body()).containsEntry("parameter", "from");
        assertThat(month13.getMessage()).isEqualTo("from must be a month YYYY-MM, got '2025-13'");

        assertThat(refused(null, "from=2025-10&to=2025-1").body()).containsEntry("parameter", "to");
        assertThat(refused(null, "from=2025-10-01").body()).containsEntry("parameter", "from");
        assertThat(refused(null, "from=..%2F..%2Fetc&to=2025-12").getMessage())
                .isEqualTo("from must be a month YYYY-MM, got '../../etc'");
    }

    @Test
    void fromAfterToIsA400NamingTo() {
        ApiException reversed = refused("application/json", "{\"from\":\"2025-12\",\"to\":\"2025-10\"}");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).containsEntry("parameter", "to");
        assertThat(reversed.getMessage()).isEqualTo("to (2025-10) must not be before from (2025-12)");
    }

    @Test
    void missingFromUnknownFieldsAndPathsAreRefused() {
        assertThat(refused("application/json", "{}").body()).containsEntry("parameter", "from");
        assertThat(refused(null, "").body()).containsEntry("parameter", "from");
        ApiException path = refused("application/json", "{\"from\":\"2025-10\",\"dir\":\"/etc\"}");
        assertThat(path.body()).containsEntry("parameter", "dir");
        assertThat(path.getMessage()).isEqualTo("unknown field 'dir': a replay takes from, to, skip-bad-rows");
        assertThat(refused(null, "from=2025-10&from=2025-11").getMessage()).isEqualTo("from is given twice");
        assertThat(refused("application/json", "{\"from\":[\"2025-10\"]}").body()).containsEntry("parameter",
                "from");
    }

    @Test
    void aBadFlagOrABodyThatIsNotJsonIsA400OnOneLine() {
        ApiException flag = refused("application/json", "{\"from\":\"2025-10\",\"skip-bad-rows\":1}");
        assertThat(flag.body()).containsEntry("parameter", "skip-bad-rows");
        ApiException notJson = refused("application/json", "{\"from\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.getMessage()).startsWith("the body is not JSON").doesNotContain("\n");
        assertThat(refused("application/json", "[\"2025-10\"]").getMessage()).startsWith("the body must be a JSON object");
    }
}
