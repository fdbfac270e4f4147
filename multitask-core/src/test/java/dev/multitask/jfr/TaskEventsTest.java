package dev.multitask.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskEventsTest {

    private static final List<String> EVENTS =
            List.of("dev.multitask.TaskSubmitted", "dev.multitask.TaskStarted", "dev.multitask.TaskFinished");

    @TempDir
    Path dir;

    @Test
    void aRecordingShowsEveryTaskSubmittedStartedAndFinishedWithItsOutcome() throws Exception {
        List<RecordedEvent> events = record(() -> {
            try (Pool pool = Pool.builder(Strategy.threads(2)).name("jfr").build()) {
                pool.map((Integer n) -> n * 2, List.of(1, 2, 3)).toList();
                pool.submit("boom", () -> {
                            throw new IllegalStateException("bad");
                        })
                        .exception(Duration.ofSeconds(10));
            }
        });

        Map<String, List<RecordedEvent>> byType = events.stream()
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        assertThat(byType.get("dev.multitask.TaskSubmitted")).hasSize(4);
        assertThat(byType.get("dev.multitask.TaskStarted")).hasSize(4);
        List<RecordedEvent> finished = byType.get("dev.multitask.TaskFinished");
        assertThat(finished).hasSize(4).allSatisfy(e -> {
            assertThat(e.getString("pool")).isEqualTo("jfr");
            assertThat(e.getString("worker")).startsWith("multitask-jfr-worker-");
            assertThat(e.getThread().getJavaName()).isEqualTo(e.getString("worker"));
        });
        assertThat(finished)
                .extracting(e -> e.getLong("taskId") + " " + e.getString("label") + " " + e.getString("outcome"))
                .containsExactlyInAnyOrder("1 1 SUCCEEDED", "2 2 SUCCEEDED", "3 3 SUCCEEDED", "4 boom FAILED");
        assertThat(finished)
                .filteredOn(e -> e.getLong("taskId") == 4)
                .singleElement()
                .satisfies(e -> assertThat(e.getString("error")).isEqualTo("java.lang.IllegalStateException: bad"));
    }

    @Test
    void aTaskFinishedEventLastsAsLongAsTheTaskRan() throws Exception {
        List<RecordedEvent> events = record(() -> {
            try (Pool pool = Pool.sequential()) {
                pool.submit("nap", () -> {
                    Thread.sleep(50); // the work being measured, not synchronisation
                    return null;
                });
            }
        });
        RecordedEvent finished = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.multitask.TaskFinished"))
                .findFirst()
                .orElseThrow();
        assertThat(finished.getDuration()).isBetween(Duration.ofMillis(45), Duration.ofSeconds(10));
    }

    @Test
    void aTaskCancelledBeforeItStartedFinishesAsCancelledWithNoWorker() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<RecordedEvent> events = record(() -> {
            try (Pool pool = Pool.threads(1)) {
                pool.submit(() -> release.await(10, TimeUnit.SECONDS));
                pool.submit("never", () -> 1).cancel(false);
                release.countDown();
            }
        });
        assertThat(events)
                .filteredOn(e -> e.getEventType().getName().equals("dev.multitask.TaskFinished"))
                .filteredOn(e -> "never".equals(e.getString("label")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getString("outcome")).isEqualTo("CANCELLED");
                    assertThat(e.getString("worker")).isNull();
                });
        assertThat(events)
                .filteredOn(e -> e.getEventType().getName().equals("dev.multitask.TaskStarted"))
                .extracting(e -> e.getString("label"))
                .doesNotContain("never");
    }

    @Test
    void aRecordingThatDisablesTheEventsGetsNone() throws Exception {
        Path file = dir.resolve("off.jfr");
        try (Recording recording = new Recording()) {
            EVENTS.forEach(recording::disable); // JFR enables events by default, so a plain recording gets them
            recording.start();
            try (Pool pool = Pool.threads(2)) {
                pool.map((Integer n) -> n, List.of(1, 2, 3)).toList();
            }
            recording.stop();
            recording.dump(file);
        }
        assertThat(RecordingFile.readAllEvents(file))
                .extracting(e -> e.getEventType().getName())
                .doesNotContainAnyElementsOf(EVENTS);
    }

    private interface Work {
        void run() throws Exception;
    }

    private List<RecordedEvent> record(Work work) throws Exception {
        Path file = dir.resolve("tasks.jfr");
        try (Recording recording = new Recording()) {
            EVENTS.forEach(name -> recording.enable(name).withoutThreshold());
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> EVENTS.contains(e.getEventType().getName()))
                .toList();
    }
}
