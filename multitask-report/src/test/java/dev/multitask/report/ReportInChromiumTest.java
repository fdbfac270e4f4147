package dev.multitask.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multitask.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson's two runs as a report, opened in headless Chromium: the page's scripts run without an error, draw one
 * lane for one thread and two for two threads with a bar per task, and a screenshot is left in {@code
 * target/report-browser/} for a person to look at.
 */
class ReportInChromiumTest {

    private static final Path OUT = Path.of("target", "report-browser");

    @TempDir
    Path profiles;

    @BeforeAll
    static void needsChromium() {
        // CI installs it (scripts/install-test-deps); a developer without it is told, not failed.
        assumeTrue(Chromium.installed() || System.getenv("CI") != null, "chromium is not installed");
    }

    @Test
    void theLessonRendersWithOneLaneForOneThreadAndTwoOverlappingForTwo() throws Exception {
        Path page = writeLesson();

        Chromium.Output dom = Chromium.dumpDom(page, profiles.resolve("dom"));

        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        assertThat(consoleErrors(dom.stderr())).isEmpty();
        String html = dom.stdout();
        assertThat(attribute(html, "<html", "data-errors"))
                .as(errorsShown(html))
                .isEqualTo("0");
        assertThat(attribute(html, "<html", "data-ready")).isEqualTo("true");
        assertThat(attribute(html, "<html", "data-runs")).isEqualTo("3");
        List<String> runs = sections(html, "run");
        assertThat(runs).hasSize(3);
        assertThat(attribute(runs.get(0), "<section", "data-run")).isEqualTo("1 thread");
        assertThat(attribute(runs.get(0), "<section", "data-lanes")).isEqualTo("1");
        assertThat(attribute(runs.get(0), "<section", "data-bars")).isEqualTo("4");
        assertThat(attribute(runs.get(0), "<section", "data-rendered-bars")).isEqualTo("4");
        assertThat(attribute(runs.get(1), "<section", "data-run")).isEqualTo("2 threads");
        assertThat(attribute(runs.get(1), "<section", "data-lanes")).isEqualTo("2");
        assertThat(attribute(runs.get(1), "<section", "data-rendered-bars")).isEqualTo("4");
        assertThat(attribute(runs.get(2), "<section", "data-lanes")).isEqualTo("1");
        assertThat(attribute(runs.get(2), "<section", "data-decisions")).isEqualTo("2");
        assertThat(html).contains("tasks wait: limit 1 -&gt; 4");
        assertThat(sections(html, "comparison"))
                .as("one comparison: the run of other work is not compared")
                .singleElement()
                .satisfies(c -> {
                    assertThat(attribute(c, "<section", "data-work")).isEqualTo("lesson");
                    assertThat(attribute(c, "<section", "data-runs")).isEqualTo("2");
                });
        assertThat(html).contains("<canvas");
    }

    @Test
    void leavesAScreenshotOfTheLesson() throws Exception {
        Path page = writeLesson();
        Path png = OUT.resolve("lesson.png");
        Files.deleteIfExists(png);

        Chromium.Output shot = Chromium.screenshot(page, png, profiles.resolve("shot"), 1280, 1900);

        assertThat(shot.exitCode()).as(shot.stderr()).isZero();
        assertThat(consoleErrors(shot.stderr())).isEmpty();
        assertThat(png).exists();
        assertThat(Files.size(png)).as("a page with charts, not a blank one").isGreaterThan(30_000);
    }

    private static Path writeLesson() throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("lesson.html");
        HtmlReport.write(
                page,
                "One thread, then two",
                List.of(
                        new Run("1 thread", "lesson", Lessons.oneThread()),
                        new Run("2 threads", "lesson", Lessons.twoThreads()),
                        new Run(
                                "sequential",
                                "other work",
                                Lessons.oneThread()
                                        .withDecisions(List.of(
                                                new Decision(0, 1, "start"),
                                                new Decision(150_000_000L, 4, "tasks wait: limit 1 -> 4"))))),
                Lessons.cpu());
        return page;
    }

    /** Chromium logs a page's console messages to stderr as {@code ...:CONSOLE(line)] "message"}. */
    private static List<String> consoleErrors(String stderr) {
        return stderr.lines()
                .filter(line -> line.contains("CONSOLE") || line.contains("Uncaught"))
                .toList();
    }

    private static String errorsShown(String html) {
        Matcher errors = Pattern.compile("<pre id=\"errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL)
                .matcher(html);
        return errors.find() ? errors.group(1) : "";
    }

    private static List<String> sections(String html, String kind) {
        List<String> sections = new ArrayList<>();
        Matcher tag = Pattern.compile("<section class=\"" + kind + "\"[^>]*>").matcher(html);
        while (tag.find()) {
            sections.add(tag.group());
        }
        return sections;
    }

    private static String attribute(String html, String tag, String name) {
        Matcher m = Pattern.compile(Pattern.quote(tag) + "\\b[^>]*?\\s" + name + "=\"([^\"]*)\"")
                .matcher(html);
        return m.find() ? m.group(1) : null;
    }
}
