package dev.multitask.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobInputsTest {

    @Test
    void theFirstSourceIsStreamedSoAnEndlessInputStartsAtOnce() {
        InputStream endless = new InputStream() {
            private long n;

            @Override
            public int read() {
                return n++ % 2 == 0 ? 'x' : '\n';
            }
        };
        try (JobInputs inputs = new JobInputs(
                List.of(List.of(InputSource.ofFile("-", endless, '\n')), List.of(values("1", "2"))), false)) {
            List<List<String>> first = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                first.add(inputs.next());
            }
            assertThat(first)
                    .containsExactly(List.of("x", "1"), List.of("x", "2"), List.of("x", "1"), List.of("x", "2"));
        }
    }

    @Test
    void cartesianProductVariesTheLastSourceFastest() {
        assertThat(all(new JobInputs(List.of(List.of(values("a", "b")), List.of(values("1", "2"))), false)))
                .containsExactly(List.of("a", "1"), List.of("a", "2"), List.of("b", "1"), List.of("b", "2"));
    }

    @Test
    void linkWrapsShorterSourcesButLinkedGroupsStopAtTheShortest() {
        assertThat(all(new JobInputs(List.of(List.of(values("a", "b", "c"), values("1", "2"))), true)))
                .containsExactly(List.of("a", "1"), List.of("b", "2"), List.of("c", "1"));
        assertThat(all(new JobInputs(List.of(List.of(values("a", "b", "c"), values("1", "2"))), false)))
                .containsExactly(List.of("a", "1"), List.of("b", "2"));
    }

    @Test
    void nulSeparatedRecordsKeepNewlinesAndEmptyRecords() {
        InputStream in = new ByteArrayInputStream("a\nb\0\0c".getBytes(StandardCharsets.UTF_8));
        assertThat(all(new JobInputs(List.of(List.of(InputSource.ofFile("-", in, '\0'))), false)))
                .containsExactly(List.of("a\nb"), List.of(""), List.of("c"));
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> InputSource.ofFile("/no/such/file", InputStream.nullInputStream(), '\n'))
                .isInstanceOf(RunException.class)
                .hasMessageContaining("/no/such/file");
    }

    private static InputSource values(String... values) {
        return InputSource.ofValues(List.of(values), true);
    }

    private static List<List<String>> all(JobInputs inputs) {
        List<List<String>> all = new ArrayList<>();
        inputs.forEachRemaining(all::add);
        inputs.close();
        return all;
    }
}
