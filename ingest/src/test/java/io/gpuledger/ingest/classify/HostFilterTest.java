package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules §2.8: {@code hostMatch(h)}: empty, or {@code Machine} contains {@code h} case-insensitively and literally. */
class HostFilterTest {

    @ParameterizedTest(name = "host [{0}] on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # h            | Machine                       | matches
            ''             | gpu2003.chtc.wisc.edu         | true
            host1          | host1.domain.com              | true
            host1          | host2.domain.com              | false
            HOST1          | host1.domain.com              | true
            host1          | HOST1.DOMAIN.COM              | true
            gpu2003        | gpu2003.chtc.wisc.edu         | true
            gpu2003        | gpu2004.chtc.wisc.edu         | false
            # literal, never a regular expression
            2003.          | gpu2003.chtc.wisc.edu         | true
            2003.          | gpu20034.chtc.wisc.edu        | false
            gpu(bad        | gpu(bad.chtc.wisc.edu         | true
            gpu.*          | gpu2003.chtc.wisc.edu         | false
            """)
    void hostMatch(String fragment, String machine, boolean matches) {
        assertThat(new HostFilter(fragment).matches(machine)).isEqualTo(matches);
    }

    @Test
    void nullAndEmptyMeanNoFilter() {
        assertThat(new HostFilter(null)).isEqualTo(HostFilter.NONE);
        assertThat(HostFilter.NONE.isNone()).isTrue();
        assertThat(new HostFilter("h").isNone()).isFalse();
        assertThat(HostFilter.NONE.matches("anything.example.org")).isTrue();
    }
}
