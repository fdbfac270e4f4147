package dev.multitask.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.Decision;
import dev.multitask.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void thePageNeedsNoNetwork() throws Exception {
        String page = write();

        assertThat(page).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=");
        assertThat(page).contains("Apache ECharts").contains("echarts.init");
        assertThat(Pattern.compile("(?:src|href)\\s*=\\s*[\"']?https?:")
                        .matcher(page)
                        .find())
                .isFalse();
    }

    @Test
    void embedsTheRunsAsJsonWithTimesFromEachRunsStart() throws Exception {
        JsonNode data = data(write());

        assertThat(data.get("runs")).hasSize(2);
        JsonNode two = data.get("runs").get(1);
        assertThat(two.get("name").asText()).isEqualTo("threads:2");
        assertThat(two.get("lanes")).extracting(JsonNode::asText).containsExactly("worker-1", "worker-2");
        assertThat(two.get("summary").get("workers").asInt()).isEqualTo(2);
        assertThat(two.get("summary").get("failed").asInt()).isEqualTo(1);
        assertThat(two.get("summary").get("wallMs").asDouble()).isEqualTo(202.0);
        JsonNode second = two.get("tasks").get(1); // [id, label, worker, submitted, started, finished, ...]
        assertThat(second.get(0).asLong()).isEqualTo(2);
        assertThat(second.get(4).asDouble()).isEqualTo(2.0);
        assertThat(second.get(5).asDouble()).isEqualTo(102.0);
        assertThat(two.get("cpu"))
                .as("samples from 100 ms before to 100 ms after the run")
                .hasSize(5);
    }

    @Test
    void textFromTasksCannotBreakOutOfThePage() throws Exception {
        String page = write();

        assertThat(page).doesNotContain("<refused>");
        assertThat(data(page).get("runs").get(1).get("tasks").get(3).get(7).asText())
                .isEqualTo("java.io.IOException: <refused> & \"gone\"");
    }

    @Test
    void keepsWhatWorkEachRunDidSoThatOnlyRunsOfTheSameWorkAreCompared() throws Exception {
        Path file = dir.resolve("works.html");
        HtmlReport.write(
                file,
                "two lessons",
                List.of(
                        new Run("1 thread", "threads", Lessons.oneThread()),
                        new Run("2 threads", "threads", Lessons.twoThreads()),
                        new Run("pool", "pool", Lessons.twoThreads())),
                CpuSamples.none());

        JsonNode runs = data(Files.readString(file)).get("runs");
        assertThat(runs).extracting(r -> r.get("work").asText()).containsExactly("threads", "threads", "pool");
        assertThat(runs)
                .extracting(r -> r.get("title").asText())
                .containsExactly("threads: 1 thread", "threads: 2 threads", "pool: pool");
    }

    @Test
    void listsWhatAnAutoPoolDecidedWithTimesFromTheRunsStart() throws Exception {
        Trace auto = Lessons.twoThreads()
                .withDecisions(List.of(
                        new Decision(0, 2, "start at the number of processors"),
                        new Decision(60_000_000, 16, "tasks spend 99% of their time waiting: limit 2 -> 16")));
        Path file = dir.resolve("auto.html");
        HtmlReport.write(file, "auto", List.of(auto));

        JsonNode decisions = data(Files.readString(file)).get("runs").get(0).get("decisions");
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(1).get(1).asInt()).isEqualTo(16);
        assertThat(decisions.get(1).get(2).asText()).isEqualTo("tasks spend 99% of their time waiting: limit 2 -> 16");
        assertThat(data(write()).get("runs").get(0).get("decisions")).isEmpty();
    }

    @Test
    void escapesTheTitle() throws Exception {
        Path file = dir.resolve("t.html");
        HtmlReport.write(file, "a <b> & c", List.of(Lessons.oneThread()));
        assertThat(Files.readString(file)).contains("<title>a &lt;b&gt; &amp; c</title>");
    }

    private String write() throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.write(file, "lesson", Run.of(List.of(Lessons.oneThread(), Lessons.twoThreads())), Lessons.cpu());
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
        return Files.readString(file);
    }

    private static JsonNode data(String page) throws Exception {
        Matcher json = Pattern.compile(
                        "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(json.find()).isTrue();
        return new ObjectMapper().readTree(json.group(1));
    }
}
