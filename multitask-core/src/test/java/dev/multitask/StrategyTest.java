package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrategyTest {

    @ParameterizedTest
    @CsvSource({
        "sequential, sequential",
        "threads:8, threads:8",
        " Threads:3 , threads:3",
        "virtual, virtual",
        "virtual:1000, virtual:1000",
        "processes:4, processes:4",
        "auto, auto",
        " Auto , auto",
        "cluster, cluster",
        "'cluster:a:5701,b:5702', 'cluster:a:5701,b:5702'"
    })
    void parsesTextAndWritesItBack(String text, String canonical) {
        assertThat(Strategy.parse(text)).hasToString(canonical);
        assertThat(Strategy.parse(canonical)).isEqualTo(Strategy.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "processes"})
    void countDefaultsToTheNumberOfProcessors(String text) {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(Strategy.parse(text)).hasToString(text + ":" + processors);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "fibers | unknown strategy 'fibers': expected sequential, threads[:N], virtual[:N], processes[:N]",
                "threads:0 | worker count must be at least 1, got 0",
                "threads:-2 | worker count must be at least 1, got -2",
                "threads:x | worker count must be a whole number, got 'x'",
                "threads:40000 | worker count must be at most 32767 platform threads (virtual threads have no such limit), got 40000",
                "virtual:0 | concurrency limit must be at least 1, got 0",
                "sequential:2 | strategy 'sequential' takes no count",
                "auto:4 | strategy 'auto' takes no count"
            })
    void rejectsBadTextWithAMessageForTheUser(String text, String message) {
        assertThatThrownBy(() -> Strategy.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @org.junit.jupiter.api.Test
    void clusterKeepsMembersInOrder() {
        assertThat(Strategy.parse("cluster:h1:1,h2:2")).isEqualTo(new Strategy.Cluster(List.of("h1:1", "h2:2")));
    }
}
