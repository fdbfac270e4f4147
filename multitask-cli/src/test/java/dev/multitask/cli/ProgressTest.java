package dev.multitask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);
    private final AtomicLong now = new AtomicLong(100 * SECOND);

    @Test
    void aBarShowsCountShareRateAndTimeLeft() {
        try (Progress progress = Progress.start("get", 100, Progress.Style.BAR, out, Duration.ofHours(1), now::get)) {
            progress.advance(25);
            now.addAndGet(5 * SECOND);

            assertThat(progress.render(now.get(), false))
                    .isEqualTo("get  [=======>                      ] 25/100 (25%), 5.0/s, ETA 0:15");
        }
    }

    @Test
    void aLineShowsTheSameWithoutABar() {
        try (Progress progress =
                Progress.start("run", 1000, Progress.Style.LINES, out, Duration.ofHours(1), now::get)) {
            progress.advance(400);
            now.addAndGet(200 * SECOND);

            assertThat(progress.render(now.get(), false)).isEqualTo("run: 400/1000 (40%), 2.0/s, ETA 5:00");
        }
    }

    @Test
    void anUnknownTotalShowsCountAndRateOnly() {
        try (Progress progress = Progress.start("get", 0, Progress.Style.LINES, out, Duration.ofHours(1), now::get)) {
            progress.advance(30);
            now.addAndGet(10 * SECOND);

            assertThat(progress.render(now.get(), false)).isEqualTo("get: 30, 3.0/s");
        }
    }

    @Test
    void linesAppearPeriodicallyAndTheLastSaysHowLongItTook() {
        Progress progress = Progress.start("run", 10, Progress.Style.LINES, out, Duration.ofMillis(20), now::get);
        progress.step();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> text.toString().lines().count() >= 2);
        progress.advance(9);
        now.addAndGet(65 * SECOND);
        progress.close();
        progress.close();

        String[] lines = text.toString().split("\n");
        assertThat(lines[0]).startsWith("run: 1/10 (10%)");
        assertThat(lines[lines.length - 1]).isEqualTo("run: 10/10 (100%), 0.2/s, done in 1:05");
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    void aBarIsRedrawnInPlaceAndEndsItsLine() {
        Progress progress = Progress.start("run", 4, Progress.Style.BAR, out, Duration.ofMillis(20), now::get);
        progress.advance(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> text.toString().contains("2/4"));
        progress.advance(2);
        progress.close();

        String shown = text.toString();
        assertThat(shown).startsWith("\r").contains("2/4").endsWith("4/4 (100%), done in 0:00\u001b[K\n");
        assertThat(shown.chars().filter(c -> c == '\n').count())
                .as("one line, redrawn")
                .isEqualTo(1);
    }

    @Test
    void countingBytesShowsBytesTheirRateAndFailures() {
        try (Progress progress =
                Progress.start("get", 4, true, Progress.Style.LINES, out, Duration.ofHours(1), now::get)) {
            progress.step();
            progress.step();
            progress.failed();
            progress.addBytes(3 << 20);
            now.addAndGet(2 * SECOND);

            assertThat(progress.render(now.get(), false))
                    .isEqualTo("get: 2/4 (50%), 3.0 MiB, 1.5 MiB/s, 1 failed, ETA 0:02");
        }
    }

    @Test
    void timeLeftCountsTheKnownPartOfItemsInProgress() {
        try (Progress progress =
                Progress.start("get", 2, true, Progress.Style.LINES, out, Duration.ofHours(1), now::get)) {
            Progress.Item item = progress.begin("a.bin");
            item.size(100);
            item.add(50);
            now.addAndGet(10 * SECOND);

            assertThat(progress.render(now.get(), false)).endsWith(", ETA 0:30"); // half of one of two in 10 s
            assertThat(progress.bytes()).isEqualTo(50);
        }
    }

    @Test
    void aBarShowsALinePerItemInProgressAndErasesThemAtTheEnd() {
        Progress progress = Progress.start("get", 1, true, Progress.Style.BAR, out, Duration.ofMillis(20), now::get);
        Progress.Item item = progress.begin("a.bin");
        item.size(1000);
        item.add(500);
        await().atMost(Duration.ofSeconds(10)).until(() -> text.toString().contains("a.bin"));
        item.close();
        progress.step();
        progress.close();

        String shown = text.toString();
        assertThat(shown).contains("500 B of 1000 B ").contains(" 50%");
        assertThat(shown).endsWith("1/1 (100%), 500 B, done in 0:00\u001b[K\u001b[J\n");
        assertThat(shown.substring(shown.lastIndexOf('\r'))).doesNotContain("a.bin");
    }

    @Test
    void quietShowsNothing() {
        try (Progress progress = Progress.start("run", 4, Progress.Style.QUIET, out, Duration.ofMillis(1), now::get)) {
            progress.advance(4);
            assertThat(progress.done()).isEqualTo(4);
        }
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void quietWinsOverTheTerminal() {
        assertThat(Progress.Style.detect(true)).isEqualTo(Progress.Style.QUIET);
        assertThat(Progress.Style.detect(false))
                .as("tests run without a terminal")
                .isEqualTo(Progress.Style.LINES);
    }
}
