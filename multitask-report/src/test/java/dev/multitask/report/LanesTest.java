package dev.multitask.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.TaskRecord;
import dev.multitask.TaskRecord.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanesTest {

    @Test
    void givesEachWorkerALaneInTheOrderTheyFirstStartedNamedWithoutThePoolPrefix() {
        Lanes lanes = Lanes.of("two", Lessons.twoThreads().tasks());
        assertThat(lanes.names()).containsExactly("worker-1", "worker-2");
        assertThat(lanes.packed()).isFalse();
    }

    @Test
    void packsTasksOfTooManyWorkersIntoAsFewLanesAsRanAtOnce() {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // a thread per task, three at a time, each 10 ms
            long start = (i / 3) * 10 * Lessons.MS;
            tasks.add(
                    Lessons.task(i + 1, "multitask-v-task-" + i, 0, start, start + 10 * Lessons.MS, Outcome.SUCCEEDED));
        }

        Lanes lanes = Lanes.of("v", tasks);

        assertThat(lanes.packed()).isTrue();
        assertThat(lanes.names()).containsExactly("lane 1", "lane 2", "lane 3");
        for (int i = 0; i < tasks.size(); i += 3) {
            assertThat(List.of(
                            lanes.laneOf(tasks.get(i)), lanes.laneOf(tasks.get(i + 1)), lanes.laneOf(tasks.get(i + 2))))
                    .as("tasks that run at once are in different lanes")
                    .containsExactlyInAnyOrder(0, 1, 2);
        }
    }
}
