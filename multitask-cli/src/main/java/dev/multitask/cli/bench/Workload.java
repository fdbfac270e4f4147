package dev.multitask.cli.bench;

import dev.multitask.SerializableFunction;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What {@code multitask bench} runs on every strategy: a number of tasks, each {@code task} applied to the task's
 * index. A task that throws counts as a failure, not as the end of the run.
 *
 * @param name the workload's name as given to {@code --workload}, such as {@code io}
 * @param description what a task does, in words, for the table's heading
 * @param tasks how many tasks a run has
 * @param task what one task does, given its index; serializable, so that worker processes can run it too
 * @param inThisProcessOnly whether the tasks need something that lives in this JVM (the simulated server of {@code
 *     overloaded}), which worker processes cannot reach
 */
record Workload(
        String name,
        String description,
        int tasks,
        SerializableFunction<Integer, Boolean> task,
        boolean inThisProcessOnly) {

    List<Integer> inputs() {
        return IntStream.range(0, tasks).boxed().toList();
    }
}
